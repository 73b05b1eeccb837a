/**
 * The alert queue (预警队列): the caller's alerts, newest first, narrowed by the filters the API
 * offers (department, level, status, record kind), a page at a time with the API's cursor. A
 * department liaison signs for (签收) an open alert of their department, sending the version they
 * read; when someone changed it first the API answers 409 and the queue is read again. Every alert
 * matching the filters, not only the page shown, can be exported to Excel or CSV.
 */
import { App, Button, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Problem } from '../api/client';
import { actsForDepartment } from '../auth/staff-member';
import { ExportButtons } from '../export/export-buttons';
import type { PageProps } from '../frame/routes';
import { shanghaiDate, shanghaiDateTime } from '../shanghai-time';
import { alertExportColumns } from './alert-export-columns';
import { alertLevels, alertStatuses, recordKindName, recordKinds, type AlertLevel, type AlertStatus } from './alert-labels';
import { readAllAlerts, type Alert, type AlertFilters as Filters } from './all-alerts';

const pageSize = 20;

const alertKey = (alert: Pick<Alert, 'department' | 'kind' | 'caseId' | 'ruleId'>): string =>
  `${alert.department}/${alert.kind}/${alert.caseId}/${alert.ruleId}`;

export default function AlertQueuePage({ api, member }: PageProps) {
  const { message } = App.useApp();
  const [filters, setFilters] = useState<Filters>({});
  // The cursors of the pages read so far: the first page has none.
  const [cursors, setCursors] = useState<readonly (string | undefined)[]>([undefined]);
  const [pageIndex, setPageIndex] = useState(0);
  const [alerts, setAlerts] = useState<readonly Alert[]>([]);
  const [nextCursor, setNextCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const [acting, setActing] = useState<string | undefined>();
  const [departments, setDepartments] = useState<ReadonlyMap<string, string>>(new Map());
  const liaison = actsForDepartment(member);

  useEffect(() => {
    void api.GET('/v1/departments').then(({ data }) => {
      if (data) setDepartments(new Map(data.items.map((department) => [department.department, department.name])));
    });
  }, [api]);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const cursor = cursors[pageIndex];
      const { data, error } = await api.GET('/v1/alerts', {
        params: { query: { ...filters, limit: pageSize, ...(cursor === undefined ? {} : { cursor }) } },
      });
      if (data) {
        setAlerts(data.items);
        setNextCursor(data.nextCursor);
      } else {
        message.error(`预警读取失败：${(error as Problem | undefined)?.title ?? '请稍后重试'}`);
      }
    } finally {
      setLoading(false);
    }
  }, [api, filters, cursors, pageIndex, message]);

  useEffect(() => {
    void load();
  }, [load]);

  const changeFilters = (change: Partial<Filters>): void => {
    setFilters((current) => ({ ...current, ...change }));
    setCursors([undefined]);
    setPageIndex(0);
  };

  const acknowledge = useCallback(
    async (alert: Alert) => {
      setActing(alertKey(alert));
      try {
        const { data, response } = await api.POST('/v1/cases/{department}/{kind}/{caseId}/alerts/{ruleId}/actions', {
          params: { path: { department: alert.department, kind: alert.kind, caseId: alert.caseId, ruleId: alert.ruleId } },
          body: { action: 'acknowledge', expectedVersion: alert.version },
        });
        if (data) {
          message.success(`已签收：${alert.caseId}`);
          setAlerts((current) => current.map((candidate) => (alertKey(candidate) === alertKey(data) ? data : candidate)));
        } else if (response.status === 409) {
          message.error('签收未成功：该预警已被他人处理或已更新。列表已刷新，请核对后再操作。', 6);
          await load();
        } else {
          message.error(`签收未成功（${response.status}）`);
        }
      } finally {
        setActing(undefined);
      }
    },
    [api, load, message],
  );

  const columns = useMemo<ColumnsType<Alert>>(
    () => [
      {
        title: '级别',
        dataIndex: 'level',
        width: 80,
        render: (level: AlertLevel) => <Tag color={alertLevels[level].color}>{alertLevels[level].name}</Tag>,
      },
      { title: '状态', dataIndex: 'status', width: 110, render: (status: AlertStatus) => alertStatuses[status] ?? status },
      { title: '部门', dataIndex: 'department', render: (department: string) => departments.get(department) ?? department },
      { title: '类别', dataIndex: 'kind', width: 110, render: recordKindName },
      { title: '案件编号', dataIndex: 'caseId' },
      {
        title: '事由',
        dataIndex: 'summary',
        render: (summary: string, alert) => (
          <Space direction="vertical" size={0}>
            <Typography.Text>{summary}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {alert.legalBasis}
            </Typography.Text>
          </Space>
        ),
      },
      { title: '期限（北京时间）', dataIndex: 'deadline', width: 130, render: (deadline?: string) => (deadline === undefined ? '—' : shanghaiDate(deadline)) },
      { title: '发出时间', dataIndex: 'raisedAt', width: 150, render: shanghaiDateTime },
      ...(liaison
        ? [
            {
              title: '操作',
              key: 'actions',
              width: 90,
              render: (_: unknown, alert: Alert) =>
                alert.status === 'open' ? (
                  <Button size="small" type="primary" loading={acting === alertKey(alert)} onClick={() => void acknowledge(alert)}>
                    签收
                  </Button>
                ) : null,
            },
          ]
        : []),
    ],
    [departments, liaison, acting, acknowledge],
  );

  const exportColumns = useMemo(() => alertExportColumns(departments), [departments]);

  const option = (value: string, label: string) => ({ value, label });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        {!liaison && (
          <Select
            aria-label="部门"
            placeholder="全部部门"
            allowClear
            style={{ width: 220 }}
            value={filters.department}
            onChange={(department?: string) => changeFilters({ department })}
            options={[...departments].map(([id, name]) => option(id, name))}
          />
        )}
        <Select
          aria-label="级别"
          placeholder="全部级别"
          allowClear
          style={{ width: 120 }}
          value={filters.level}
          onChange={(level?: AlertLevel) => changeFilters({ level })}
          options={Object.entries(alertLevels).map(([value, level]) => option(value, level.name))}
        />
        <Select
          aria-label="状态"
          placeholder="全部状态"
          allowClear
          style={{ width: 160 }}
          value={filters.status}
          onChange={(status?: AlertStatus) => changeFilters({ status })}
          options={Object.entries(alertStatuses).map(([value, name]) => option(value, name))}
        />
        <Select
          aria-label="类别"
          placeholder="全部类别"
          allowClear
          style={{ width: 150 }}
          value={filters.kind}
          onChange={(kind?: string) => changeFilters({ kind })}
          options={Object.entries(recordKinds).map(([value, name]) => option(value, name))}
        />
        <Button onClick={() => void load()}>刷新</Button>
        <ExportButtons listName="预警队列" columns={exportColumns} readRows={() => readAllAlerts(api, filters)} />
        <Button href="/alerts/charts">统计图</Button>
      </Space>
      <Table<Alert>
        rowKey={alertKey}
        columns={columns}
        dataSource={[...alerts]}
        loading={loading}
        pagination={false}
        size="middle"
        locale={{ emptyText: <Empty description="没有符合条件的预警" /> }}
      />
      <Space>
        <Button disabled={pageIndex === 0 || loading} onClick={() => setPageIndex((index) => index - 1)}>
          上一页
        </Button>
        <Typography.Text>第 {pageIndex + 1} 页</Typography.Text>
        <Button
          disabled={nextCursor === undefined || loading}
          onClick={() => {
            setCursors((current) => [...current.slice(0, pageIndex + 1), nextCursor]);
            setPageIndex((index) => index + 1);
          }}
        >
          下一页
        </Button>
      </Space>
    </Space>
  );
}
