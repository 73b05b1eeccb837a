/**
 * 督办事项: the supervised cases of the caller's scope — active ones soonest deadline first, or the
 * closed ones — each opening its page; a supervisor opens a case on its own initiative here.
 * Every case of the list shown, not only the page, can be exported to Excel or CSV.
 */
import { App, Button, Empty, Form, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLatestReading } from '../forms/latest-reading';
import { CursorPager } from '../forms/cursor-pager';
import type { ApiClient } from '../api/client';
import { actsForDepartment } from '../auth/staff-member';
import { ExportButtons } from '../export/export-buttons';
import { settle, type ProblemBody } from '../forms/api-answers';
import { DeadlineText } from '../forms/deadline-text';
import { departmentName, readDepartments, useDepartments, type DepartmentEntry } from '../forms/department-names';
import type { PageProps } from '../frame/routes';
import { caseExportColumns, readAllCases } from './supervision-export';
import { caseOrigins, casePage, caseStages, type SupervisionCase } from './supervision-labels';

const pageSize = 20;
const required = (what: string) => [{ required: true, whitespace: true, message: `请填写${what}` }];

export default function SupervisionCasesPage({ api, member }: PageProps) {
  const { message } = App.useApp();
  const liaison = actsForDepartment(member);
  const departments = useDepartments(api);
  const [state, setState] = useState<'active' | 'closed'>('active');
  const [cursors, setCursors] = useState<readonly (string | undefined)[]>([undefined]);
  const [pageIndex, setPageIndex] = useState(0);
  const [cases, setCases] = useState<readonly SupervisionCase[]>([]);
  const [nextCursor, setNextCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const [opening, setOpening] = useState(false);

  const startReading = useLatestReading();
  const load = useCallback(async () => {
    const isLatest = startReading();
    setLoading(true);
    try {
      const cursor = cursors[pageIndex];
      const { data, error } = await api.GET('/v1/supervision-cases', {
        params: { query: { state, limit: pageSize, ...(cursor === undefined ? {} : { cursor }) } },
      });
      if (!isLatest()) return;
      if (data) {
        setCases(data.items);
        setNextCursor(data.nextCursor);
      } else message.error(`督办事项读取失败：${(error as ProblemBody | undefined)?.title ?? '请稍后重试'}`);
    } finally {
      if (isLatest()) setLoading(false);
    }
  }, [api, state, cursors, pageIndex, message, startReading]);

  useEffect(() => {
    void load();
  }, [load]);

  const columns = useMemo<ColumnsType<SupervisionCase>>(
    () => [
      { title: '督办编号', dataIndex: 'caseNumber', width: 190, render: (caseNumber: string) => <a href={casePage(caseNumber)}>{caseNumber}</a> },
      {
        title: '状态',
        dataIndex: 'stage',
        width: 120,
        render: (stage: SupervisionCase['stage']) => <Tag color={caseStages[stage].color}>{caseStages[stage].name}</Tag>,
      },
      { title: '督办事项', dataIndex: 'subject' },
      { title: '责任部门', dataIndex: 'responsibleDepartment', render: (department: string) => departmentName(departments, department) },
      { title: '来源', dataIndex: 'origin', width: 140, render: (origin: SupervisionCase['origin']) => caseOrigins[origin.kind] },
      {
        title: '办结期限（北京时间）',
        dataIndex: 'deadline',
        width: 190,
        render: (deadline: SupervisionCase['deadline'], supervised) => <DeadlineText deadline={deadline} done={supervised.stage === 'closed'} />,
      },
      { title: '延期', dataIndex: 'extensions', width: 70, render: (extensions: number) => (extensions === 0 ? '—' : `${extensions} 次`) },
    ],
    [departments],
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Radio.Group
          aria-label="范围"
          optionType="button"
          buttonStyle="solid"
          value={state}
          onChange={(event) => {
            setState(event.target.value as 'active' | 'closed');
            setCursors([undefined]);
            setPageIndex(0);
          }}
          options={[
            { value: 'active', label: '督办中' },
            { value: 'closed', label: '已结案' },
          ]}
        />
        {!liaison && <Button onClick={() => setOpening(true)}>主动督办</Button>}
        <Button onClick={() => void load()}>刷新</Button>
        <ExportButtons
          listName={state === 'active' ? '督办事项-督办中' : '督办事项-已结案'}
          columns={async () => caseExportColumns(await readDepartments(api))}
          readRows={() => readAllCases(api, state)}
        />
      </Space>
      <Table<SupervisionCase>
        rowKey="caseNumber"
        columns={columns}
        dataSource={[...cases]}
        loading={loading}
        pagination={false}
        size="middle"
        locale={{ emptyText: <Empty description="没有督办事项" /> }}
      />
      <CursorPager
        pageIndex={pageIndex}
        hasNext={nextCursor !== undefined}
        loading={loading}
        onPrevious={() => setPageIndex((index) => index - 1)}
        onNext={() => {
          setCursors((current) => [...current.slice(0, pageIndex + 1), nextCursor]);
          setPageIndex((index) => index + 1);
        }}
      />
      {opening && <InitiativeDialog api={api} departments={departments} open onClose={() => setOpening(false)} />}
    </Space>
  );
}

interface InitiativeFields {
  readonly responsibleDepartment: string;
  readonly subject: string;
  readonly instructions: string;
  readonly deadline: string;
  readonly reasons?: string;
}

function InitiativeDialog({
  api,
  departments,
  open,
  onClose,
}: {
  readonly api: ApiClient;
  readonly departments: readonly DepartmentEntry[];
  readonly open: boolean;
  readonly onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<InitiativeFields>();
  const [sending, setSending] = useState(false);

  const openCase = async (fields: InitiativeFields): Promise<void> => {
    setSending(true);
    try {
      const { reasons, ...rest } = fields;
      const answer = await api.POST('/v1/supervision-cases', { body: { origin: 'initiative', ...rest, ...(reasons?.trim() ? { reasons } : {}) } });
      const opened = await settle(answer, { message, form, step: '主动督办' });
      if (opened) window.location.assign(casePage(opened.caseNumber));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal title="主动督办" open={open} okText="立项" cancelText="取消" confirmLoading={sending} onOk={() => form.submit()} onCancel={onClose}>
      <Form<InitiativeFields> form={form} layout="vertical" onFinish={(fields) => void openCase(fields)}>
        <Form.Item name="responsibleDepartment" label="责任部门" rules={[{ required: true, message: '请选择责任部门' }]}>
          <Select showSearch optionFilterProp="label" options={departments.map((entry) => ({ value: entry.department, label: entry.name }))} />
        </Form.Item>
        <Form.Item name="subject" label="督办事项" rules={required('督办事项')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="instructions" label="督办要求" rules={required('督办要求')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="deadline" label="办结期限" rules={[{ required: true, message: '请选择办结期限' }]}>
          <Input type="date" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="reasons" label="督办理由（可选）">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
