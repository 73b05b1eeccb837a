/** The working-day calendar's holiday arrangement as the list shows it and as it is exported: runs of days with the same name, days off first. */
import { describe, expect, it } from 'vitest';
import { arrangementExportColumns, arrangementRows, dayRuns } from '../../console/src/calendar/arrangement-export.ts';
import { csvText } from '../../console/src/export/csv-file.ts';

const daysOff = new Map([
  ['2026-10-01', '国庆节'],
  ['2026-10-02', '国庆节'],
  ['2026-10-03', '国庆节'],
  ['2026-01-01', '元旦'],
  ['2026-10-05', '国庆节'],
]);
const workingDays = new Map([
  ['2026-09-27', '国庆节'],
  ['2026-10-10', ''],
]);

describe('the holiday arrangement as a list', () => {
  it('joins consecutive days of the same holiday into one run, in date order, a gap starting another', () => {
    // Act
    const runs = dayRuns(daysOff);

    // Assess
    expect(runs).toEqual([
      { name: '元旦', from: '2026-01-01', to: '2026-01-01', days: 1 },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-03', days: 3 },
      { name: '国庆节', from: '2026-10-05', to: '2026-10-05', days: 1 },
    ]);
  });

  it('exports the days off then the adjusted working days, a row per run, with Chinese headers and the days as dates', () => {
    // Act
    const text = csvText(arrangementExportColumns, arrangementRows(daysOff, workingDays));

    // Assess
    expect(text.slice(1).split('\r\n')).toEqual([
      '类型,名称,开始日期,结束日期,天数',
      '节假日,元旦,2026-01-01,2026-01-01,1',
      '节假日,国庆节,2026-10-01,2026-10-03,3',
      '节假日,国庆节,2026-10-05,2026-10-05,1',
      '调休上班,国庆节,2026-09-27,2026-09-27,1',
      '调休上班,,2026-10-10,2026-10-10,1',
      '',
    ]);
  });
});
