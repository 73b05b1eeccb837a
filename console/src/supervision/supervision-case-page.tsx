/**
 * A supervised case's page: its instructions, deadline (and extensions), origin, signals and
 * timeline; the responsible department's liaison reports progress or completion (with evidence),
 * a supervisor extends the deadline, closes the case or sends it back after a completion report.
 */
import { App, Button, Card, Descriptions, Form, Input, Radio, Result, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../api/client';
import type { components } from '../api/schema';
import { actsForDepartment } from '../auth/staff-member';
import { EvidenceList } from '../complaints/complaint-steps';
import { signalLevels } from '../complaints/complaint-labels';
import { settle, type ProblemBody } from '../forms/api-answers';
import { DeadlineText } from '../forms/deadline-text';
import { actorName, departmentName, useDepartments } from '../forms/department-names';
import type { PageProps } from '../frame/routes';
import { shanghaiDateTime } from '../shanghai-time';
import { caseOrigins, caseStages, supervisionStepName } from './supervision-labels';

type CaseDetail = components['schemas']['SupervisionCaseDetail'];
type SupervisionCase = CaseDetail['case'];

const required = (what: string) => [{ required: true, whitespace: true, message: `请填写${what}` }];
const caseNumberOfAddress = (): string => new URLSearchParams(window.location.search).get('case') ?? '';

export default function SupervisionCasePage({ api, member }: PageProps) {
  const caseNumber = caseNumberOfAddress();
  const departments = useDepartments(api);
  const [detail, setDetail] = useState<CaseDetail | undefined>();
  const [failure, setFailure] = useState<ProblemBody | undefined>();
  const liaison = actsForDepartment(member);

  const load = useCallback(async () => {
    const { data, error, response } = await api.GET('/v1/supervision-cases/{caseNumber}', { params: { path: { caseNumber } } });
    if (data) {
      setDetail(data);
      setFailure(undefined);
    } else setFailure({ ...((error as ProblemBody | undefined) ?? {}), status: response.status });
  }, [api, caseNumber]);

  useEffect(() => {
    void load();
  }, [load]);

  if (failure !== undefined)
    return (
      <Result
        status={failure.status === 404 ? '404' : 'error'}
        title={failure.status === 404 ? '没有该督办事项' : '督办事项读取失败'}
        subTitle={failure.status === 404 ? `督办编号 ${caseNumber} 不存在，或不在您的职责范围内。` : (failure.title ?? '')}
        extra={<Button href="/supervision/cases">返回督办事项</Button>}
      />
    );
  if (detail === undefined) return <Spin />;
  const supervised = detail.case;
  const closed = supervised.stage === 'closed';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={`督办编号 ${supervised.caseNumber}`} extra={<a href="/supervision/cases">返回督办事项</a>}>
        <Descriptions column={2} size="small" bordered>
          <Descriptions.Item label="状态">
            <Tag color={caseStages[supervised.stage].color}>{caseStages[supervised.stage].name}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="责任部门">{departmentName(departments, supervised.responsibleDepartment)}</Descriptions.Item>
          <Descriptions.Item label="督办事项" span={2}>
            {supervised.subject}
          </Descriptions.Item>
          <Descriptions.Item label="督办要求" span={2}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{supervised.instructions}</Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label="办结期限">
            <DeadlineText deadline={supervised.deadline} done={closed} api={api} />
          </Descriptions.Item>
          <Descriptions.Item label="原定期限">
            {supervised.originalDeadline}
            {supervised.extensions > 0 && `（已延期 ${supervised.extensions} 次）`}
          </Descriptions.Item>
          <Descriptions.Item label="来源">
            {caseOrigins[supervised.origin.kind]}
            {supervised.origin.requestNumber === undefined ? '' : `（申请 ${supervised.origin.requestNumber}）`}
          </Descriptions.Item>
          <Descriptions.Item label="立项">
            {shanghaiDateTime(supervised.openedAt)} · {actorName(supervised.openedBy)}
          </Descriptions.Item>
          <Descriptions.Item label="进展报告">{supervised.progressReports} 次</Descriptions.Item>
          <Descriptions.Item label="报告办结">
            {supervised.completionReportedAt === null ? '—' : shanghaiDateTime(supervised.completionReportedAt)}
          </Descriptions.Item>
          {supervised.overdue !== null && (
            <Descriptions.Item label="逾期" span={2}>
              <Tag color="error">自 {supervised.overdue.overdueSince} 起逾期</Tag>
              {supervised.overdue.escalatedAt !== null && <Tag color="red">已上报</Tag>}
            </Descriptions.Item>
          )}
          {supervised.signals.length > 0 && (
            <Descriptions.Item label="预警" span={2}>
              <Space wrap>
                {supervised.signals.map((signal, index) => (
                  <Tag key={index} color={signalLevels[signal.level]?.color}>
                    {signalLevels[signal.level]?.name ?? signal.level}（{shanghaiDateTime(signal.raisedAt)}）
                  </Tag>
                ))}
              </Space>
            </Descriptions.Item>
          )}
          {supervised.closure !== null && (
            <Descriptions.Item label="结案" span={2}>
              {shanghaiDateTime(supervised.closure.at)} · {actorName(supervised.closure.by)}
              {supervised.closure.reasons === null ? '' : `：${supervised.closure.reasons}`}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      {!closed && liaison && <ProgressForm api={api} supervised={supervised} onChanged={load} />}
      {!closed && !liaison && <ExtensionForm api={api} supervised={supervised} onChanged={load} />}
      {!closed && !liaison && <ClosureForm api={api} supervised={supervised} onChanged={load} />}

      <Card title="办理过程">
        <Timeline
          items={detail.timeline.map((step) => ({
            key: step.sequence,
            color: step.action === 'signalRaised' || step.action === 'escalated' ? 'red' : 'blue',
            children: (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{supervisionStepName(step.action)}</Typography.Text>
                {typeof step.details['summary'] === 'string' && <Typography.Text>{step.details['summary']}</Typography.Text>}
                {typeof step.details['reasons'] === 'string' && <Typography.Text>{step.details['reasons']}</Typography.Text>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {shanghaiDateTime(step.at)} · {actorName(step.actor)}
                </Typography.Text>
              </Space>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}

interface StepProps {
  readonly api: ApiClient;
  readonly supervised: SupervisionCase;
  readonly onChanged: () => Promise<void>;
}

interface ProgressFields {
  readonly report: 'progress' | 'completion';
  readonly summary: string;
  readonly evidence?: readonly { readonly title: string; readonly sha256: string; readonly reference: string }[];
}

function ProgressForm({ api, supervised, onChanged }: StepProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ProgressFields>();
  const [sending, setSending] = useState(false);

  const report = async (fields: ProgressFields): Promise<void> => {
    setSending(true);
    try {
      const evidence = [...(fields.evidence ?? [])];
      const body =
        fields.report === 'completion'
          ? { report: 'completion' as const, expectedVersion: supervised.version, summary: fields.summary, evidence }
          : { report: 'progress' as const, expectedVersion: supervised.version, summary: fields.summary, ...(evidence.length > 0 ? { evidence } : {}) };
      const answer = await api.POST('/v1/supervision-cases/{caseNumber}/progress', { params: { path: { caseNumber: supervised.caseNumber } }, body });
      if (await settle(answer, { message, form, step: '进展报告', reread: onChanged })) {
        message.success(fields.report === 'completion' ? '已报告办结。' : '进展已报告。');
        form.resetFields();
        await onChanged();
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <Card title="报告进展">
      <Form<ProgressFields>
        form={form}
        name="progress"
        layout="vertical"
        style={{ maxWidth: 760 }}
        initialValues={{ report: 'progress' }}
        onFinish={(fields) => void report(fields)}
      >
        <Form.Item name="report" label="报告类型">
          <Radio.Group
            options={[
              { value: 'progress', label: '进展报告' },
              { value: 'completion', label: '办结报告（须附证明材料）' },
            ]}
          />
        </Form.Item>
        <Form.Item name="summary" label="报告内容" rules={required('报告内容')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <EvidenceList />
        <Button type="primary" htmlType="submit" loading={sending}>
          提交报告
        </Button>
      </Form>
    </Card>
  );
}

function ExtensionForm({ api, supervised, onChanged }: StepProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ deadline: string; reasons: string }>();
  const [sending, setSending] = useState(false);

  const extend = async (fields: { deadline: string; reasons: string }): Promise<void> => {
    setSending(true);
    try {
      const answer = await api.POST('/v1/supervision-cases/{caseNumber}/extension', {
        params: { path: { caseNumber: supervised.caseNumber } },
        body: { expectedVersion: supervised.version, ...fields },
      });
      if (await settle(answer, { message, form, step: '延期', reread: onChanged })) {
        message.success(`办结期限已延至 ${fields.deadline}。`);
        form.resetFields();
        await onChanged();
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <Card title="延长办结期限">
      <Form form={form} name="extension" layout="inline" onFinish={(fields) => void extend(fields)}>
        <Form.Item name="deadline" label="新期限" rules={[{ required: true, message: '请选择新期限' }]}>
          <Input type="date" aria-label="新期限" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="reasons" label="延期理由" rules={required('延期理由')}>
          <Input style={{ width: 320 }} maxLength={2000} />
        </Form.Item>
        <Button htmlType="submit" loading={sending}>
          延期
        </Button>
      </Form>
    </Card>
  );
}

function ClosureForm({ api, supervised, onChanged }: StepProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ action: 'close' | 'sendBack'; reasons?: string }>();
  const action = Form.useWatch('action', form);
  const [sending, setSending] = useState(false);
  const reported = supervised.stage === 'completionReported';

  const close = async (fields: { action: 'close' | 'sendBack'; reasons?: string }): Promise<void> => {
    setSending(true);
    try {
      const reasons = fields.reasons?.trim() ? { reasons: fields.reasons } : {};
      const body =
        fields.action === 'sendBack'
          ? { action: 'sendBack' as const, expectedVersion: supervised.version, reasons: fields.reasons ?? '' }
          : { action: 'close' as const, expectedVersion: supervised.version, ...reasons };
      const answer = await api.POST('/v1/supervision-cases/{caseNumber}/closure', { params: { path: { caseNumber: supervised.caseNumber } }, body });
      if (await settle(answer, { message, form, step: fields.action === 'sendBack' ? '退回' : '结案', reread: onChanged })) {
        message.success(fields.action === 'sendBack' ? '已退回部门继续办理。' : '督办事项已结案。');
        form.resetFields();
        await onChanged();
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <Card title={reported ? '审核办结报告' : '结案'}>
      <Form
        form={form}
        name="closure"
        layout="vertical"
        style={{ maxWidth: 640 }}
        initialValues={{ action: 'close' }}
        onFinish={(fields) => void close(fields)}
      >
        {reported && (
          <Form.Item name="action" label="审核意见">
            <Radio.Group
              options={[
                { value: 'close', label: '同意结案' },
                { value: 'sendBack', label: '退回继续办理' },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item
          name="reasons"
          label={action === 'sendBack' ? '退回理由' : reported ? '结案意见（可选）' : '结案理由（尚无办结报告，须说明）'}
          rules={action === 'sendBack' || !reported ? required(action === 'sendBack' ? '退回理由' : '结案理由') : []}
        >
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={sending}>
          {action === 'sendBack' ? '退回' : '结案'}
        </Button>
      </Form>
    </Card>
  );
}
