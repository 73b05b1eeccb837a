/**
 * The alert queue (预警队列): the caller's alerts, newest first, narrowed by the filters the API
 * offers (department, level, status, record kind, the responsible official's staff id), a page at a time with the API's cursor. A
 * department liaison signs for (签收) an open alert of their department, sending the version they
 * read; when someone changed it first the API answers 409 and the queue is read again. A case's
 * number opens the alert's page. Every alert matching the filters, not only the page shown, can be
 * exported to Excel or CSV.
 */
import { App, Button, Input, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { readDepartments, type DepartmentEntry } from '../forms/department-names';
import { actsForDepartment } from '../auth/staff-member';
import { ExportButtons } from '../export/export-buttons';
import { CursorPagedTable } from '../forms/cursor-paged-table';
import { useCursorPages } from '../forms/cursor-pages';
import type { PageProps } from '../frame/routes';
import { useLanguage } from '../language/language';
import { shanghaiDate, shanghaiDateTime } from '../shanghai-time';
import { alertExportColumns } from './alert-export-columns';
import { alertLevels, alertStatuses, recordKinds, type AlertLevel, type AlertStatus } from './alert-labels';
import { alertPath, LevelTag } from './alert-links';
import { readAllAlerts, type Alert, type AlertFilters as Filters } from './all-alerts';

const pageSize = 20;

const namesById = (entries: readonly DepartmentEntry[]): ReadonlyMap<string, string> => new Map(entries.map((entry) => [entry.department, entry.name]));

const alertKey = (alert: Pick<Alert, 'department' | 'kind' | 'caseId' | 'ruleId'>): string =>
  `${alert.department}/${alert.kind}/${alert.caseId}/${alert.ruleId}`;

export default function AlertQueuePage({ api, member, params }: PageProps) {
  const { message } = App.useApp();
  const { strings } = useLanguage();
  // Opened with a department named (from 数据质量's 查看预警): the queue starts filtered to it.
  const [filters, setFilters] = useState<Filters>(() => ({
    ...(params?.department === undefined ? {} : { department: params.department }),
    // And with an official named (from 经办人统计): filtered to their staff id too.
    ...(params?.official === undefined ? {} : { official: params.official }),
  }));
  const [official, setOfficial] = useState(params?.official ?? '');
  const [acting, setActing] = useState<string | undefined>();
  const [departments, setDepartments] = useState<ReadonlyMap<string, string>>(new Map());
  const liaison = actsForDepartment(member);

  useEffect(() => {
    void readDepartments(api).then((entries) => setDepartments(namesById(entries)));
  }, [api]);

  const read = useCallback(
    (cursor: string | undefined) =>
      api.GET('/v1/alerts', {
        params: { query: { ...filters, limit: pageSize, ...(cursor === undefined ? {} : { cursor }) } },
      }),
    [api, filters],
  );
  const pages = useCursorPages(read, { readFailed: strings.queue.readFailed });
  const { reload, update } = pages;

  const changeFilters = (change: Partial<Filters>): void => {
    setFilters((current) => ({ ...current, ...change }));
    pages.restart();
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
          message.success(strings.queue.acknowledged(alert.caseId));
          update((page) => ({ ...page, items: page.items.map((candidate) => (alertKey(candidate) === alertKey(data) ? data : candidate)) }));
        } else if (response.status === 409) {
          message.error(strings.queue.acknowledgeConflict, 6);
          await reload();
        } else {
          message.error(strings.queue.acknowledgeFailed(response.status));
        }
      } finally {
        setActing(undefined);
      }
    },
    [api, reload, update, message, strings],
  );

  const columns = useMemo<ColumnsType<Alert>>(
    () => [
      {
        title: strings.queue.columns.level,
        dataIndex: 'level',
        width: 80,
        render: (level: AlertLevel) => <LevelTag level={level} strings={strings} />,
      },
      { title: strings.queue.columns.status, dataIndex: 'status', width: 110, render: (status: AlertStatus) => strings.statuses[status] ?? status },
      { title: strings.queue.columns.department, dataIndex: 'department', render: (department: string) => departments.get(department) ?? department },
      { title: strings.queue.columns.kind, dataIndex: 'kind', width: 110, render: (kind: string) => strings.recordKinds[kind] ?? kind },
      {
        title: strings.queue.columns.caseId,
        dataIndex: 'caseId',
        render: (caseId: string, alert) => <Typography.Link href={alertPath(alert)}>{caseId}</Typography.Link>,
      },
      {
        title: strings.queue.columns.official,
        dataIndex: 'officialStaffId',
        width: 110,
        render: (staffId?: string) => staffId ?? '—',
      },
      {
        title: strings.queue.columns.summary,
        dataIndex: 'summary',
        render: (summary: string, alert) => (
          <Space direction="vertical" size={0}>
            <Typography.Text>{summary}</Typography.Text>
            {/* Full-strength text: the grey of "secondary" is below the contrast small print needs. */}
            <Typography.Text style={{ fontSize: 12, color: 'rgba(0, 0, 0, 0.65)' }}>{alert.legalBasis}</Typography.Text>
          </Space>
        ),
      },
      {
        title: strings.queue.columns.deadline,
        dataIndex: 'deadline',
        width: 130,
        render: (deadline?: string) => (deadline === undefined ? '—' : shanghaiDate(deadline)),
      },
      { title: strings.queue.columns.raisedAt, dataIndex: 'raisedAt', width: 150, render: shanghaiDateTime },
      ...(liaison
        ? [
            {
              title: strings.queue.columns.actions,
              key: 'actions',
              width: 90,
              render: (_: unknown, alert: Alert) =>
                alert.status === 'open' ? (
                  <Button size="small" type="primary" loading={acting === alertKey(alert)} onClick={() => void acknowledge(alert)}>
                    {strings.actions.names.acknowledge}
                  </Button>
                ) : null,
            },
          ]
        : []),
    ],
    [departments, liaison, acting, acknowledge, strings],
  );

  const option = (value: string, label: string) => ({ value, label });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        {!liaison && (
          <Select
            aria-label={strings.queue.columns.department}
            placeholder={strings.queue.allDepartments}
            allowClear
            style={{ width: 220 }}
            value={filters.department}
            onChange={(department?: string) => changeFilters({ department })}
            options={[...departments].map(([id, name]) => option(id, name))}
          />
        )}
        <Select
          aria-label={strings.queue.columns.level}
          placeholder={strings.queue.allLevels}
          allowClear
          style={{ width: 120 }}
          value={filters.level}
          onChange={(level?: AlertLevel) => changeFilters({ level })}
          options={(Object.keys(alertLevels) as AlertLevel[]).map((value) => option(value, strings.levels[value]))}
        />
        <Select
          aria-label={strings.queue.columns.status}
          placeholder={strings.queue.allStatuses}
          allowClear
          style={{ width: 160 }}
          value={filters.status}
          onChange={(status?: AlertStatus) => changeFilters({ status })}
          options={(Object.keys(alertStatuses) as AlertStatus[]).map((value) => option(value, strings.statuses[value]))}
        />
        <Select
          aria-label={strings.queue.columns.kind}
          placeholder={strings.queue.allKinds}
          allowClear
          style={{ width: 150 }}
          value={filters.kind}
          onChange={(kind?: string) => changeFilters({ kind })}
          options={Object.keys(recordKinds).map((value) => option(value, strings.recordKinds[value] ?? value))}
        />
        <Input.Search
          aria-label={strings.queue.officialFilter}
          placeholder={strings.queue.officialFilter}
          allowClear
          style={{ width: 180 }}
          value={official}
          onChange={(event) => setOfficial(event.target.value)}
          onSearch={(value) => changeFilters({ official: value.trim() === '' ? undefined : value.trim() })}
        />
        <Button onClick={() => void reload()}>{strings.queue.refresh}</Button>
        <ExportButtons
          listName="预警队列"
          columns={async () => alertExportColumns(namesById(await readDepartments(api)))}
          readRows={() => readAllAlerts(api, filters)}
        />
        <Button href="/alerts/charts">{strings.queue.charts}</Button>
      </Space>
      <CursorPagedTable<Alert> rowKey={alertKey} columns={columns} pages={pages} rows={pages.page?.items} empty={strings.queue.empty} />
    </Space>
  );
}
