/**
 * 数据质量 (Art. 7(2), 24): one row per department of the caller's scope over the chosen days — the
 * grade and score, what arrived (the refusal share, the share more than 24 hours late, the lag of
 * the median and the 95th percentile record), the findings raised about its reporting by kind
 * (those still being handled beside them), and its latest reconciliation; each department links to
 * its signals in the alert queue. How the score is computed is shown above the table, from the
 * answer's own declaration. A liaison sees its own department, as the API scopes it.
 */
import { App, Button, Card, Empty, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { components } from '../api/schema';
import type { ProblemBody } from '../forms/api-answers';
import type { PageProps } from '../frame/routes';
import { shanghaiDate } from '../shanghai-time';

type DataQuality = components['schemas']['DataQuality'];
type Scorecard = DataQuality['items'][number];
type Scoring = DataQuality['scoring'];
type FindingKind = keyof Scorecard['findings']['raised'];
type LagClass = keyof Scorecard['records']['lag'];
type Grade = NonNullable<Scorecard['grade']>;

/** The ranges offered, in days up to today (the API takes at most 92). */
const ranges = [7, 30, 90] as const;

function rangeOf(days: number, now = new Date()): { from: string; to: string } {
  return { from: shanghaiDate(new Date(now.getTime() - (days - 1) * 86_400_000).toISOString()), to: shanghaiDate(now.toISOString()) };
}

const percentOf = (rate: number): string => `${(rate * 100).toFixed(rate === 0 ? 0 : 1)}%`;

const grades: Readonly<Record<Grade, { readonly label: string; readonly color: string }>> = {
  excellent: { label: '优', color: 'success' },
  good: { label: '良', color: 'processing' },
  fair: { label: '中', color: 'warning' },
  poor: { label: '差', color: 'error' },
};

const lagNames: Readonly<Record<LagClass, string>> = { withinHour: '1小时内', withinDay: '1天内', withinWeek: '1周内', overWeek: '超过1周' };

const findingNames: Readonly<Record<FindingKind, string>> = {
  late: '报送迟延',
  incomplete: '报送不完整',
  inaccurate: '报送不准确',
  dataStandard: '不符合数据标准',
  reconciliationDifference: '核查不一致',
  manifestLate: '核查清单迟交',
  delayedConnection: '迟延接入',
  silentFeed: '停止报送',
};

/** The findings' columns: the kinds of one column are counted together. */
const findingColumns: readonly { readonly key: string; readonly title: string; readonly kinds: readonly FindingKind[] }[] = [
  { key: 'late', title: '报送迟延', kinds: ['late'] },
  { key: 'inaccurate', title: '不完整/不准确', kinds: ['incomplete', 'inaccurate'] },
  { key: 'dataStandard', title: '数据标准', kinds: ['dataStandard'] },
  { key: 'reconciliation', title: '核查不一致', kinds: ['reconciliationDifference'] },
  { key: 'manifestLate', title: '清单迟交', kinds: ['manifestLate'] },
  { key: 'connection', title: '迟延接入/停报', kinds: ['delayedConnection', 'silentFeed'] },
];

const sumOf = (counts: Readonly<Record<FindingKind, number>>, kinds: readonly FindingKind[]): number => kinds.reduce((sum, kind) => sum + counts[kind], 0);

/** The alert queue filtered to the department: where its findings are handled. */
const findingsPath = (department: string): string => `/alerts?${new URLSearchParams({ department }).toString()}`;

/** How the score is computed, in words, from the answer's declaration. */
function scoringText(scoring: Scoring): string {
  const perFinding = (Object.keys(findingNames) as FindingKind[]).map((kind) => `${findingNames[kind]} ${scoring.findingPoints[kind]} 分`).join('、');
  return (
    `满分 100 分：拒收率每 1 个百分点扣 ${scoring.refusalPointsPerPercent} 分（至多 ${scoring.refusalMaxPoints} 分）；` +
    `超过 24 小时报送的记录占比每 1 个百分点扣 ${scoring.lateArrivalPointsPerPercent} 分（至多 ${scoring.lateArrivalMaxPoints} 分）；` +
    `期间内发现的问题每项扣分：${perFinding}（至多 ${scoring.findingsMaxPoints} 分）。` +
    `优 ≥ ${scoring.gradeThresholds.excellent}，良 ≥ ${scoring.gradeThresholds.good}，中 ≥ ${scoring.gradeThresholds.fair}，其下为差；期间内没有记录到达的部门不评分。`
  );
}

/** Scores in ascending order, departments without one last. */
const byScore = (a: Scorecard, b: Scorecard): number => (a.score ?? Number.POSITIVE_INFINITY) - (b.score ?? Number.POSITIVE_INFINITY);

export default function DataQualityPage({ api }: PageProps) {
  const { message } = App.useApp();
  const [days, setDays] = useState<number>(30);
  const [answer, setAnswer] = useState<DataQuality | undefined>();
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const { data, error } = await api.GET('/v1/data-quality', { params: { query: rangeOf(days) } });
      if (data) setAnswer(data);
      else message.error(`数据质量读取失败：${(error as ProblemBody | undefined)?.title ?? '请稍后重试'}`);
    } finally {
      setLoading(false);
    }
  }, [api, days, message]);

  useEffect(() => {
    void load();
  }, [load]);

  const columns = useMemo<ColumnsType<Scorecard>>(
    () => [
      {
        title: '部门',
        dataIndex: 'name',
        sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
        render: (name: string, row) => (
          <Space direction="vertical" size={0}>
            <span>{name}</span>
            <Typography.Link href={findingsPath(row.department)}>查看预警</Typography.Link>
          </Space>
        ),
      },
      {
        title: '等级',
        key: 'grade',
        sorter: byScore,
        render: (_: unknown, row) =>
          row.grade === null ? (
            <Typography.Text type="secondary">未评分</Typography.Text>
          ) : (
            <Tag color={grades[row.grade].color}>{grades[row.grade].label}</Tag>
          ),
      },
      {
        title: '得分',
        key: 'score',
        align: 'right',
        sorter: byScore,
        render: (_: unknown, row) => (
          <Tooltip
            title={`扣分：拒收 ${row.deductions.refusals}，迟报 ${row.deductions.lateArrivals}，发现问题 ${row.deductions.findings}${row.score === null ? '（期间内没有记录到达，不评分）' : ''}`}
          >
            <span tabIndex={0}>{row.score ?? '—'}</span>
          </Tooltip>
        ),
      },
      {
        title: '到达记录',
        key: 'arrived',
        align: 'right',
        sorter: (a, b) => a.records.arrived - b.records.arrived,
        render: (_: unknown, row) => row.records.arrived,
      },
      {
        title: '拒收率',
        key: 'refusalRate',
        align: 'right',
        sorter: (a, b) => a.records.refusalRate - b.records.refusalRate,
        render: (_: unknown, row) => `${percentOf(row.records.refusalRate)}（${row.records.refused}）`,
      },
      {
        title: '超过24小时报送',
        key: 'lateRate',
        align: 'right',
        sorter: (a, b) => a.records.lateRate - b.records.lateRate,
        render: (_: unknown, row) => `${percentOf(row.records.lateRate)}（${row.records.receivedOver24Hours}）`,
      },
      {
        title: '报送时延（中位/95%）',
        key: 'lag',
        render: (_: unknown, row) =>
          row.records.lagMedian === null || row.records.lagP95 === null ? '—' : `${lagNames[row.records.lagMedian]} / ${lagNames[row.records.lagP95]}`,
      },
      ...findingColumns.map((column) => ({
        title: column.title,
        key: column.key,
        align: 'right' as const,
        sorter: (a: Scorecard, b: Scorecard) => sumOf(a.findings.raised, column.kinds) - sumOf(b.findings.raised, column.kinds),
        render: (_: unknown, row: Scorecard) => {
          const raised = sumOf(row.findings.raised, column.kinds);
          const active = sumOf(row.findings.active, column.kinds);
          return raised === 0 ? '0' : `${raised}（未结 ${active}）`;
        },
      })),
      {
        title: '一致性核查',
        key: 'reconciliation',
        render: (_: unknown, row) => {
          const latest = row.reconciliation;
          if (latest === null) return <Typography.Text type="secondary">—</Typography.Text>;
          const differing = latest.status === 'differing';
          return (
            <Space size={4}>
              <Tag color={differing ? 'error' : 'success'}>{differing ? '不一致' : '一致'}</Tag>
              <span>{latest.day}</span>
            </Space>
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
      <Card title="各部门数据质量" extra={<Typography.Text type="secondary">按上海时间自然日统计；发现问题为期间内提出的，括号内为尚未办结的</Typography.Text>}>
        {answer && <Typography.Paragraph data-testid="scoring">评分方法：{scoringText(answer.scoring)}</Typography.Paragraph>}
        <Table<Scorecard>
          rowKey="department"
          columns={columns}
          dataSource={[...(answer?.items ?? [])]}
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
