/**
 * 消息推送 (Art. 18: the system sends signals): the webhook subscriptions of the caller's own
 * department (a liaison) or supervisor office (a supervisor), as the API scopes them. A person
 * creates one (address, signal types, minimum level, format), is shown its signing secret once —
 * with a warning and a copy button —, rotates the secret, disables, enables or deletes it on the
 * version read (a 409 says someone changed it first), and opens its delivery log.
 */
import { Alert, App, Button, Card, Checkbox, Empty, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { components } from '../api/schema';
import type { ProblemBody } from '../forms/api-answers';
import { departmentName, useDepartments } from '../forms/department-names';
import type { PageProps } from '../frame/routes';
import { useLanguage } from '../language/language';
import { shanghaiDateTime } from '../shanghai-time';
import { settleWebhookStep } from './webhook-answers';
import { webhookEventTypes, webhookStrings, type WebhookFormat, type WebhookStrings } from './webhook-strings';

type Subscription = components['schemas']['WebhookSubscriptions']['items'][number];
type Level = 'prompt' | 'warning' | 'correction';
type Step = 'disable' | 'enable' | 'rotateSecret' | 'remove';

/** What a rotation of a format's own credentials names (the system makes a Standard Webhooks secret itself). */
type NamedCredentials =
  { readonly robotSecret: string } | { readonly appCredentials: { readonly appKey: string; readonly appSecret: string } } | { readonly phoneNumbers: string[] };

/** `a, b，c` → `['a', 'b', 'c']`. */
const listOf = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/[,，\s]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');

const trimmed = (text: string | undefined): string => (text ?? '').trim();

/** A format's own credentials as the API takes them, from the fields typed (none for Standard Webhooks). */
function namedCredentialsOf(format: WebhookFormat, fields: CredentialFields): NamedCredentials | undefined {
  switch (format) {
    case 'standardWebhooks':
      return undefined;
    case 'dingtalkRobot':
      return { robotSecret: trimmed(fields.robotSecret) };
    case 'zhezhengdingWorkNotice':
      return { appCredentials: { appKey: trimmed(fields.appKey), appSecret: trimmed(fields.appSecret) } };
    case 'sms':
      return { phoneNumbers: listOf(fields.phoneNumbers) };
  }
}

/** The create form's fields as the API takes them, for the chosen format: its credentials and, for 浙政钉, where work notices go. */
function credentialsOf(fields: CreateFields): Record<string, unknown> {
  if (fields.format !== 'zhezhengdingWorkNotice') return { ...namedCredentialsOf(fields.format, fields) };
  const receiverIds = listOf(fields.receiverIds);
  const organizationCodes = listOf(fields.organizationCodes);
  return {
    ...namedCredentialsOf(fields.format, fields),
    workNotice: {
      tenantId: trimmed(fields.tenantId),
      ...(receiverIds.length > 0 ? { receiverIds } : {}),
      ...(organizationCodes.length > 0 ? { organizationCodes } : {}),
    },
  };
}

const formats: readonly WebhookFormat[] = ['standardWebhooks', 'dingtalkRobot', 'zhezhengdingWorkNotice', 'sms'];
const levels: readonly Level[] = ['prompt', 'warning', 'correction'];

/** A format's own credentials as typed: the robot's secret, the app's key and secret, the phone numbers (a list as text). */
interface CredentialFields {
  readonly robotSecret?: string;
  readonly appKey?: string;
  readonly appSecret?: string;
  readonly phoneNumbers?: string;
}

interface CreateFields extends CredentialFields {
  readonly url?: string;
  readonly format: WebhookFormat;
  readonly tenantId?: string;
  readonly receiverIds?: string;
  readonly organizationCodes?: string;
  readonly eventTypes: (typeof webhookEventTypes)[number][];
  readonly minimumLevel?: Level;
  readonly description: string;
}

/** A field the person must fill in, told so in the form's words. */
const requiredField = (words: WebhookStrings, label: string) => [{ required: true, whitespace: true, message: words.form.required(label) }];

/**
 * The fields of a format's own credentials, in the create form and in the dialog that replaces
 * them: on creation with their help texts and, for 浙政钉, the tenant and whom the work notices reach.
 */
function CredentialItems({
  format,
  words,
  creating,
}: {
  readonly format: WebhookFormat | undefined;
  readonly words: WebhookStrings;
  readonly creating: boolean;
}) {
  const labels = words.form;
  switch (format) {
    case 'dingtalkRobot':
      return (
        <Form.Item
          name="robotSecret"
          label={labels.robotSecret}
          extra={creating ? labels.robotSecretHelp : undefined}
          rules={requiredField(words, labels.robotSecret)}
        >
          <Input.Password autoComplete="off" />
        </Form.Item>
      );
    case 'zhezhengdingWorkNotice':
      return (
        <>
          <Form.Item name="appKey" label={labels.appKey} rules={requiredField(words, labels.appKey)}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="appSecret" label={labels.appSecret} extra={creating ? labels.appHelp : undefined} rules={requiredField(words, labels.appSecret)}>
            <Input.Password autoComplete="off" />
          </Form.Item>
          {creating && (
            <>
              <Form.Item name="tenantId" label={labels.tenantId} rules={requiredField(words, labels.tenantId)}>
                <Input />
              </Form.Item>
              <Form.Item name="receiverIds" label={labels.receiverIds} extra={labels.listHelp}>
                <Input />
              </Form.Item>
              <Form.Item name="organizationCodes" label={labels.organizationCodes}>
                <Input />
              </Form.Item>
            </>
          )}
        </>
      );
    case 'sms':
      return (
        <Form.Item name="phoneNumbers" label={labels.phoneNumbers} extra={labels.phoneHelp} rules={requiredField(words, labels.phoneNumbers)}>
          <Input autoComplete="off" />
        </Form.Item>
      );
    default:
      return null;
  }
}

/** The status of a subscription as a tag: active, disabled by a person, or by the system for failing too long. */
export function StatusTag({ subscription, words }: { readonly subscription: Subscription; readonly words: WebhookStrings }) {
  if (subscription.status === 'active') {
    return subscription.failingSince === undefined ? (
      <Tag color="success">{words.active}</Tag>
    ) : (
      <Tag color="warning">{`${words.active} · ${words.failingSince(shanghaiDateTime(subscription.failingSince))}`}</Tag>
    );
  }
  return <Tag color="error">{subscription.disabled?.by === 'system' ? words.disabledBySystem : words.disabledByPerson}</Tag>;
}

/** The secret, shown this once: a warning, the secret, a copy button; closed only by saying it was saved. */
export function SecretDialog({
  secret,
  words,
  onClose,
}: {
  readonly secret: string | undefined;
  readonly words: WebhookStrings;
  readonly onClose: () => void;
}) {
  const { message } = App.useApp();
  const copy = async (): Promise<void> => {
    if (secret === undefined) return;
    await navigator.clipboard.writeText(secret);
    message.success(words.secret.copied);
  };
  return (
    <Modal
      open={secret !== undefined}
      destroyOnHidden
      title={words.secret.title}
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={[
        <Button key="copy" onClick={() => void copy()}>
          {words.secret.copy}
        </Button>,
        <Button key="saved" type="primary" onClick={onClose}>
          {words.secret.saved}
        </Button>,
      ]}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="warning" showIcon message={words.secret.warning} description={words.secret.detail} />
        <Typography.Text strong>{words.secret.label}</Typography.Text>
        <Input.TextArea aria-label={words.secret.label} value={secret ?? ''} readOnly autoSize style={{ fontFamily: 'monospace' }} />
      </Space>
    </Modal>
  );
}

export default function WebhooksPage({ api }: PageProps) {
  const { message } = App.useApp();
  const { language, strings } = useLanguage();
  const words = webhookStrings[language];
  const departments = useDepartments(api);
  const [owner, setOwner] = useState<string | undefined>();
  const [items, setItems] = useState<readonly Subscription[]>([]);
  const [loading, setLoading] = useState(false);
  const [creating, setCreating] = useState(false);
  const [sending, setSending] = useState(false);
  const [secret, setSecret] = useState<string | undefined>();
  const [rotation, setRotation] = useState<Subscription | undefined>();
  const [form] = Form.useForm<CreateFields>();
  const [rotationForm] = Form.useForm<CredentialFields>();
  const format = Form.useWatch('format', form);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const { data, error } = await api.GET('/v1/webhooks');
      if (data) {
        setOwner(data.owner);
        setItems(data.items);
      } else message.error(`${words.readFailed}：${(error as ProblemBody | undefined)?.title ?? ''}`);
    } finally {
      setLoading(false);
    }
  }, [api, message, words]);

  useEffect(() => {
    void load();
  }, [load]);

  const create = async (fields: CreateFields): Promise<void> => {
    setSending(true);
    try {
      const answer = await api.POST('/v1/webhooks', {
        body: {
          ...(fields.format === 'sms' ? {} : { url: (fields.url ?? '').trim() }),
          eventTypes: fields.eventTypes,
          description: fields.description,
          ...(fields.format === 'standardWebhooks' ? {} : { format: fields.format }),
          ...credentialsOf(fields),
          ...(fields.minimumLevel === undefined ? {} : { minimumLevel: fields.minimumLevel }),
        },
      });
      const created = await settleWebhookStep(answer, { message, words, form, step: words.stepNames.create });
      if (created) {
        message.success(words.done.created);
        setCreating(false);
        form.resetFields();
        if (created.secret !== undefined) setSecret(created.secret);
        await load();
      }
    } finally {
      setSending(false);
    }
  };

  const take = useCallback(
    async (subscription: Subscription, step: Step, named?: NamedCredentials): Promise<boolean> => {
      const body =
        step === 'rotateSecret' && named !== undefined
          ? { step, expectedVersion: subscription.version, ...named }
          : { step, expectedVersion: subscription.version };
      const answer = await api.POST('/v1/webhooks/{subscription}', { params: { path: { subscription: subscription.id } }, body });
      const done = await settleWebhookStep(answer, { message, words, step: words.stepNames[step], reread: load });
      if (done === undefined) return false;
      message.success(words.done[step]);
      if (done.secret !== undefined) setSecret(done.secret);
      await load();
      return true;
    },
    [api, load, message, words],
  );

  const columns = useMemo<ColumnsType<Subscription>>(
    () => [
      {
        title: words.columns.description,
        dataIndex: 'description',
        render: (description: string, row) => <a href={`/webhooks/view?subscription=${encodeURIComponent(row.id)}`}>{description}</a>,
      },
      {
        title: words.columns.url,
        dataIndex: 'url',
        render: (url: string, row) => (
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            {row.format === 'sms' ? (row.phoneNumbers ?? []).join('、') : url}
          </Typography.Text>
        ),
      },
      { title: words.columns.format, key: 'format', render: (_: unknown, row) => words.formats[row.format ?? 'standardWebhooks'] },
      {
        title: words.columns.eventTypes,
        key: 'eventTypes',
        render: (_: unknown, row) => (
          <Tooltip title={row.eventTypes.map((type) => words.eventTypes[type] ?? type).join('、')}>
            <span tabIndex={0}>
              {row.eventTypes.length <= 2
                ? row.eventTypes.map((type) => words.eventTypes[type] ?? type).join('、')
                : words.eventTypeCount(row.eventTypes.length)}
            </span>
          </Tooltip>
        ),
      },
      {
        title: words.columns.minimumLevel,
        key: 'minimumLevel',
        render: (_: unknown, row) => (row.minimumLevel === undefined ? words.anyLevel : strings.levels[row.minimumLevel]),
      },
      { title: words.columns.status, key: 'status', render: (_: unknown, row) => <StatusTag subscription={row} words={words} /> },
      { title: words.columns.version, dataIndex: 'version', align: 'right' },
      {
        title: words.columns.lastDelivered,
        key: 'lastDelivered',
        render: (_: unknown, row) => (row.lastDeliveredAt === undefined ? words.never : shanghaiDateTime(row.lastDeliveredAt)),
      },
      {
        title: words.columns.actions,
        key: 'actions',
        render: (_: unknown, row) => (
          <Space size="small" wrap>
            <Button size="small" href={`/webhooks/view?subscription=${encodeURIComponent(row.id)}`}>
              {words.deliveries}
            </Button>
            {row.status === 'active' ? (
              <Button size="small" onClick={() => void take(row, 'disable')}>
                {words.disable}
              </Button>
            ) : (
              <Button size="small" onClick={() => void take(row, 'enable')}>
                {words.enable}
              </Button>
            )}
            {row.format !== undefined && row.format !== 'standardWebhooks' ? (
              <Button size="small" onClick={() => setRotation(row)}>
                {row.format === 'sms' ? words.replaceNumbers : words.rotate}
              </Button>
            ) : (
              <Popconfirm title={words.confirmRotate} okText={words.yes} cancelText={words.no} onConfirm={() => take(row, 'rotateSecret')}>
                <Button size="small">{words.rotate}</Button>
              </Popconfirm>
            )}
            <Popconfirm
              title={words.confirmRemove}
              okText={words.yes}
              cancelText={words.no}
              okButtonProps={{ danger: true }}
              onConfirm={() => take(row, 'remove')}
            >
              <Button size="small" danger>
                {words.remove}
              </Button>
            </Popconfirm>
          </Space>
        ),
      },
    ],
    [strings, take, words],
  );

  const ownerTitle =
    owner === undefined
      ? words.pageTitle
      : owner.startsWith('department:')
        ? words.ownerDepartment(departmentName(departments, owner.slice('department:'.length)))
        : words.ownerOffice(owner.slice('jurisdiction:'.length));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {words.intro}
      </Typography.Paragraph>
      <Card
        title={ownerTitle}
        extra={
          <Space>
            <Button onClick={() => void load()}>{words.refresh}</Button>
            <Button type="primary" onClick={() => setCreating(true)}>
              {words.create}
            </Button>
          </Space>
        }
      >
        <Table<Subscription>
          rowKey="id"
          columns={columns}
          dataSource={[...items]}
          loading={loading}
          pagination={false}
          size="middle"
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={words.none} /> }}
        />
      </Card>

      <Modal open={creating} title={words.form.title} footer={null} onCancel={() => setCreating(false)} width={720} destroyOnHidden={false}>
        <Form<CreateFields>
          form={form}
          name="webhook"
          layout="vertical"
          initialValues={{ format: 'standardWebhooks', eventTypes: ['AlertRaised', 'AlertEscalated'] }}
          onFinish={(fields) => void create(fields)}
        >
          <Form.Item name="description" label={words.form.description} rules={requiredField(words, words.form.description)}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="format" label={words.form.format}>
            <Select options={formats.map((value) => ({ value, label: words.formats[value] }))} />
          </Form.Item>
          {format !== 'sms' && (
            <Form.Item name="url" label={words.form.url} extra={words.form.urlHelp} rules={requiredField(words, words.form.url)}>
              <Input maxLength={2048} placeholder="https://" />
            </Form.Item>
          )}
          <CredentialItems format={format} words={words} creating />
          <Form.Item
            name="eventTypes"
            label={words.form.eventTypes}
            // A validator, not `required`: `aria-required` is not allowed on the checkboxes' group.
            rules={[
              {
                validator: (_, value?: readonly string[]) =>
                  value !== undefined && value.length > 0 ? Promise.resolve() : Promise.reject(new Error(words.form.required(words.form.eventTypes))),
              },
            ]}
          >
            <Checkbox.Group
              style={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', rowGap: 4 }}
              options={webhookEventTypes.map((value) => ({ value, label: words.eventTypes[value] }))}
            />
          </Form.Item>
          <Form.Item name="minimumLevel" label={words.form.minimumLevel} extra={words.form.minimumLevelHelp}>
            <Select allowClear placeholder={words.anyLevel} options={levels.map((value) => ({ value, label: strings.levels[value] }))} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={sending}>
              {words.form.submit}
            </Button>
            <Button onClick={() => setCreating(false)}>{words.form.cancel}</Button>
          </Space>
        </Form>
      </Modal>

      <Modal
        open={rotation !== undefined}
        title={rotation?.format === 'sms' ? words.replaceNumbers : words.rotate}
        okText={words.yes}
        cancelText={words.no}
        onCancel={() => setRotation(undefined)}
        onOk={() => rotationForm.submit()}
      >
        <Form
          form={rotationForm}
          name="rotation"
          layout="vertical"
          onFinish={async (fields) => {
            if (rotation === undefined) return;
            if (await take(rotation, 'rotateSecret', namedCredentialsOf(rotation.format ?? 'standardWebhooks', fields))) {
              setRotation(undefined);
              rotationForm.resetFields();
            }
          }}
        >
          <Typography.Paragraph>
            {rotation?.format === 'sms'
              ? words.confirmRotatePhones
              : rotation?.format === 'zhezhengdingWorkNotice'
                ? words.confirmRotateApp
                : words.confirmRotateRobot}
          </Typography.Paragraph>
          <CredentialItems format={rotation?.format} words={words} creating={false} />
        </Form>
      </Modal>

      <SecretDialog secret={secret} words={words} onClose={() => setSecret(undefined)} />
    </Space>
  );
}
