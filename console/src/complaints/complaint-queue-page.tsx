/**
 * The complaint queues (投诉队列): awaiting a decision on acceptance, handled by the supervisory
 * organ itself, forwarded to a department, awaiting review of a result — soonest deadline first,
 * a page at a time. Rows carry no personal data; a receipt number opens the complaint's page.
 * Every complaint of the queue shown, not only the page, can be exported to Excel or CSV.
 */
import { Button, Radio, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { CursorPagedTable } from '../forms/cursor-paged-table';
import { useCursorPages } from '../forms/cursor-pages';
import { actsForDepartment } from '../auth/staff-member';
import { ExportButtons } from '../export/export-buttons';
import { DeadlineText } from '../forms/deadline-text';
import { departmentName, readDepartments, useDepartments } from '../forms/department-names';
import type { PageProps } from '../frame/routes';
import { complaintExportColumns, readAllComplaints } from './complaint-export';
import { complaintCategories, complaintQueues, complaintStages, signalLevels, type ComplaintQueue, type ComplaintQueueRow } from './complaint-labels';

const pageSize = 20;

export default function ComplaintQueuePage({ api, member }: PageProps) {
  const liaison = actsForDepartment(member);
  const departments = useDepartments(api);
  const [queue, setQueue] = useState<ComplaintQueue>(liaison ? 'forwarded' : 'awaitingDecision');
  const [jurisdiction, setJurisdiction] = useState<string | undefined>();
  const [jurisdictions, setJurisdictions] = useState<readonly { value: string; label: string }[]>([]);

  useEffect(() => {
    if (member.role !== 'citySupervisor') return;
    void api.GET('/v1/jurisdictions').then(({ data }) => {
      if (data) setJurisdictions(data.items.map((item) => ({ value: item.jurisdiction, label: item.name })));
    });
  }, [api, member.role]);

  const read = useCallback(
    (cursor: string | undefined) =>
      api.GET('/v1/complaints', {
        params: { query: { queue, limit: pageSize, ...(jurisdiction === undefined ? {} : { jurisdiction }), ...(cursor === undefined ? {} : { cursor }) } },
      }),
    [api, queue, jurisdiction],
  );
  const pages = useCursorPages(read, { readFailed: (title) => `投诉读取失败：${title ?? '请稍后重试'}` });

  const columns = useMemo<ColumnsType<ComplaintQueueRow>>(
    () => [
      {
        title: '受理编号',
        dataIndex: 'receiptNumber',
        render: (receiptNumber: string) => <a href={`/complaints/view?receipt=${encodeURIComponent(receiptNumber)}`}>{receiptNumber}</a>,
      },
      { title: '状态', dataIndex: 'stage', width: 130, render: (stage: ComplaintQueueRow['stage']) => complaintStages[stage] ?? stage },
      { title: '类别', dataIndex: 'category', width: 100, render: (category: ComplaintQueueRow['category']) => complaintCategories[category] ?? category },
      { title: '被投诉部门', dataIndex: 'department', render: (department?: string) => departmentName(departments, department) },
      { title: '实名', dataIndex: 'realName', width: 80, render: (realName: boolean) => (realName ? '实名' : '匿名') },
      { title: '收到日期', dataIndex: 'receivedOn', width: 120 },
      {
        title: '期限（北京时间）',
        dataIndex: 'deadline',
        width: 190,
        render: (deadline: ComplaintQueueRow['deadline']) => <DeadlineText deadline={deadline} />,
      },
      {
        title: '预警',
        key: 'signal',
        width: 130,
        render: (_: unknown, row) =>
          row.signal === null ? (
            '—'
          ) : (
            <Space size={4}>
              <Tag color={signalLevels[row.signal]?.color}>{signalLevels[row.signal]?.name ?? row.signal}</Tag>
              {row.escalated && <Tag color="red">已上报</Tag>}
            </Space>
          ),
      },
    ],
    [departments],
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Radio.Group
          aria-label="队列"
          optionType="button"
          buttonStyle="solid"
          value={queue}
          onChange={(event) => {
            setQueue(event.target.value as ComplaintQueue);
            pages.restart();
          }}
          options={Object.entries(complaintQueues).map(([value, label]) => ({ value, label }))}
        />
        {member.role === 'citySupervisor' && (
          <Select
            aria-label="辖区"
            placeholder="全市"
            allowClear
            style={{ width: 180 }}
            value={jurisdiction}
            onChange={(value?: string) => {
              setJurisdiction(value);
              pages.restart();
            }}
            options={[...jurisdictions]}
          />
        )}
        <Button onClick={() => void pages.reload()}>刷新</Button>
        <ExportButtons
          listName={`投诉队列-${complaintQueues[queue]}`}
          columns={async () => complaintExportColumns(await readDepartments(api))}
          readRows={() => readAllComplaints(api, queue, jurisdiction)}
        />
      </Space>
      <CursorPagedTable<ComplaintQueueRow> rowKey="receiptNumber" columns={columns} pages={pages} rows={pages.page?.items} empty="该队列中没有投诉" />
    </Space>
  );
}
