/**
 * 督办事项: the supervised cases of the caller's scope — active ones soonest deadline first, or the
 * closed ones — each opening its page; a supervisor opens a case on its own initiative here.
 * Every case of the list shown, not only the page, can be exported to Excel or CSV.
 */
import { App, Button, Form, Input, Modal, Radio, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo, useState } from 'react';
import { CursorPagedTable } from '../forms/cursor-paged-table';
import { useCursorPages } from '../forms/cursor-pages';
import type { ApiClient } from '../api/client';
import { actsForDepartment } from '../auth/staff-member';
import { ExportButtons } from '../export/export-buttons';
import { settle } from '../forms/api-answers';
import { DeadlineText } from '../forms/deadline-text';
import { departmentName, readDepartments, useDepartments, type DepartmentEntry } from '../forms/department-names';
import type { PageProps } from '../frame/routes';
import { caseExportColumns, readAllCases } from './supervision-export';
import { caseOrigins, casePage, caseStages, type SupervisionCase } from './supervision-labels';

const pageSize = 20;
const required = (what: string) => [{ required: true, whitespace: true, message: `请填写${what}` }];

export default function SupervisionCasesPage({ api, member }: PageProps) {
  const liaison = actsForDepartment(member);
  const departments = useDepartments(api);
  const [state, setState] = useState<'active' | 'closed'>('active');
  const [opening, setOpening] = useState(false);

  const read = useCallback(
    (cursor: string | undefined) =>
      api.GET('/v1/supervision-cases', {
        params: { query: { state, limit: pageSize, ...(cursor === undefined ? {} : { cursor }) } },
      }),
    [api, state],
  );
  const pages = useCursorPages(read, { readFailed: (title) => `督办事项读取失败：${title ?? '请稍后重试'}` });

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
            pages.restart();
          }}
          options={[
            { value: 'active', label: '督办中' },
            { value: 'closed', label: '已结案' },
          ]}
        />
        {!liaison && <Button onClick={() => setOpening(true)}>主动督办</Button>}
        <Button onClick={() => void pages.reload()}>刷新</Button>
        <ExportButtons
          listName={state === 'active' ? '督办事项-督办中' : '督办事项-已结案'}
          columns={async () => caseExportColumns(await readDepartments(api))}
          readRows={() => readAllCases(api, state)}
        />
      </Space>
      <CursorPagedTable<SupervisionCase> rowKey="caseNumber" columns={columns} pages={pages} rows={pages.page?.items} empty="没有督办事项" />
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
