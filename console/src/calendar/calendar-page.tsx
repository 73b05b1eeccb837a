/**
 * 工作日历: the working-day calendar deadlines are counted on — a year's holidays (休) and
 * adjusted working days (班, 调休上班) as the State Council arranged them. A year a city supervisor
 * loaded through the API replaces the packaged arrangement (the same `chinese-days` table the
 * API's calendar reads); a year with neither counts Monday to Friday and its deadlines are
 * provisional. A city supervisor loads or corrects a year here (the whole year at once, on the
 * version read); everyone else reads. The year's holidays and adjusted working days can be
 * exported to Excel or CSV.
 */
import { Alert, App, Button, Calendar, Card, Descriptions, Form, Input, List, Select, Space, Spin, Tag, Typography } from 'antd';
import arrangementTable from 'chinese-days/dist/chinese-days.json';
import dayjs, { type Dayjs } from 'dayjs';
import dayjsChinese from 'dayjs/locale/zh-cn';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { rowsInHand } from '../api/all-pages';
import type { ApiClient } from '../api/client';
import type { components } from '../api/schema';
import { ExportButtons } from '../export/export-buttons';
import { settle } from '../forms/api-answers';
import type { PageProps } from '../frame/routes';
import { shanghaiToday } from '../forms/deadline-text';
import { actorName } from '../forms/department-names';
import { shanghaiDateTime } from '../shanghai-time';
import { arrangementExportColumns, arrangementRows, dayRuns } from './arrangement-export';

// Weekday and month names in Chinese, weeks from Monday; the locale object is used, so the bundler keeps its module.
dayjs.locale(dayjsChinese);

type CalendarYears = components['schemas']['CalendarYears'];
type LoadedYear = CalendarYears['items'][number];

/** A year's arrangement: days off and adjusted working days, each with its holiday's name when known. */
interface YearArrangement {
  readonly year: number;
  readonly daysOff: ReadonlyMap<string, string>;
  readonly workingDays: ReadonlyMap<string, string>;
  readonly origin: { readonly kind: 'loaded'; readonly loaded: LoadedYear } | { readonly kind: 'packaged' } | { readonly kind: 'none' };
}

const nameIn = (entry: string): string => entry.split(',')[1] ?? '';

function packagedArrangement(year: number): Pick<YearArrangement, 'daysOff' | 'workingDays'> {
  const ofYear = (table: Readonly<Record<string, string>>) =>
    new Map(
      Object.entries(table)
        .filter(([date]) => date.startsWith(`${year}-`))
        .map(([date, entry]) => [date, nameIn(entry)]),
    );
  return { daysOff: ofYear(arrangementTable.holidays), workingDays: ofYear(arrangementTable.workdays) };
}

function arrangementOf(year: number, years: CalendarYears): YearArrangement {
  const loaded = years.items.find((item) => item.year === year);
  if (loaded !== undefined) {
    // A loaded year carries dates only; the packaged table names the holidays where it has the same day.
    const names = packagedArrangement(year);
    return {
      year,
      daysOff: new Map(loaded.holidays.map((date) => [date, names.daysOff.get(date) ?? ''])),
      workingDays: new Map(loaded.makeUpWorkingDays.map((date) => [date, names.workingDays.get(date) ?? ''])),
      origin: { kind: 'loaded', loaded },
    };
  }
  if (years.packagedYears.includes(year)) return { year, ...packagedArrangement(year), origin: { kind: 'packaged' } };
  return { year, daysOff: new Map(), workingDays: new Map(), origin: { kind: 'none' } };
}

/** The month to show first: `?month=2026-10`, or this month in Shanghai. */
function monthOfAddress(): Dayjs {
  const asked = new URLSearchParams(window.location.search).get('month');
  return dayjs(`${asked !== null && /^\d{4}-\d{2}$/.test(asked) ? asked : shanghaiToday().slice(0, 7)}-01`);
}

