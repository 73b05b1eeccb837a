/**
 * A case's timeline (案件时间线): the records its department pushed, in sequence, with when each
 * act occurred and when it was received (Beijing time), the case's stage, and its alerts, each
 * opening the alert's page.
 */
import { Button, Card, Descriptions, Empty, Result, Space, Spin, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { components } from '../api/schema';
import { alertPath, LevelTag } from '../alerts/alert-links';
import type { AlertStatus } from '../alerts/alert-labels';
import { useDepartmentName } from '../alerts/department-name';
import type { PageProps } from '../frame/routes';
import { useLanguage } from '../language/language';
import { PrintButton, PrintedAt } from '../print/print-button';
import { shanghaiDate, shanghaiDateTime } from '../shanghai-time';

type CaseTimeline = components['schemas']['CaseTimeline'];
type RecordEvent = CaseTimeline['events'][number];
type Alert = CaseTimeline['alerts'][number];

type Reading =
  { readonly state: 'loading' } | { readonly state: 'notFound' } | { readonly state: 'failed' } | { readonly state: 'read'; readonly timeline: CaseTimeline };

export default function CaseTimelinePage({ api, params }: PageProps) {
  const { strings } = useLanguage();
  const [reading, setReading] = useState<Reading>({ state: 'loading' });
  const department = params?.['department'] ?? '';
  const kind = params?.['kind'] ?? '';
  const caseId = params?.['caseId'] ?? '';

  useEffect(() => {
    let current = true;
    void api.GET('/v1/cases/{department}/{kind}/{caseId}/timeline', { params: { path: { department, kind, caseId } } }).then(({ data, response }) => {
      if (!current) return;
      if (data) setReading({ state: 'read', timeline: data });
      else setReading({ state: response.status === 404 || response.status === 400 ? 'notFound' : 'failed' });
    });
    return () => {
      current = false;
    };
  }, [api, department, kind, caseId]);

  const departmentName = useDepartmentName(api, reading.state === 'read' ? department : undefined);

  if (reading.state === 'loading') return <Spin />;
  if (reading.state === 'notFound')
    return (
      <Result
        status="404"
        title={strings.timeline.notFound}
        subTitle={strings.timeline.notFoundDetail}
        extra={<Button href="/alerts">{strings.alert.backToQueue}</Button>}
      />
    );
  if (reading.state === 'failed') return <Result status="error" title={strings.alert.readFailed} />;

  const { timeline } = reading;
  const events = [...timeline.events].sort((a, b) => a.sequence - b.sequence);
  const heading = (text: string) => <h2 style={{ font: 'inherit', margin: 0 }}>{text}</h2>;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Space className="no-print" wrap>
          <Button href="/alerts">{strings.alert.backToQueue}</Button>
          <PrintButton />
        </Space>
        <PrintedAt />
      </div>
      <Descriptions bordered column={2} size="middle" data-testid="case-summary">
        <Descriptions.Item label={strings.alert.caseId}>{timeline.case.caseId}</Descriptions.Item>
        <Descriptions.Item label={strings.alert.department}>{departmentName}</Descriptions.Item>
        <Descriptions.Item label={strings.alert.kind}>{strings.recordKinds[timeline.case.kind] ?? timeline.case.kind}</Descriptions.Item>
        <Descriptions.Item label={strings.timeline.matter}>{timeline.case.matterCode}</Descriptions.Item>
        <Descriptions.Item label={strings.timeline.stage}>{timeline.case.stage}</Descriptions.Item>
        <Descriptions.Item label={strings.timeline.nextCheck}>
          {timeline.case.nextCheckAt === null ? strings.timeline.none : shanghaiDateTime(timeline.case.nextCheckAt)}
        </Descriptions.Item>
      </Descriptions>
      <Card title={heading(strings.timeline.records)} size="small">
        <Table<RecordEvent>
          data-testid="case-records"
          rowKey="sequence"
          pagination={false}
          size="small"
          dataSource={events}
          columns={[
            { title: strings.timeline.sequence, dataIndex: 'sequence', width: 80 },
            { title: strings.timeline.event, dataIndex: 'event' },
            { title: strings.timeline.occurredAt, dataIndex: 'occurredAt', render: shanghaiDateTime },
            { title: strings.timeline.receivedAt, dataIndex: 'receivedAt', render: shanghaiDateTime },
          ]}
        />
      </Card>
      <Card title={heading(strings.timeline.alerts)} size="small">
        <Table<Alert>
          data-testid="case-alerts"
          rowKey="ruleId"
          pagination={false}
          size="small"
          dataSource={timeline.alerts}
          locale={{ emptyText: <Empty description={strings.timeline.noAlerts} /> }}
          columns={[
            { title: strings.alert.level, dataIndex: 'level', width: 100, render: (level: Alert['level']) => <LevelTag level={level} strings={strings} /> },
            { title: strings.alert.status, dataIndex: 'status', width: 140, render: (status: string) => strings.statuses[status as AlertStatus] ?? status },
            {
              title: strings.alert.summary,
              dataIndex: 'summary',
              render: (summary: string, alert) => <Typography.Link href={alertPath(alert)}>{summary}</Typography.Link>,
            },
            {
              title: strings.alert.deadline,
              dataIndex: 'deadline',
              width: 150,
              render: (deadline?: string) => (deadline === undefined ? strings.alert.noDeadline : shanghaiDate(deadline)),
            },
            { title: strings.alert.raisedAt, dataIndex: 'raisedAt', width: 170, render: shanghaiDateTime },
          ]}
        />
      </Card>
    </Space>
  );
}
