/**
 * 问责措施: the measures of the caller's scope (a liaison's: its department's), narrowed by type and
 * status, each opening its page; a supervisor issues one here — from an alert's page the form opens
 * on that alert (`/accountability?department=…&kind=…&caseId=…&ruleId=…`).
 */
import { App, Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo, useState } from 'react';
import type { ApiClient } from '../api/client';
import { actsForDepartment } from '../auth/staff-member';
import { CursorPagedTable } from '../forms/cursor-paged-table';
import { useCursorPages } from '../forms/cursor-pages';
import { settle } from '../forms/api-answers';
import { departmentName, useDepartments, type DepartmentEntry } from '../forms/department-names';
import type { PageProps } from '../frame/routes';
import { shanghaiDate } from '../shanghai-time';
import { article24Items, measurePage, measureStatuses, measureTypes, type AccountabilityMeasure } from './accountability-labels';

const pageSize = 20;

export default function AccountabilityListPage({ api, member, params = {} }: PageProps) {
  const liaison = actsForDepartment(member);
  const departments = useDepartments(api);
  const [type, setType] = useState<AccountabilityMeasure['type'] | undefined>();
  const [status, setStatus] = useState<AccountabilityMeasure['status'] | undefined>();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const fromAlert = params['caseId'] !== undefined && params['ruleId'] !== undefined;
  const [issuing, setIssuing] = useState(fromAlert && !liaison);

  const read = useCallback(
    (cursor: string | undefined) =>
      api.GET('/v1/accountability-measures', {
        params: {
          query: {
            limit: pageSize,
            ...(type ? { type } : {}),
            ...(status ? { status } : {}),
            ...(overdueOnly ? { overdue: 'true' as const } : {}),
            ...(cursor === undefined ? {} : { cursor }),
          },
        },
      }),
    [api, type, status, overdueOnly],
  );
  const pages = useCursorPages(read, { readFailed: (title) => `问责措施读取失败：${title ?? '请稍后重试'}` });

  const columns = useMemo<ColumnsType<AccountabilityMeasure>>(
    () => [
      { title: '编号', dataIndex: 'measureNumber', width: 190, render: (number: string) => <a href={measurePage(number)}>{number}</a> },
      { title: '措施', dataIndex: 'type', width: 100, render: (value: AccountabilityMeasure['type']) => measureTypes[value] },
      {
        title: '状态',
        dataIndex: 'status',
        width: 190,
        render: (value: AccountabilityMeasure['status'], measure) => (
          <Space size={4}>
            <Tag color={measureStatuses[value].color}>{measureStatuses[value].name}</Tag>
            {measure.overdue && <Tag color="red">已逾期</Tag>}
          </Space>
        ),
      },
      { title: '被问责部门', dataIndex: 'department', render: (department: string) => departmentName(departments, department) },
      { title: '改正期限', dataIndex: 'deadline', width: 120, render: (deadline?: string) => deadline ?? '—' },
      { title: '作出机关', dataIndex: ['issuer', 'organ'] },
      { title: '下达日期', dataIndex: 'issuedAt', width: 120, render: (at: string) => shanghaiDate(at) },
    ],
    [departments],
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          aria-label="措施类型"
          allowClear
          placeholder="全部措施"
          style={{ width: 140 }}
          value={type}
          onChange={(value) => {
            setType(value);
            pages.restart();
          }}
          options={Object.entries(measureTypes).map(([value, label]) => ({ value, label }))}
        />
        <Select
          aria-label="状态"
          allowClear
          placeholder="全部状态"
          style={{ width: 170 }}
          value={status}
          onChange={(value) => {
            setStatus(value);
            pages.restart();
          }}
          options={Object.entries(measureStatuses).map(([value, { name }]) => ({ value, label: name }))}
        />
        <Checkbox
          checked={overdueOnly}
          onChange={(event) => {
            setOverdueOnly(event.target.checked);
            pages.restart();
          }}
        >
          仅逾期未改正
        </Checkbox>
        {!liaison && <Button onClick={() => setIssuing(true)}>作出问责</Button>}
        <Button onClick={() => void pages.reload()}>刷新</Button>
      </Space>
      <CursorPagedTable<AccountabilityMeasure> rowKey="measureNumber" columns={columns} pages={pages} rows={pages.page?.items} empty="没有问责措施" />
      {issuing && <IssueDialog api={api} departments={departments} params={params} onClose={() => setIssuing(false)} />}
    </Space>
  );
}

interface IssueFields {
  readonly department: string;
  readonly signal: { readonly kind: string; readonly caseId: string; readonly ruleId: string };
  readonly article24Item: number;
  readonly facts: string;
  readonly measure: {
    readonly type: AccountabilityMeasure['type'];
    readonly deadlineBy?: 'workingDays' | 'date';
    readonly deadline?: { readonly workingDays?: number; readonly date?: string };
    readonly requirements?: string;
    readonly circulatedText?: string;
    readonly circulatedTo?: string;
    readonly referredTo?: string;
  };
}

