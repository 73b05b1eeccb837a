/**
 * One alert (预警详情): its summary, level, deadline with the working days it leaves, its history,
 * and the actions the signed-in person may take. The version read is sent with an action as
 * `expectedVersion`; when someone changed the alert first the API answers 409, the page says so
 * and reads the alert again. A 400's refused fields show beside the fields.
 */
import { Alert as Notice, App, Button, Card, Descriptions, Form, Input, Radio, Result, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { historyNoteIn } from './history-note';
import type { Problem } from '../api/client';
import type { components } from '../api/schema';
import { roleName } from '../auth/staff-member';
import { useDeadlineStanding } from '../calendar/deadline-standing';
import type { DeadlineStanding } from '../calendar/working-days';
import type { PageProps } from '../frame/routes';
import { useLanguage } from '../language/language';
import type { AlertAction, ConsoleStrings, HistoryChange } from '../language/strings';
import { PrintButton, PrintedAt } from '../print/print-button';
import { shanghaiDate, shanghaiDateTime } from '../shanghai-time';
import { actionsFor } from './alert-actions';
import { alertLevels, type AlertStatus } from './alert-labels';
import { casePath, LevelTag } from './alert-links';
import { issueFromAlert } from '../accountability/accountability-labels';
import { useDepartmentName } from './department-name';

type Alert = components['schemas']['Alert'];
type ActionBody = components['schemas']['AlertAction'];

type Reading =
  { readonly state: 'loading' } | { readonly state: 'notFound' } | { readonly state: 'failed' } | { readonly state: 'read'; readonly alert: Alert };

/** What the action form holds; evidence is one item a line. */
interface ActionFields {
  readonly note?: string;
  readonly response?: 'corrected' | 'explained';
  readonly evidence?: string;
  readonly ruling?: 'upheld' | 'rejected';
}

/** The body of `action` from the form, with the version the page read. */
function actionBody(action: AlertAction, fields: ActionFields, expectedVersion: number): ActionBody {
  const note = fields.note ?? '';
  switch (action) {
    case 'acknowledge':
      return { action, expectedVersion, ...(note.trim() === '' ? {} : { note }) };
    case 'respond': {
      const evidence = (fields.evidence ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '');
      return { action, expectedVersion, response: fields.response ?? 'explained', note, ...(evidence.length > 0 ? { evidence } : {}) };
    }
    case 'dispute':
      return { action, expectedVersion, note };
    case 'ruleOnDispute':
      return { action, expectedVersion, ruling: fields.ruling ?? 'rejected', note };
    case 'close':
      return { action, expectedVersion, note };
  }
}

/** The form field a problem's pointer names (`/note`, `/evidence/3`); none for the rest of the body. */
function fieldOf(pointer: string): keyof ActionFields | undefined {
  const name = pointer.split('/')[1];
  return name === 'note' || name === 'response' || name === 'evidence' || name === 'ruling' ? name : undefined;
}

/** `departmentLiaison:local-haishu-housing-liaison` as the role's name and the account. */
function actorName(actor: string | undefined, strings: ConsoleStrings, english: boolean): string {
  if (actor === undefined) return strings.alert.system;
  const [role, ...subject] = actor.split(':');
  const name = english ? (strings.roles[role ?? ''] ?? role) : roleName(role ?? '');
  if (subject.length === 0) return name ?? actor;
  return english ? `${name} (${subject.join(':')})` : `${name}（${subject.join(':')}）`;
}

function standingText(standing: DeadlineStanding | undefined, strings: ConsoleStrings): string | undefined {
  if (standing === undefined) return undefined;
  switch (standing.state) {
    case 'left':
      return strings.alert.workingDaysLeft(standing.days);
    case 'lastDay':
      return strings.alert.lastWorkingDay;
    case 'overdue':
      return strings.alert.overdueBy(standing.days);
  }
}

export default function AlertPage({ api, member, params }: PageProps) {
  const { message } = App.useApp();
  const { strings, language } = useLanguage();
  const [reading, setReading] = useState<Reading>({ state: 'loading' });
  const [conflict, setConflict] = useState(false);
  const path = {
    department: params?.['department'] ?? '',
    kind: params?.['kind'] ?? '',
    caseId: params?.['caseId'] ?? '',
    ruleId: params?.['ruleId'] ?? '',
  };
  const { department, kind, caseId, ruleId } = path;

  const load = useCallback(async () => {
    const { data, response } = await api.GET('/v1/cases/{department}/{kind}/{caseId}/alerts/{ruleId}', {
      params: { path: { department, kind, caseId, ruleId } },
    });
    if (data) setReading({ state: 'read', alert: data });
    // A malformed address names no alert either.
    else setReading({ state: response.status === 404 || response.status === 400 ? 'notFound' : 'failed' });
  }, [api, department, kind, caseId, ruleId]);

  useEffect(() => {
    void load();
  }, [load]);

  const departmentName = useDepartmentName(api, reading.state === 'read' ? reading.alert.department : undefined);
  const standing = useDeadlineStanding(api, reading.state === 'read' ? reading.alert.deadline : undefined);

  if (reading.state === 'loading') return <Spin />;
  if (reading.state === 'notFound')
    return (
      <Result
        status="404"
        title={strings.alert.notFound}
        subTitle={strings.alert.notFoundDetail}
        extra={<Button href="/alerts">{strings.alert.backToQueue}</Button>}
      />
    );
  if (reading.state === 'failed') return <Result status="error" title={strings.alert.readFailed} />;

  const { alert } = reading;
  const english = language === 'en';
  const actions = actionsFor(member, alert);

  const act = async (action: AlertAction, fields: ActionFields, form: ReturnType<typeof Form.useForm<ActionFields>>[0]): Promise<boolean> => {
    const { data, error, response } = await api.POST('/v1/cases/{department}/{kind}/{caseId}/alerts/{ruleId}/actions', {
      params: { path: { department: alert.department, kind: alert.kind, caseId: alert.caseId, ruleId: alert.ruleId } },
      body: actionBody(action, fields, alert.version),
    });
    if (data) {
      setConflict(false);
      // An action's answer names the official by staff id only; the name read with the alert still holds.
      setReading({ state: 'read', alert: alert.official === undefined || data.official !== undefined ? data : { ...data, official: alert.official } });
      message.success(strings.actions.done[action]);
      return true;
    }
    const problem = error as Problem | undefined;
    if (response.status === 409) {
      setConflict(true);
      message.error(strings.actions.conflict, 6);
      await load();
      return true;
    }
    if (response.status === 400 && problem?.errors) {
      const byField = new Map<keyof ActionFields, string[]>();
      for (const { pointer, detail } of problem.errors) {
        const field = fieldOf(pointer);
        if (field) byField.set(field, [...(byField.get(field) ?? []), detail]);
      }
      form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
      message.error(strings.actions.invalid);
      return false;
    }
    message.error(strings.actions.failed(response.status, problem?.title));
    return false;
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Space className="no-print" wrap>
          <Button href="/alerts">{strings.alert.backToQueue}</Button>
          <Button href={casePath(alert)}>{strings.alert.caseTimeline}</Button>
          {(member.role === 'citySupervisor' || member.role === 'districtSupervisor') && (
            <Button href={issueFromAlert(alert)}>{english ? 'Accountability measure' : '问责'}</Button>
          )}
          <PrintButton />
        </Space>
        <PrintedAt />
      </div>
      {conflict && <Notice type="warning" showIcon message={strings.actions.conflict} data-testid="conflict" />}
      <Descriptions bordered column={2} size="middle" data-testid="alert-summary">
        <Descriptions.Item label={strings.alert.level}>
          <LevelTag level={alert.level} strings={strings} />
          {alert.escalatedLevel !== undefined && alert.findingLevel !== undefined && alert.findingLevel !== alert.level && (
            <Typography.Text>{strings.alert.escalatedFrom(strings.levels[alert.findingLevel])}</Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={strings.alert.status}>
          <span data-testid="alert-status">{strings.statuses[alert.status as AlertStatus] ?? alert.status}</span>
        </Descriptions.Item>
        <Descriptions.Item label={strings.alert.summary} span={2}>
          <span data-testid="alert-sentence">{alert.summary}</span>
        </Descriptions.Item>
        <Descriptions.Item label={strings.alert.legalBasis} span={2}>
          {alert.legalBasis}
        </Descriptions.Item>
        <Descriptions.Item label={strings.alert.deadline}>
          {alert.deadline === undefined ? (
            strings.alert.noDeadline
          ) : (
            <Space>
              <span>{shanghaiDate(alert.deadline)}</span>
              {standing && (
                <Tag color={standing.state === 'overdue' ? 'error' : 'default'} data-testid="working-days">
                  {standingText(standing, strings)}
                </Tag>
              )}
            </Space>
          )}
        </Descriptions.Item>
        {alert.answerDueAt !== undefined && (
          <Descriptions.Item label={strings.alert.answerDue}>
            {/* The first instant past the time set: its last day is the day before. */}
            <span data-testid="answer-due">{shanghaiDate(new Date(Date.parse(alert.answerDueAt) - 1).toISOString())}</span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={strings.alert.raisedAt}>{shanghaiDateTime(alert.raisedAt)}</Descriptions.Item>
        <Descriptions.Item label={strings.alert.department}>{departmentName}</Descriptions.Item>
        <Descriptions.Item label={strings.alert.kind}>{strings.recordKinds[alert.kind] ?? alert.kind}</Descriptions.Item>
        <Descriptions.Item label={strings.alert.caseId}>
          <Typography.Link href={casePath(alert)}>{alert.caseId}</Typography.Link>
        </Descriptions.Item>
        <Descriptions.Item label={strings.alert.official}>
          <span data-testid="alert-official">
            {alert.officialStaffId === undefined ? strings.alert.noOfficial : strings.alert.officialValue(alert.officialStaffId, alert.official?.name)}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={strings.alert.rule}>
          {english ? `${alert.ruleId} (${strings.alert.version} ${alert.version})` : `${alert.ruleId}（${strings.alert.version} ${alert.version}）`}
        </Descriptions.Item>
      </Descriptions>
      <Card title={<h2 style={{ font: 'inherit', margin: 0 }}>{strings.alert.history}</h2>} size="small">
        <Timeline
          data-testid="alert-history"
          items={alert.history.map((entry) => ({
            color: alertLevels[entry.level].color === 'error' ? 'red' : alertLevels[entry.level].color === 'warning' ? 'orange' : 'blue',
            children: (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>
                  {shanghaiDateTime(entry.at)} · {strings.changes[entry.change as HistoryChange] ?? entry.change}
                </Typography.Text>
                <Typography.Text>{entry.summary}</Typography.Text>
                <Typography.Text>
                  {strings.alert.actor}
                  {strings.labelSeparator}
                  {actorName(entry.actor, strings, english)}
                </Typography.Text>
                {entry.note !== undefined && (
                  <Typography.Text>
                    {strings.alert.note}
                    {strings.labelSeparator}
                    {historyNoteIn(entry.note, english)}
                  </Typography.Text>
                )}
              </Space>
            ),
          }))}
        />
      </Card>
      <Card className="no-print" title={<h2 style={{ font: 'inherit', margin: 0 }}>{strings.alert.actions}</h2>} size="small">
        {actions.length === 0 ? (
          <Typography.Text>{strings.alert.noActions}</Typography.Text>
        ) : (
          <ActionPanel key={alert.version} actions={actions} onAct={act} />
        )}
      </Card>
    </Space>
  );
}

type Act = (action: AlertAction, fields: ActionFields, form: ReturnType<typeof Form.useForm<ActionFields>>[0]) => Promise<boolean>;

/** The buttons of the allowed actions; the chosen one's form below them. */
function ActionPanel({ actions, onAct }: { readonly actions: readonly AlertAction[]; readonly onAct: Act }) {
  const { strings } = useLanguage();
  const [chosen, setChosen] = useState<AlertAction | undefined>();
  const [sending, setSending] = useState(false);
  const [form] = Form.useForm<ActionFields>();

  const submit = async (fields: ActionFields): Promise<void> => {
    if (chosen === undefined) return;
    setSending(true);
    try {
      if (await onAct(chosen, fields, form)) setChosen(undefined);
    } finally {
      setSending(false);
    }
  };

  const noteRules = [{ required: true, whitespace: true, message: strings.actions.noteRequired }];
  const noteLabel: Record<AlertAction, string> = {
    acknowledge: strings.actions.acknowledgeNote,
    respond: strings.actions.note,
    dispute: strings.actions.disputeReasons,
    ruleOnDispute: strings.actions.note,
    close: strings.actions.closeNote,
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {actions.map((action) => (
          <Button
            key={action}
            type={chosen === action ? 'primary' : 'default'}
            aria-pressed={chosen === action}
            onClick={() => {
              form.resetFields();
              setChosen(action);
            }}
          >
            {strings.actions.names[action]}
          </Button>
        ))}
      </Space>
      {chosen !== undefined && (
        <Form<ActionFields>
          form={form}
          layout="vertical"
          style={{ maxWidth: 720 }}
          aria-label={strings.actions.names[chosen]}
          initialValues={{ response: 'explained', ruling: 'rejected' }}
          onFinish={(fields) => void submit(fields)}
        >
          {chosen === 'respond' && (
            <Form.Item name="response" label={strings.actions.response}>
              <Radio.Group
                options={[
                  { value: 'corrected', label: strings.actions.corrected },
                  { value: 'explained', label: strings.actions.explained },
                ]}
              />
            </Form.Item>
          )}
          {chosen === 'ruleOnDispute' && (
            <Form.Item name="ruling" label={strings.actions.ruling}>
              <Radio.Group
                options={[
                  { value: 'upheld', label: strings.actions.upheld },
                  { value: 'rejected', label: strings.actions.rejected },
                ]}
              />
            </Form.Item>
          )}
          <Form.Item name="note" label={noteLabel[chosen]} rules={chosen === 'acknowledge' ? [] : noteRules}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
          {chosen === 'respond' && (
            <Form.Item name="evidence" label={strings.actions.evidence} extra={strings.actions.evidenceHelp}>
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
          <Space>
            <Button type="primary" htmlType="submit" loading={sending}>
              {strings.actions.submit}
            </Button>
            <Button onClick={() => setChosen(undefined)}>{strings.actions.cancel}</Button>
          </Space>
        </Form>
      )}
    </Space>
  );
}
