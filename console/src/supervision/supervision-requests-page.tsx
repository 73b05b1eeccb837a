/**
 * 督办申请: a department liaison asks the supervisory organ to supervise a matter (督办, Art. 18
 * ¶2) and follows its requests; a supervisor decides the pending ones of the jurisdiction, soonest
 * decision deadline first: open a case with instructions and a deadline, or decline with reasons.
 * Every request of the list, not only the page, can be exported to Excel or CSV.
 */
import { App, Button, Descriptions, Form, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo, useState } from 'react';
import { CursorPagedTable } from '../forms/cursor-paged-table';
import { useCursorPages } from '../forms/cursor-pages';
import type { ApiClient } from '../api/client';
import { actsForDepartment } from '../auth/staff-member';
import { ExportButtons } from '../export/export-buttons';
import { settle } from '../forms/api-answers';
import { DeadlineText } from '../forms/deadline-text';
import { departmentName, readDepartments, useDepartments } from '../forms/department-names';
import type { PageProps } from '../frame/routes';
import { shanghaiDateTime } from '../shanghai-time';
import { readAllRequests, requestExportColumns } from './supervision-export';
import { casePage, requestStatuses, type SupervisionRequest } from './supervision-labels';

const pageSize = 20;
const required = (what: string) => [{ required: true, whitespace: true, message: `请填写${what}` }];

export default function SupervisionRequestsPage({ api, member }: PageProps) {
  const liaison = actsForDepartment(member);
  const departments = useDepartments(api);
  const [filing, setFiling] = useState(false);
  const [deciding, setDeciding] = useState<SupervisionRequest | undefined>();

  const read = useCallback(
    (cursor: string | undefined) =>
      api.GET('/v1/supervision-requests', {
        params: { query: { limit: pageSize, ...(cursor === undefined ? {} : { cursor }) } },
      }),
    [api],
  );
  const pages = useCursorPages(read, { readFailed: (title) => `督办申请读取失败：${title ?? '请稍后重试'}` });

  const columns = useMemo<ColumnsType<SupervisionRequest>>(
    () => [
      { title: '申请编号', dataIndex: 'requestNumber', width: 190 },
      {
        title: '状态',
        dataIndex: 'status',
        width: 120,
        render: (status: SupervisionRequest['status']) => <Tag color={requestStatuses[status].color}>{requestStatuses[status].name}</Tag>,
      },
      { title: '事由', dataIndex: 'subject' },
      { title: '申请部门', dataIndex: 'requester', render: (requester: string) => departmentName(departments, requester) },
      { title: '提出时间', dataIndex: 'filedAt', width: 150, render: shanghaiDateTime },
      {
        title: '决定期限（北京时间）',
        dataIndex: 'decisionDue',
        width: 190,
        render: (due: SupervisionRequest['decisionDue'], request) => <DeadlineText deadline={due} done={request.status !== 'pending'} />,
      },
      {
        title: '操作',
        key: 'actions',
        width: 120,
        render: (_: unknown, request) =>
          request.decision?.caseNumber ? (
            <a href={casePage(request.decision.caseNumber)}>{request.decision.caseNumber}</a>
          ) : !liaison && request.status === 'pending' ? (
            <Button size="small" type="primary" onClick={() => setDeciding(request)}>
              决定
            </Button>
          ) : null,
      },
    ],
    [departments, liaison],
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        {liaison && (
          <Button type="primary" onClick={() => setFiling(true)}>
            申请督办
          </Button>
        )}
        <Typography.Text type="secondary">{liaison ? '本部门提出的督办申请' : '本辖区待决定的督办申请，决定期限最近的在前'}</Typography.Text>
        <Button onClick={() => void pages.reload()}>刷新</Button>
        <ExportButtons listName="督办申请" columns={async () => requestExportColumns(await readDepartments(api))} readRows={() => readAllRequests(api)} />
      </Space>
      <CursorPagedTable<SupervisionRequest>
        rowKey="requestNumber"
        columns={columns}
        pages={pages}
        rows={pages.page?.items}
        expandable={{ expandedRowRender: (request) => <RequestDetails request={request} /> }}
        empty={liaison ? '本部门尚未提出督办申请' : '没有待决定的督办申请'}
      />
      {/* Mounted only while open: one dialog at a time, each with its own form. */}
      {filing && <RequestDialog api={api} open onClose={() => setFiling(false)} onFiled={pages.reload} />}
      {deciding !== undefined && <DecisionDialog api={api} request={deciding} onClose={() => setDeciding(undefined)} onDecided={pages.reload} />}
    </Space>
  );
}

