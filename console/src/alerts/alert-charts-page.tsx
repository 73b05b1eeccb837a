/**
 * 预警统计图: the alerts matching the chosen filters counted by level, per week or month of their
 * raising (Shanghai calendar) and per department, as stacked bars in the levels' colours. Each
 * figure has a caption and its numbers as a table. There is no statistics API yet: the page reads
 * the alerts themselves (up to a cap) and counts them in the browser, and says so.
 */
import { Alert as Notice, Button, Card, Segmented, Select, Space, Table, Typography, theme } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useId, useMemo, useState } from 'react';
import type { RowsRead } from '../api/all-pages';
import { actsForDepartment } from '../auth/staff-member';
import { EChart } from '../charts/echart';
import type { PageProps } from '../frame/routes';
import { alertLevels, alertStatuses, recordKinds, type AlertLevel, type AlertStatus } from './alert-labels';
import { tallyByDepartment, tallyByPeriod, type Period, type Tally } from './alert-tallies';
import { alertReadingCap, readAllAlerts, type Alert, type AlertFilters } from './all-alerts';

const levels: readonly AlertLevel[] = ['prompt', 'warning', 'correction'];

/** Stacked bars of the three levels, one bar per category; departments lie horizontally so their names can be read. */
function levelBars(categories: readonly string[], tallies: readonly Tally[], colours: Record<AlertLevel, string>, horizontal: boolean): EChartsCoreOption {
  const categoryAxis = { type: 'category', data: categories, ...(horizontal ? { inverse: true } : {}) };
  const countAxis = { type: 'value', minInterval: 1 };
  return {
    // Drawn at once: no motion to wait for or to be distracted by.
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 16, right: 32, top: 40, bottom: 16, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: horizontal ? countAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : countAxis,
    series: levels.map((level) => ({
      name: alertLevels[level].name,
      type: 'bar',
      stack: 'level',
      barMaxWidth: 48,
      itemStyle: { color: colours[level] },
      emphasis: { focus: 'series' },
      data: tallies.map((tally) => tally.counts[level]),
    })),
  };
}

interface ChartFigureProps {
  readonly caption: string;
  readonly option: EChartsCoreOption;
  readonly height: number;
  /** The table's first column: `周期` or `部门`. */
  readonly categoryTitle: string;
  readonly categories: readonly string[];
  readonly tallies: readonly Tally[];
}

/** A chart with its caption and, on request, the same numbers as a table. */
function ChartFigure({ caption, option, height, categoryTitle, categories, tallies }: ChartFigureProps) {
  const [showTable, setShowTable] = useState(false);
  const captionId = useId();
  const tableId = useId();
  const rows = tallies.map((tally, index) => ({ category: categories[index] ?? tally.key, ...tally.counts }));
  return (
    <Card>
      <figure aria-labelledby={captionId} style={{ margin: 0 }}>
        <figcaption style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
          <Typography.Text strong id={captionId}>
            {caption}
          </Typography.Text>
          <Button size="small" aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((shown) => !shown)}>
            {showTable ? '隐藏数据表' : '显示数据表'}
          </Button>
        </figcaption>
        <EChart option={option} height={height} label={caption} />
        <div id={tableId} hidden={!showTable}>
          {showTable && (
            <Table
              size="small"
              pagination={false}
              rowKey="category"
              dataSource={rows}
              columns={[
                { title: categoryTitle, dataIndex: 'category' },
                ...levels.map((level) => ({ title: alertLevels[level].name, dataIndex: level, align: 'right' as const })),
                { title: '合计', dataIndex: 'total', align: 'right' as const },
              ]}
            />
          )}
        </div>
      </figure>
    </Card>
  );
}

const periodNames: Record<Period, string> = { week: '按周', month: '按月' };
const periodLabel = (key: string, period: Period): string => (period === 'week' ? `${key} 起` : key);

export default function AlertChartsPage({ api, member }: PageProps) {
  const { token } = theme.useToken();
  const [filters, setFilters] = useState<AlertFilters>({});
  const [period, setPeriod] = useState<Period>('month');
  const [read, setRead] = useState<RowsRead<Alert> | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [departments, setDepartments] = useState<ReadonlyMap<string, string>>(new Map());
  const liaison = actsForDepartment(member);

  useEffect(() => {
    void api.GET('/v1/departments').then(({ data }) => {
      if (data) setDepartments(new Map(data.items.map((department) => [department.department, department.name])));
    });
  }, [api]);

  useEffect(() => {
    let current = true;
    setRead(undefined);
    setFailure(undefined);
    readAllAlerts(api, filters).then(
      (found) => current && setRead(found),
      (error: unknown) => current && setFailure(error instanceof Error ? error.message : '预警读取失败，请稍后重试'),
    );
    return () => {
      current = false;
    };
  }, [api, filters]);

  // The tags' colours (Ant Design's info, warning and error), so a level looks the same in the queue and here.
  const colours = useMemo<Record<AlertLevel, string>>(
    () => ({ prompt: token.colorInfo, warning: token.colorWarning, correction: token.colorError }),
    [token.colorInfo, token.colorWarning, token.colorError],
  );
  const byPeriod = useMemo(() => tallyByPeriod(read?.rows ?? [], period), [read, period]);
  const byDepartment = useMemo(() => tallyByDepartment(read?.rows ?? []), [read]);
  const periodCategories = useMemo(() => byPeriod.map((tally) => periodLabel(tally.key, period)), [byPeriod, period]);
  const departmentCategories = useMemo(() => byDepartment.map((tally) => departments.get(tally.key) ?? tally.key), [byDepartment, departments]);
  const periodOption = useMemo(() => levelBars(periodCategories, byPeriod, colours, false), [periodCategories, byPeriod, colours]);
  const departmentOption = useMemo(() => levelBars(departmentCategories, byDepartment, colours, true), [departmentCategories, byDepartment, colours]);

  const changeFilters = (change: Partial<AlertFilters>): void => setFilters((current) => ({ ...current, ...change }));
  const option = (value: string, label: string) => ({ value, label });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Notice
        type="info"
        showIcon
        message={`统计由浏览器逐页读取符合条件的预警后汇总（最多 ${alertReadingCap} 条），按发出时间的北京日期计；统计接口上线后改由服务端汇总。`}
      />
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
        <Segmented<Period>
          aria-label="统计周期"
          value={period}
          onChange={setPeriod}
          options={(['week', 'month'] as const).map((value) => ({ value, label: periodNames[value] }))}
        />
        <Button href="/alerts">返回预警队列</Button>
      </Space>
      {failure !== undefined && <Notice type="error" showIcon message={failure} />}
      {read === undefined && failure === undefined && <Typography.Text type="secondary">正在读取预警…</Typography.Text>}
      {read !== undefined && (
        <>
          <Typography.Text data-testid="alerts-counted">
            共 {read.rows.length} 条预警{read.capped ? `（符合条件的预警超过 ${read.cap} 条，图表只含最新的 ${read.cap} 条，请缩小筛选范围）` : ''}
          </Typography.Text>
          <ChartFigure
            caption={`图 1　各级别预警数（${periodNames[period]}，北京时间）`}
            option={periodOption}
            height={320}
            categoryTitle={period === 'week' ? '周（自周一起）' : '月份'}
            categories={periodCategories}
            tallies={byPeriod}
          />
          <ChartFigure
            caption="图 2　各部门预警数"
            option={departmentOption}
            height={Math.max(160, 72 + 36 * byDepartment.length)}
            categoryTitle="部门"
            categories={departmentCategories}
            tallies={byDepartment}
          />
        </>
      )}
    </Space>
  );
}
