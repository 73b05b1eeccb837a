/**
 * One webhook subscription and its delivery log: each attempt, newest first, with its time,
 * signal type, event id, attempt number, outcome, HTTP status, duration and — for a failure — why
 * (the error class in words: a non-2xx answer, a redirect never followed, a refused address, a
 * robot's refusal, ...). A subscription the system disabled says since when it had failed.
 */
import { Button, Card, Descriptions, Result, Space, Spin, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo } from 'react';
import type { components } from '../api/schema';
import { CursorPagedTable } from '../forms/cursor-paged-table';
import { useCursorPages } from '../forms/cursor-pages';
import type { PageProps } from '../frame/routes';
import { useLanguage } from '../language/language';
import { shanghaiDateTime } from '../shanghai-time';
import { webhookStrings, type DeliveryErrorClass, type DeliveryOutcome } from './webhook-strings';
import { StatusTag } from './webhooks-page';

type Detail = components['schemas']['WebhookSubscriptionDetail'];
type Delivery = Detail['deliveries'][number];

const pageSize = 20;
const outcomeColours: Readonly<Record<DeliveryOutcome, string>> = { delivered: 'success', failed: 'warning', gaveUp: 'error' };

export default function WebhookPage({ api, params }: PageProps) {
  const { language, strings } = useLanguage();
  const words = webhookStrings[language];
  const id = params?.['subscription'] ?? '';
  const read = useCallback(
    (cursor: string | undefined) =>
      api.GET('/v1/webhooks/{subscription}', {
        params: { path: { subscription: id }, query: { limit: pageSize, ...(cursor === undefined ? {} : { cursor }) } },
      }),
    [api, id],
  );
  // The subscription with a page of its delivery log; the log's next page is asked for with `cursor`.
  const pages = useCursorPages(read, { nextCursorOf: (detail) => detail.cursor });
  const { page: detail, failure } = pages;

  const columns = useMemo<ColumnsType<Delivery>>(
    () => [
      { title: words.detail.at, dataIndex: 'at', render: (at: string) => shanghaiDateTime(at) },
      { title: words.detail.eventType, dataIndex: 'eventType', render: (type: string) => words.eventTypes[type] ?? type },
      {
        title: words.detail.eventId,
        dataIndex: 'eventId',
        render: (eventId: string) => (
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            {eventId}
          </Typography.Text>
        ),
      },
      { title: words.detail.attempt, dataIndex: 'attempt', align: 'right' },
      {
        title: words.detail.outcome,
        dataIndex: 'outcome',
        render: (outcome: DeliveryOutcome) => <Tag color={outcomeColours[outcome]}>{words.outcomes[outcome]}</Tag>,
      },
      { title: words.detail.statusCode, dataIndex: 'statusCode', align: 'right', render: (code?: number) => code ?? '—' },
      { title: words.detail.duration, dataIndex: 'durationMs', align: 'right', render: (ms: number) => `${ms} ms` },
      {
        title: words.detail.reason,
        dataIndex: 'errorClass',
        render: (errorClass?: DeliveryErrorClass) => (errorClass === undefined ? '—' : words.errorClasses[errorClass]),
      },
    ],
    [words],
  );

  if (failure !== undefined)
    return (
      <Result
        status={failure.status === 404 ? '404' : 'error'}
        title={failure.status === 404 ? words.detail.notFound : words.readFailed}
        subTitle={failure.status === 404 ? words.detail.notFoundDetail(id) : (failure.problem?.title ?? '')}
        extra={<Button href="/webhooks">{words.detail.back}</Button>}
      />
    );
  if (detail === undefined) return <Spin />;
  const subscription = detail.subscription;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={words.detail.title(subscription.description)} extra={<a href="/webhooks">{words.detail.back}</a>}>
        <Descriptions column={2} size="small" bordered>
          <Descriptions.Item label={words.detail.id}>{subscription.id}</Descriptions.Item>
          <Descriptions.Item label={words.columns.status}>
            <StatusTag subscription={subscription} words={words} />
          </Descriptions.Item>
          {subscription.format === 'sms' ? (
            <Descriptions.Item label={words.detail.phoneNumbers} span={2}>
              {(subscription.phoneNumbers ?? []).join('、')}
            </Descriptions.Item>
          ) : (
            <Descriptions.Item label={words.columns.url} span={2}>
              <Typography.Text code style={{ wordBreak: 'break-all' }}>
                {subscription.url}
              </Typography.Text>
            </Descriptions.Item>
          )}
          {subscription.workNotice !== undefined && (
            <Descriptions.Item label={words.formats.zhezhengdingWorkNotice} span={2}>
              {words.detail.workNotice(
                subscription.workNotice.tenantId,
                [...(subscription.workNotice.receiverIds ?? []), ...(subscription.workNotice.organizationCodes ?? [])].join('、'),
              )}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={words.columns.format}>{words.formats[subscription.format ?? 'standardWebhooks']}</Descriptions.Item>
          <Descriptions.Item label={words.columns.minimumLevel}>
            {subscription.minimumLevel === undefined ? words.anyLevel : strings.levels[subscription.minimumLevel]}
          </Descriptions.Item>
          <Descriptions.Item label={words.columns.eventTypes} span={2}>
            <Space size={[0, 4]} wrap>
              {subscription.eventTypes.map((type) => (
                <Tag key={type}>{words.eventTypes[type] ?? type}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={words.detail.createdAt}>{shanghaiDateTime(subscription.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={words.detail.secretIssuedAt}>{shanghaiDateTime(subscription.secretIssuedAt)}</Descriptions.Item>
          <Descriptions.Item label={words.columns.version}>{subscription.version}</Descriptions.Item>
          <Descriptions.Item label={words.columns.lastDelivered}>
            {subscription.lastDeliveredAt === undefined ? words.never : shanghaiDateTime(subscription.lastDeliveredAt)}
          </Descriptions.Item>
          {subscription.disabled !== undefined && (
            <Descriptions.Item label={words.detail.disabledAt} span={2}>
              {shanghaiDateTime(subscription.disabled.at)}：
              {subscription.disabled.by === 'system'
                ? words.detail.disabledSystem(shanghaiDateTime(subscription.disabled.failingSince ?? subscription.disabled.at))
                : words.detail.disabledPerson}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title={words.detail.log} extra={<Button onClick={() => void pages.reload()}>{words.refresh}</Button>}>
        <Typography.Paragraph type="secondary">{words.detail.logNote}</Typography.Paragraph>
        <CursorPagedTable<Delivery>
          rowKey={(row) => `${row.eventId}#${row.attempt}#${row.at}`}
          columns={columns}
          pages={pages}
          rows={detail.deliveries}
          scroll={{ x: 'max-content' }}
          empty={words.detail.empty}
        />
      </Card>
    </Space>
  );
}