const required = (what: string) => [{ required: true, whitespace: true, message: `请填写${what}` }];

function bodyOf(fields: IssueFields) {
  const { department, signal, article24Item, facts, measure } = fields;
  const base = { department, article24Item, facts, signals: [{ department, ...signal }] };
  switch (measure.type) {
    case 'correctionOrder':
      return {
        ...base,
        measure: {
          type: measure.type,
          deadline: measure.deadlineBy === 'date' ? { date: measure.deadline?.date ?? '' } : { workingDays: measure.deadline?.workingDays ?? 0 },
          requirements: measure.requirements ?? '',
        },
      };
    case 'circulatedCriticism':
      return { ...base, measure: { type: measure.type, circulatedText: measure.circulatedText ?? '', circulatedTo: measure.circulatedTo ?? '' } };
    case 'accountabilityReferral':
      return { ...base, measure: { type: measure.type, referredTo: measure.referredTo ?? '' } };
  }
}

function IssueDialog({
  api,
  departments,
  params,
  onClose,
}: {
  readonly api: ApiClient;
  readonly departments: readonly DepartmentEntry[];
  readonly params: Readonly<Record<string, string>>;
  readonly onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<IssueFields>();
  const [sending, setSending] = useState(false);
  const type = Form.useWatch(['measure', 'type'], form);
  const deadlineBy = Form.useWatch(['measure', 'deadlineBy'], form);

  const issue = async (fields: IssueFields): Promise<void> => {
    setSending(true);
    try {
      const answer = await api.POST('/v1/accountability-measures', { body: bodyOf(fields) });
      const issued = await settle(answer, { message, form, step: '作出问责' });
      if (issued) window.location.assign(measurePage(issued.measureNumber));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal title="作出问责" open width={720} okText="下达" cancelText="取消" confirmLoading={sending} onOk={() => form.submit()} onCancel={onClose}>
      <Form<IssueFields>
        form={form}
        layout="vertical"
        initialValues={{
          department: params['department'],
          signal: { kind: params['kind'] ?? 'licensing', caseId: params['caseId'], ruleId: params['ruleId'] },
          article24Item: 4,
          measure: { type: 'correctionOrder', deadlineBy: 'workingDays', deadline: { workingDays: 10 } },
        }}
        onFinish={(fields) => void issue(fields)}
      >
        <Form.Item name="department" label="被问责部门" rules={[{ required: true, message: '请选择部门' }]}>
          <Select showSearch optionFilterProp="label" options={departments.map((entry) => ({ value: entry.department, label: entry.name }))} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name={['signal', 'kind']} label="预警所属记录类别" rules={required('记录类别')}>
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name={['signal', 'caseId']} label="案件编号" rules={required('案件编号')}>
            <Input style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name={['signal', 'ruleId']} label="规则" rules={required('规则')}>
            <Input style={{ width: 240 }} />
          </Form.Item>
        </Space>
        <Form.Item name="article24Item" label="违反第二十四条第一款" rules={[{ required: true, message: '请选择' }]}>
          <Select options={[...article24Items]} />
        </Form.Item>
        <Form.Item name="facts" label="查明的事实" rules={required('查明的事实')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name={['measure', 'type']} label="措施">
          <Radio.Group optionType="button" buttonStyle="solid" options={Object.entries(measureTypes).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        {type === 'correctionOrder' && (
          <>
            <Space wrap align="start">
              <Form.Item name={['measure', 'deadlineBy']} label="改正期限">
                <Radio.Group
                  options={[
                    { value: 'workingDays', label: '工作日数' },
                    { value: 'date', label: '日期' },
                  ]}
                />
              </Form.Item>
              {deadlineBy === 'date' ? (
                <Form.Item name={['measure', 'deadline', 'date']} label="改正期限（日期）" rules={[{ required: true, message: '请选择日期' }]}>
                  <Input type="date" style={{ width: 200 }} />
                </Form.Item>
              ) : (
                <Form.Item name={['measure', 'deadline', 'workingDays']} label="下达后工作日数" rules={[{ required: true, message: '请填写工作日数' }]}>
                  <InputNumber min={1} max={120} style={{ width: 120 }} />
                </Form.Item>
              )}
            </Space>
            <Form.Item name={['measure', 'requirements']} label="改正要求" rules={required('改正要求')}>
              <Input.TextArea rows={2} maxLength={5000} />
            </Form.Item>
          </>
        )}
        {type === 'circulatedCriticism' && (
          <>
            <Form.Item name={['measure', 'circulatedTo']} label="通报范围" rules={required('通报范围')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name={['measure', 'circulatedText']} label="通报内容" rules={required('通报内容')}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
          </>
        )}
        {type === 'accountabilityReferral' && (
          <Form.Item name={['measure', 'referredTo']} label="移送机关" rules={required('移送机关')}>
            <Input maxLength={100} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
