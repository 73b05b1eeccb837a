/**
 * 经办人统计 (Art. 18, 24): one department's signals of a period — a month, a quarter or a year in
 * Shanghai time, chosen as on 统计 — per responsible official (经办人) its case records name, by
 * level shown, in a sortable table; beneath it the signals naming nobody and the department's
 * whole count. Officials read as staff ids only, as the API answers them: a name is personal data,
 * read with one alert by those who may read its case. A staff id opens the alert queue filtered to
 * that official of that department. A liaison sees its own department; a supervisor chooses one of
 * the departments in scope. The address may name the department and the period
 * (`/statistics/officials?department=…&period=…`), as 统计 links to it.
 */
import { Alert, Button, Card, Empty, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { components } from '../api/schema';
import { actsForDepartment } from '../auth/staff-member';
import type { ProblemBody } from '../forms/api-answers';
import { departmentName, useDepartments } from '../forms/department-names';
import type { PageProps } from '../frame/routes';
import { useLanguage } from '../language/language';
import { PeriodPicker } from './period-picker';
import { lastCompleteMonth, periodName, periodPattern, unitOf, type PeriodUnit } from './statistics-periods';

type OfficialStatistics = components['schemas']['OfficialStatistics'];
type OfficialRow = OfficialStatistics['officials'][number];
type Level = 'prompt' | 'warning' | 'correction';

/** The alert queue filtered to one official of one department. */
export const officialAlertsPath = (department: string, staffId: string): string =>
  `/alerts?${new URLSearchParams({ department, official: staffId }).toString()}`;

/** What the last read answered: figures, or why there are none. */
type Reading = { readonly state: 'figures'; readonly figures: OfficialStatistics } | { readonly state: 'failed'; readonly message: string } | undefined;

export default function OfficialStatisticsPage({ api, member, params }: PageProps) {
  const { strings } = useLanguage();
  const words = strings.officialStatistics;
  const liaison = actsForDepartment(member);
  const departments = useDepartments(api);
  const askedPeriod = params?.['period'];
  const [period, setPeriod] = useState(askedPeriod !== undefined && periodPattern.test(askedPeriod) ? askedPeriod : lastCompleteMonth());
  const [unit, setUnit] = useState<PeriodUnit>(unitOf(period));
  const [chosen, setChosen] = useState<string | undefined>(params?.['department']);
  // A liaison's department is its own, whatever the address says.
  const department = liaison ? member.department : chosen;
  const [reading, setReading] = useState<Reading>();
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    if (department === undefined) {
      setReading(undefined);
      return;
    }
    setLoading(true);
    try {
      const { data, error, response } = await api.GET('/v1/statistics/officials', { params: { query: { department, period } } });
      if (data) setReading({ state: 'figures', figures: data });
      else
        setReading({
          state: 'failed',
          message: response.status === 404 ? words.outOfScope : words.readFailed((error as ProblemBody | undefined)?.title),
        });
    } catch {
      setReading({ state: 'failed', message: words.readFailed() });
    } finally {
      setLoading(false);
    }
  }, [api, department, period, words]);

  useEffect(() => {
    void load();
  }, [load]);

  // The figures of what is chosen only: not those of the previous choice while the next are read.
  const figures = reading?.state === 'figures' && reading.figures.department === department && reading.figures.period === period ? reading.figures : undefined;

  const columns = useMemo<ColumnsType<OfficialRow>>(() => {
    const count = (title: string, pick: (row: OfficialRow) => number): ColumnsType<OfficialRow>[number] => ({
      title,
      key: title,
      align: 'right',
      sorter: (a, b) => pick(a) - pick(b),
      render: (_: unknown, row: OfficialRow) => pick(row),
    });
    const levels: readonly Level[] = ['prompt', 'warning', 'correction'];
    return [
      {
        title: words.columns.staffId,
        dataIndex: 'staffId',
        sorter: (a, b) => a.staffId.localeCompare(b.staffId),
        render: (staffId: string) =>
          department === undefined ? (
            staffId
          ) : (
            <Typography.Link href={officialAlertsPath(department, staffId)} aria-label={words.viewAlerts(staffId)}>
              {staffId}
            </Typography.Link>
          ),
      },
      ...levels.map((level) => count(strings.levels[level], (row) => row.signals[level])),
      count(words.columns.total, (row) => row.signals.total),
    ];
  }, [department, strings, words]);

  const summaryRow = (label: string, signals: OfficialRow['signals']) => (
    <Table.Summary.Row>
      <Table.Summary.Cell index={0}>
        <Typography.Text strong>{label}</Typography.Text>
      </Table.Summary.Cell>
      <Table.Summary.Cell index={1} align="right">
        {signals.prompt}
      </Table.Summary.Cell>
      <Table.Summary.Cell index={2} align="right">
        {signals.warning}
      </Table.Summary.Cell>
      <Table.Summary.Cell index={3} align="right">
        {signals.correction}
      </Table.Summary.Cell>
      <Table.Summary.Cell index={4} align="right">
        {signals.total}
      </Table.Summary.Cell>
    </Table.Summary.Row>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <PeriodPicker
          unitLabel={words.unitLabel}
          unit={unit}
          period={period}
          includeCurrent
          onChange={(nextUnit, nextPeriod) => {
            setUnit(nextUnit);
            setPeriod(nextPeriod);
          }}
        />
        {!liaison && (
          <Select
            aria-label={words.department}
            showSearch
            optionFilterProp="label"
            placeholder={words.chooseDepartment}
            style={{ width: 260 }}
            value={chosen}
            onChange={(value: string) => setChosen(value)}
            options={departments.map((entry) => ({ value: entry.department, label: entry.name }))}
          />
        )}
        <Button onClick={() => void load()} disabled={department === undefined}>
          {words.refresh}
        </Button>
      </Space>
      {department === undefined ? (
        <Card>
          <Empty description={words.noDepartment} />
        </Card>
      ) : (
        <Card
          title={words.heading(departmentName(departments, department), periodName(period))}
          extra={figures && <Typography.Text>{words.months(figures.months)}</Typography.Text>}
        >
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Paragraph style={{ margin: 0 }}>{words.note}</Typography.Paragraph>
            {reading?.state === 'failed' && <Alert type="error" showIcon message={reading.message} />}
            {figures && !figures.complete && <Alert type="warning" showIcon message={words.incomplete} />}
            <Table<OfficialRow>
              rowKey="staffId"
              columns={columns}
              dataSource={figures ? [...figures.officials] : []}
              loading={loading}
              pagination={false}
              size="middle"
              // "No signal" only once the figures say so: not while they are being read.
              locale={{ emptyText: <Empty description={reading?.state === 'failed' ? reading.message : figures ? words.empty : strings.loading} /> }}
              summary={() =>
                figures && (
                  <Table.Summary>
                    {summaryRow(words.unnamed, figures.unnamed)}
                    {summaryRow(words.allSignals, figures.total)}
                  </Table.Summary>
                )
              }
            />
          </Space>
        </Card>
      )}
    </Space>
  );
}
