/**
 * 接入状况 (Art. 7, 10, 24): the departments of the caller's scope with how their business systems
 * push — the last push, what arrived over the chosen days (accepted, duplicate, refused, the
 * refusal rate), how many records came more than 24 hours after their event, and the connected
 * kinds that never produced a record, and the latest day it reconciled (一致性核查, Art. 7(2)): its
 * manifest consistent with what the system holds, or not. A liaison sees its own department, as the API scopes it.
 */
import { App, Button, Card, Empty, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { recordKindName } from '../alerts/alert-labels';
import type { components } from '../api/schema';
import type { ProblemBody } from '../forms/api-answers';
import type { PageProps } from '../frame/routes';
import { shanghaiDate, shanghaiDateTime } from '../shanghai-time';

type DepartmentHealth = components['schemas']['ConnectionHealth']['items'][number];

/** The ranges offered, in days up to today (the API takes at most 92). */
const ranges = [7, 30, 90] as const;

/** The Shanghai date `days - 1` days before today, and today: a range of `days` days. */
function rangeOf(days: number, now = new Date()): { from: string; to: string } {
  return { from: shanghaiDate(new Date(now.getTime() - (days - 1) * 86_400_000).toISOString()), to: shanghaiDate(now.toISOString()) };
}

const percentOf = (rate: number): string => `${(rate * 100).toFixed(rate === 0 ? 0 : 1)}%`;

const refusalReasonNames: Readonly<Record<string, string>> = {
  schema: '格式不符',
  unknownKind: '未知记录类别',
  unknownMatter: '事项不在目录中',
  sequenceConflict: '序号冲突',
  classified: '涉密内容',
  foreignDepartment: '非本部门记录',
};

const refusalDetail = (row: DepartmentHealth): string =>
  Object.entries(row.totals.refusedByReason)
    .map(([reason, count]) => `${refusalReasonNames[reason] ?? reason} ${count}`)
    .join('；') || '无拒收';

export default function ConnectionHealthPage({ api }: PageProps) {
  const { message } = App.useApp();
  const [days, setDays] = useState<number>(30);
  const [items, setItems] = useState<readonly DepartmentHealth[]>([]);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const { data, error } = await api.GET('/v1/connection-health', { params: { query: rangeOf(days) } });
      if (data) setItems(data.items);
      else message.error(`接入状况读取失败：${(error as ProblemBody | undefined)?.title ?? '请稍后重试'}`);
    } finally {
      setLoading(false);
    }
  }, [api, days, message]);

  useEffect(() => {
    void load();
  }, [load]);

  const columns = useMemo<ColumnsType<DepartmentHealth>>(
    () => [
      { title: '部门', dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
      {
        title: '接入类别',
        key: 'kinds',
        render: (_: unknown, row) => (
          <Space size={[0, 4]} wrap>
            {row.connectedKinds.map((kind) => (
              <Tag key={kind} color={row.kindsWithoutRecords.includes(kind) ? 'warning' : 'default'}>
                {recordKindName(kind)}
                {row.kindsWithoutRecords.includes(kind) ? '（未产生记录）' : ''}
              </Tag>
            ))}
          </Space>
        ),
      },
      { title: '接入日期', dataIndex: 'connectedOn', render: (date?: string) => date ?? '—' },
      {
        title: '最后报送',
        dataIndex: 'lastReceivedAt',
        sorter: (a, b) => (a.lastReceivedAt ?? '').localeCompare(b.lastReceivedAt ?? ''),
        render: (instant: string | null) => (instant === null ? <Typography.Text type="danger">从未报送</Typography.Text> : shanghaiDateTime(instant)),
      },
      {
        title: '接收',
        key: 'accepted',
        align: 'right',
        sorter: (a, b) => a.totals.accepted - b.totals.accepted,
        render: (_: unknown, row) => row.totals.accepted,
      },
      { title: '重复', key: 'duplicates', align: 'right', render: (_: unknown, row) => row.totals.duplicates },
      {
        title: '拒收',
        key: 'refused',
        align: 'right',
        render: (_: unknown, row) => (
          <Tooltip title={refusalDetail(row)}>
            <span tabIndex={0}>{row.totals.refused}</span>
          </Tooltip>
        ),
      },
      {
        title: '拒收率',
        key: 'refusalRate',
        align: 'right',
        sorter: (a, b) => a.totals.refusalRate - b.totals.refusalRate,
        render: (_: unknown, row) => percentOf(row.totals.refusalRate),
      },
      {
        title: '超过24小时报送',
        key: 'late',
        align: 'right',
        sorter: (a, b) => a.totals.receivedOver24Hours - b.totals.receivedOver24Hours,
        render: (_: unknown, row) => row.totals.receivedOver24Hours,
      },
      {
        title: '一致性核查',
        key: 'reconciliation',
        render: (_: unknown, row) => {
          const latest = row.reconciliation;
          if (latest === null) return <Typography.Text type="secondary">—</Typography.Text>;
          const differing = latest.status === 'differing';
          const detail = differing
            ? `缺失 ${latest.missing}，多出 ${latest.extra}，版本不一致 ${latest.mismatched}；差异分桶 ${latest.differingBuckets}（待列出 ${latest.bucketsToList}）`
            : '清单与系统所存记录一致';
          return (
            <Tooltip title={`${latest.day} 的清单（${shanghaiDateTime(latest.submittedAt)} 报送）：${detail}`}>
              <Space size={4} tabIndex={0}>
                <Tag color={differing ? 'error' : 'success'}>{differing ? '不一致' : '一致'}</Tag>
                <span>{latest.day}</span>
              </Space>
            </Tooltip>
          );
        },
      },
    ],
    [],
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          aria-label="统计期间"
          style={{ width: 140 }}
          value={days}
          onChange={(value: number) => setDays(value)}
          options={ranges.map((value) => ({ value, label: `最近 ${value} 天` }))}
        />
        <Button onClick={() => void load()}>刷新</Button>
      </Space>
      <Card title="各部门接入状况" extra={<Typography.Text type="secondary">按上海时间自然日统计，数据于接收时计入</Typography.Text>}>
        <Table<DepartmentHealth>
          rowKey="department"
          columns={columns}
          dataSource={[...items]}
          loading={loading}
          pagination={false}
          size="middle"
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description="没有部门" /> }}
        />
      </Card>
    </Space>
  );
}