function RequestDetails({ request }: { readonly request: SupervisionRequest }) {
  return (
    <Descriptions column={1} size="small">
      <Descriptions.Item label="事项情况">{request.matter}</Descriptions.Item>
      <Descriptions.Item label="督办请求">{request.asks}</Descriptions.Item>
      {request.decision !== null && (
        <Descriptions.Item label="决定">
          {request.decision.outcome === 'caseOpened' ? '立项督办' : '不予督办'}（{shanghaiDateTime(request.decision.at)}）
          {request.decision.reasons === null ? '' : `：${request.decision.reasons}`}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

interface RequestFields {
  readonly subject: string;
  readonly matter: string;
  readonly asks: string;
}

function RequestDialog({
  api,
  open,
  onClose,
  onFiled,
}: {
  readonly api: ApiClient;
  readonly open: boolean;
  readonly onClose: () => void;
  readonly onFiled: () => Promise<void>;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RequestFields>();
  const [sending, setSending] = useState(false);

  const file = async (fields: RequestFields): Promise<void> => {
    setSending(true);
    try {
      const answer = await api.POST('/v1/supervision-requests', { body: fields });
      const filed = await settle(answer, { message, form, step: '督办申请' });
      if (filed) {
        message.success(`督办申请已提出：${filed.requestNumber}`);
        form.resetFields();
        onClose();
        await onFiled();
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal title="申请督办" open={open} okText="提交申请" cancelText="取消" confirmLoading={sending} onOk={() => form.submit()} onCancel={onClose}>
      <Form<RequestFields> form={form} name="supervisionRequest" layout="vertical" onFinish={(fields) => void file(fields)}>
        <Form.Item name="subject" label="事由" rules={required('事由')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="matter" label="事项情况" rules={required('事项情况')}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="asks" label="请求督办的内容" rules={required('请求督办的内容')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface DecisionFields {
  readonly decision: 'openCase' | 'decline';
  readonly subject?: string;
  readonly instructions?: string;
  readonly deadline?: string;
  readonly reasons?: string;
}

function DecisionDialog({
  api,
  request,
  onClose,
  onDecided,
}: {
  readonly api: ApiClient;
  readonly request: SupervisionRequest | undefined;
  readonly onClose: () => void;
  readonly onDecided: () => Promise<void>;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<DecisionFields>();
  const decision = Form.useWatch('decision', form);
  const [sending, setSending] = useState(false);

  const decide = async (fields: DecisionFields): Promise<void> => {
    if (request === undefined) return;
    setSending(true);
    try {
      const expectedVersion = request.version;
      const reasons = fields.reasons?.trim() ? { reasons: fields.reasons } : {};
      const body =
        fields.decision === 'decline'
          ? { decision: 'decline' as const, expectedVersion, reasons: fields.reasons ?? '' }
          : {
              decision: 'openCase' as const,
              expectedVersion,
              instructions: fields.instructions ?? '',
              deadline: fields.deadline ?? '',
              ...(fields.subject?.trim() ? { subject: fields.subject } : {}),
              ...reasons,
            };
      const answer = await api.POST('/v1/supervision-requests/{requestNumber}/decision', { params: { path: { requestNumber: request.requestNumber } }, body });
      const decided = await settle(answer, { message, form, step: '督办决定', reread: onDecided });
      if (decided) {
        message.success(decided.case ? `已立项督办：${decided.case.caseNumber}` : '已决定不予督办。');
        form.resetFields();
        onClose();
        await onDecided();
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      title={request === undefined ? '督办决定' : `督办决定：${request.subject}`}
      open={request !== undefined}
      okText="提交决定"
      cancelText="取消"
      confirmLoading={sending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<DecisionFields>
        form={form}
        name="supervisionDecision"
        layout="vertical"
        initialValues={{ decision: 'openCase' }}
        onFinish={(fields) => void decide(fields)}
      >
        <Form.Item name="decision" label="决定">
          <Radio.Group
            options={[
              { value: 'openCase', label: '立项督办' },
              { value: 'decline', label: '不予督办' },
            ]}
          />
        </Form.Item>
        {decision !== 'decline' && (
          <>
            <Form.Item name="subject" label="督办事项名称（可选，默认采用申请事由）">
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="instructions" label="督办要求" rules={required('督办要求')}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            <Form.Item name="deadline" label="办结期限" rules={[{ required: true, message: '请选择办结期限' }]}>
              <Input type="date" aria-label="办结期限" style={{ width: 200 }} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="reasons"
          label={decision === 'decline' ? '不予督办理由' : '说明（可选）'}
          rules={decision === 'decline' ? required('不予督办理由') : []}
        >
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
