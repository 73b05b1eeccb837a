/**
 * 统计 (Art. 20): the figures of a period — a month, a quarter or a year in Shanghai time, the last
 * ended month first — for the caller's scope, narrowed by a supervisor to a jurisdiction (the city
 * supervisor) or a department, and by record kind; then each department's main figures in a
 * sortable table that exports to Excel or CSV. A liaison sees its own department only, as the API
 * scopes it. Rates read as percentages with their numerator and denominator in a tooltip. The
 * complaints and 督办 open past their deadline at the period's end read “—” until the period has
 * ended (the API gives them only then). 经办人统计 opens the chosen department's signals per
 * responsible official for the same period.
 */
import { App, Button, Card, Descriptions, Empty, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { rowsInHand } from '../api/all-pages';
import { recordKinds } from '../alerts/alert-labels';
import { actsForDepartment } from '../auth/staff-member';
import { ExportButtons } from '../export/export-buttons';
import type { ProblemBody } from '../forms/api-answers';
import { departmentName, readDepartments, useDepartments } from '../forms/department-names';
import type { PageProps } from '../frame/routes';
import { useLanguage } from '../language/language';
import { lastCompleteMonth, periodName, periodPattern, unitOf, type PeriodUnit } from './statistics-periods';
import { PeriodPicker } from './period-picker';
import {
  days,
  departmentExportColumns,
  percent,
  rateOrder,
  rateParts,
  type DepartmentFigures,
  type Figures,
  type Rate,
  type Statistics,
} from './statistics-figures';

/**
 * The kinds the statistics are kept under: the record kinds, and those of the signals of a
 * department's pseudo-cases (its connection and reconciliation; its overdue orders to correct),
 * which count in the department's signals but under no record kind.
 */
const statisticsKinds: Record<string, string> = { ...recordKinds, connection: '接入与核查', accountability: '问责' };

/** A rate as a percentage, its parts on hover. */
function RateText({ rate }: { readonly rate: Rate }) {
  return (
    <Tooltip title={`${rateParts(rate)}（分子 / 分母）`}>
      <span tabIndex={0}>{percent(rate.value)}</span>
    </Tooltip>
  );
}

/** Open overdue complaints or 督办 at the period's end: given by the API once the period has ended. */
function OpenAtEndText({ value }: { readonly value: number | null }) {
  if (value !== null) return <>{value}</>;
  return (
    <Tooltip title="统计期结束后给出">
      <span tabIndex={0}>—</span>
    </Tooltip>
  );
}

const item = (key: string, label: string, children: ReactNode): NonNullable<DescriptionsProps['items']>[number] => ({ key, label, children });

function FigureSections({ figures }: { readonly figures: Figures }) {
  const handling = [
    item('received', '受理', figures.received),
    item('completed', '办结', figures.completed),
    item('onTimeLegal', '法定时限内办结率', <RateText rate={figures.onTimeLegal} />),
    item('onTimePromised', '承诺时限内办结率', <RateText rate={figures.onTimePromised} />),
    item('earlyCompletion', '提前办结率', <RateText rate={figures.earlyCompletion} />),
    item('speedUp', '提速率', percent(figures.speedUpRate)),
    item('mean', '平均办理工作日', days(figures.processingWorkingDays.mean)),
    item('p50', '办理工作日中位数', days(figures.processingWorkingDays.p50)),
    item('p90', '办理工作日第 90 百分位', days(figures.processingWorkingDays.p90)),
    item('overdueOpened', '新增逾期', figures.overdue.opened),
    item('overdueClosed', '逾期后办结', figures.overdue.closed),
    item('openAtPeriodEnd', '期末逾期未办结', figures.overdue.openAtPeriodEnd),
  ];
  const signals = [
    item('prompt', '提示', figures.signals.prompt),
    item('warning', '警戒', figures.signals.warning),
    item('correction', '纠错', figures.signals.correction),
    item('total', '合计', figures.signals.total),
    item('signalCorrection', '纠正率', <RateText rate={figures.signalCorrection} />),
    item('hours', '平均纠正用时（小时）', days(figures.meanHoursToCorrection)),
    item('answeredInTime', '警戒纠错按时纠正或说明率', <RateText rate={figures.signalsAnsweredInTime} />),
  ];
  const records = [item('reported', '报送记录', figures.records.reported), item('late', '迟报率（超过 24 小时）', <RateText rate={figures.records.late} />)];
  const complaints = [
    item('received', '收到投诉', figures.complaints.received),
    item('accepted', '受理', figures.complaints.accepted),
    item('notAccepted', '不予受理', figures.complaints.notAccepted),
    item('decidedInTime', '按时作出受理决定', <RateText rate={figures.complaints.decidedInTime} />),
    item('concluded', '办结', figures.complaints.concluded),
    item('concludedInTime', '按期办结率', <RateText rate={figures.complaints.concludedInTime} />),
    item('upheld', '属实率', <RateText rate={figures.complaints.upheld} />),
    item('meanHandlingDays', '平均办理天数', days(figures.complaints.meanHandlingDays)),
    item('openOverdueAtPeriodEnd', '期末逾期未办结', <OpenAtEndText value={figures.complaints.openOverdueAtPeriodEnd} />),
  ];
  const supervision = [
    item('opened', '立项', figures.supervision.opened),
    item('closed', '结案', figures.supervision.closed),
    item('closedOnTime', '按期结案率', <RateText rate={figures.supervision.closedOnTime} />),
    item('closedEscalated', '提级后结案', figures.supervision.closedEscalated),
    item('openOverdueAtPeriodEnd', '期末逾期未结案', <OpenAtEndText value={figures.supervision.openOverdueAtPeriodEnd} />),
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions title="办理情况" bordered size="small" column={4} items={handling} />
      <Descriptions title="预警信号" bordered size="small" column={3} items={signals} />
      <Descriptions title="数据报送" bordered size="small" column={4} items={records} />
      <Descriptions title="投诉" bordered size="small" column={4} items={complaints} />
      <Descriptions title="督办" bordered size="small" column={4} items={supervision} />
    </Space>
  );
}

const rateColumn = (title: string, pick: (figures: Figures) => Rate): ColumnsType<DepartmentFigures>[number] => ({
  title,
  key: title,
  align: 'right',
  sorter: (a, b) => rateOrder(pick(a.figures).value) - rateOrder(pick(b.figures).value),
  render: (_: unknown, row: DepartmentFigures) => <RateText rate={pick(row.figures)} />,
});

const countColumn = (title: string, pick: (figures: Figures) => number | null): ColumnsType<DepartmentFigures>[number] => ({
  title,
  key: title,
  align: 'right',
  sorter: (a, b) => (pick(a.figures) ?? -1) - (pick(b.figures) ?? -1),
  render: (_: unknown, row: DepartmentFigures) => days(pick(row.figures)),
});

export default function StatisticsPage({ api, member, params }: PageProps) {
  const { message } = App.useApp();
  const { strings } = useLanguage();
  const liaison = actsForDepartment(member);
  const citySupervisor = member.role === 'citySupervisor';
  const departments = useDepartments(api);
  const asked = params?.['period'];
  const [period, setPeriod] = useState(asked !== undefined && periodPattern.test(asked) ? asked : lastCompleteMonth());
  const [unit, setUnit] = useState<PeriodUnit>(unitOf(period));
  const [jurisdiction, setJurisdiction] = useState<string | undefined>();
  const [department, setDepartment] = useState<string | undefined>();
  const [kind, setKind] = useState<string | undefined>();
  const [jurisdictions, setJurisdictions] = useState<readonly { value: string; label: string }[]>([]);
  const [statistics, setStatistics] = useState<Statistics | undefined>();
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!citySupervisor) return;
    void api.GET('/v1/jurisdictions').then(({ data }) => {
      if (data)
        setJurisdictions(data.items.filter((entry) => entry.jurisdiction !== 'city').map((entry) => ({ value: entry.jurisdiction, label: entry.name })));
    });
  }, [api, citySupervisor]);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      // A department names the scope on its own: the API takes a department or a jurisdiction, not both.
      const scope = department !== undefined ? { department } : jurisdiction !== undefined ? { jurisdiction } : {};
      const { data, error } = await api.GET('/v1/statistics', { params: { query: { period, ...scope, ...(kind === undefined ? {} : { kind }) } } });
      if (data) setStatistics(data);
      else {
        setStatistics(undefined);
        message.error(`统计读取失败：${(error as ProblemBody | undefined)?.title ?? '请稍后重试'}`);
      }
    } finally {
      setLoading(false);
    }
  }, [api, period, jurisdiction, department, kind, message]);

  useEffect(() => {
    void load();
  }, [load]);

  const choosable = useMemo(
    () => departments.filter((entry) => jurisdiction === undefined || entry.jurisdiction === jurisdiction),
    [departments, jurisdiction],
  );

  const columns = useMemo<ColumnsType<DepartmentFigures>>(
    () => [
      {
        title: '部门',
        dataIndex: 'department',
        sorter: (a, b) => departmentName(departments, a.department).localeCompare(departmentName(departments, b.department), 'zh-CN'),
        render: (id: string) => departmentName(departments, id),
      },
      countColumn('受理', (figures) => figures.received),
      countColumn('办结', (figures) => figures.completed),
      rateColumn('法定时限内办结率', (figures) => figures.onTimeLegal),
      rateColumn('承诺时限内办结率', (figures) => figures.onTimePromised),
      rateColumn('提前办结率', (figures) => figures.earlyCompletion),
      countColumn('平均办理工作日', (figures) => figures.processingWorkingDays.mean),
      {
        title: '提速率',
        key: 'speedUp',
        align: 'right',
        sorter: (a, b) => rateOrder(a.figures.speedUpRate) - rateOrder(b.figures.speedUpRate),
        render: (_: unknown, row: DepartmentFigures) => percent(row.figures.speedUpRate),
      },
      countColumn('预警信号', (figures) => figures.signals.total),
      rateColumn('预警纠正率', (figures) => figures.signalCorrection),
      countColumn('期末逾期未办结', (figures) => figures.overdue.openAtPeriodEnd),
      countColumn('投诉', (figures) => figures.complaints.received),
      countColumn('督办立项', (figures) => figures.supervision.opened),
    ],
    [departments],
  );

  const scopeName =
    department !== undefined
      ? departmentName(departments, department)
      : jurisdiction !== undefined
        ? (jurisdictions.find((entry) => entry.value === jurisdiction)?.label ?? jurisdiction)
        : liaison
          ? departmentName(departments, member.department)
          : '全部管辖范围';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <PeriodPicker
          unitLabel="统计周期"
          unit={unit}
          period={period}
          includeCurrent
          onChange={(nextUnit, nextPeriod) => {
            setUnit(nextUnit);
            setPeriod(nextPeriod);
          }}
        />
        {citySupervisor && (
          <Select
            aria-label="辖区"
            allowClear
            placeholder="全市"
            style={{ width: 180 }}
            value={jurisdiction}
            onChange={(value: string | undefined) => {
              setJurisdiction(value);
              setDepartment(undefined);
            }}
            options={[...jurisdictions]}
          />
        )}
        {!liaison && (
          <Select
            aria-label="部门"
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="全部部门"
            style={{ width: 260 }}
            value={department}
            onChange={(value: string | undefined) => setDepartment(value)}
            options={choosable.map((entry) => ({ value: entry.department, label: entry.name }))}
          />
        )}
        <Select
          aria-label="记录类别"
          allowClear
          placeholder="全部类别"
          style={{ width: 160 }}
          value={kind}
          onChange={(value: string | undefined) => setKind(value)}
          options={Object.entries(statisticsKinds).map(([value, label]) => ({ value, label }))}
        />
        <Button onClick={() => void load()}>刷新</Button>
        <Button href={`/statistics/officials?${new URLSearchParams({ period, ...(department === undefined ? {} : { department }) }).toString()}`}>
          {strings.officialStatistics.open}
        </Button>
      </Space>
      <Card
        loading={loading && statistics === undefined}
        title={`${scopeName} · ${periodName(period)}${kind === undefined ? '' : ` · ${statisticsKinds[kind] ?? kind}`}`}
        extra={statistics && <Typography.Text type="secondary">统计月份：{statistics.months.join('、')}</Typography.Text>}
      >
        {statistics ? <FigureSections figures={statistics.figures} /> : <Empty description="没有统计数据" />}
      </Card>
      <Card
        title="各部门情况"
        extra={
          <ExportButtons
            listName={`统计-${periodName(period)}`}
            columns={async () => departmentExportColumns(await readDepartments(api))}
            readRows={() => rowsInHand(statistics?.departments ?? [])}
          />
        }
      >
        <Table<DepartmentFigures>
          rowKey="department"
          columns={columns}
          dataSource={[...(statistics?.departments ?? [])]}
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