export default function CalendarPage({ api, member }: PageProps) {
  const [years, setYears] = useState<CalendarYears | undefined>();
  const [shown, setShown] = useState<Dayjs>(monthOfAddress);

  const load = useCallback(async () => {
    const { data } = await api.GET('/v1/calendar/years');
    if (data) setYears(data);
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  const arrangement = useMemo(() => (years === undefined ? undefined : arrangementOf(shown.year(), years)), [years, shown]);
  if (years === undefined || arrangement === undefined) return <Spin />;

  const knownYears = [...new Set([...years.packagedYears, ...years.items.map((item) => item.year), shown.year()])].sort((a, b) => b - a);
  const { origin } = arrangement;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>年度</Typography.Text>
        <Select
          aria-label="年度"
          style={{ width: 120 }}
          value={shown.year()}
          onChange={(year: number) => setShown((current) => current.year(year))}
          options={knownYears.map((year) => ({ value: year, label: `${year} 年` }))}
        />
        <Tag color="red">休</Tag>
        <Typography.Text type="secondary">节假日</Typography.Text>
        <Tag color="blue">班</Tag>
        <Typography.Text type="secondary">调休上班</Typography.Text>
        <ExportButtons
          listName={`${arrangement.year}年节假日安排`}
          columns={arrangementExportColumns}
          readRows={() => rowsInHand(arrangementRows(arrangement.daysOff, arrangement.workingDays))}
        />
      </Space>
      {origin.kind === 'loaded' && (
        <Alert
          type="info"
          showIcon
          message={`${arrangement.year} 年的安排由监察员载入（第 ${origin.loaded.version} 版）：${origin.loaded.source}`}
          description={`${shanghaiDateTime(origin.loaded.updatedAt)} · ${actorName(origin.loaded.updatedBy)}`}
        />
      )}
      {origin.kind === 'packaged' && <Alert type="info" showIcon message={`${arrangement.year} 年的安排采用系统内置的国务院办公厅节假日安排通知。`} />}
      {origin.kind === 'none' && (
        <Alert type="warning" showIcon message={`${arrangement.year} 年的节假日安排尚未公布或载入：工作日按周一至周五计算，该年度的期限均为暂定。`} />
      )}
      <div style={{ display: 'flex', gap: 24, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <Card style={{ flex: '1 1 720px' }} data-testid="working-day-calendar">
          <Calendar
            value={shown}
            onPanelChange={(value) => setShown(value)}
            onSelect={(value) => setShown(value)}
            mode="month"
            cellRender={(date, info) => {
              if (info.type !== 'date') return info.originNode;
              const day = date.format('YYYY-MM-DD');
              const off = arrangement.daysOff.get(day);
              const working = arrangement.workingDays.get(day);
              if (off !== undefined)
                return (
                  <Tag color="red" style={{ marginTop: 4 }}>
                    休{off === '' ? '' : ` ${off}`}
                  </Tag>
                );
              if (working !== undefined)
                return (
                  <Tag color="blue" style={{ marginTop: 4 }}>
                    班{working === '' ? '' : ` ${working}`}
                  </Tag>
                );
              return null;
            }}
          />
        </Card>
        <Card title={`${arrangement.year} 年节假日`} style={{ flex: '0 1 360px' }} data-testid="holiday-list">
          <List
            size="small"
            locale={{ emptyText: '无' }}
            dataSource={dayRuns(arrangement.daysOff)}
            renderItem={(run) => (
              <List.Item>
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={run.name === '' ? '节假日' : run.name}>
                    {run.from === run.to ? run.from : `${run.from} 至 ${run.to}`}（{run.days} 天）
                  </Descriptions.Item>
                </Descriptions>
              </List.Item>
            )}
          />
          <Typography.Title level={5}>调休上班</Typography.Title>
          <Typography.Text>{[...arrangement.workingDays.keys()].sort().join('、') || '无'}</Typography.Text>
        </Card>
      </div>
      {member.role === 'citySupervisor' && <ArrangementForm key={`${arrangement.year}/${origin.kind}`} api={api} arrangement={arrangement} onSaved={load} />}
    </Space>
  );
}

interface ArrangementFields {
  readonly holidays: string;
  readonly makeUpWorkingDays: string;
  readonly source: string;
}

const datesIn = (text: string): string[] => text.split(/[\s,，、]+/).filter((date) => date !== '');

/** The city supervisor's form: a year's whole arrangement, replacing the packaged one for that year. */
function ArrangementForm({
  api,
  arrangement,
  onSaved,
}: {
  readonly api: ApiClient;
  readonly arrangement: YearArrangement;
  readonly onSaved: () => Promise<void>;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ArrangementFields>();
  const [sending, setSending] = useState(false);
  const { year, origin } = arrangement;

  const save = async (fields: ArrangementFields): Promise<void> => {
    setSending(true);
    try {
      const answer = await api.PUT('/v1/calendar/years/{year}', {
        params: { path: { year: String(year) } },
        body: {
          year,
          holidays: datesIn(fields.holidays),
          makeUpWorkingDays: datesIn(fields.makeUpWorkingDays),
          source: fields.source,
          expectedVersion: origin.kind === 'loaded' ? origin.loaded.version : 0,
        },
      });
      const saved = await settle(answer, { message, form, step: '节假日安排', reread: onSaved });
      if (saved) {
        message.success(`${year} 年的节假日安排已载入（第 ${saved.version} 版）。`);
        await onSaved();
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <Card title={`载入或更正 ${year} 年的节假日安排`}>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        message="载入的安排整体取代该年度的内置安排，所有期限随之重新计算。请按国务院办公厅通知逐日填写，包括节假日期间的周末。"
      />
      <Form<ArrangementFields>
        form={form}
        name="arrangement"
        layout="vertical"
        style={{ maxWidth: 860 }}
        initialValues={{
          holidays: [...arrangement.daysOff.keys()].sort().join('\n'),
          makeUpWorkingDays: [...arrangement.workingDays.keys()].sort().join('\n'),
          source: origin.kind === 'loaded' ? origin.loaded.source : '',
        }}
        onFinish={(fields) => void save(fields)}
      >
        <Form.Item name="holidays" label="节假日（每行一个日期 YYYY-MM-DD）" rules={[{ required: true, whitespace: true, message: '请填写节假日' }]}>
          <Input.TextArea rows={6} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="makeUpWorkingDays" label="调休上班日（每行一个日期）">
          <Input.TextArea rows={3} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="source" label="依据（通知文号）" rules={[{ required: true, whitespace: true, message: '请填写依据' }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={sending}>
          载入 {year} 年安排
        </Button>
      </Form>
    </Card>
  );
}
