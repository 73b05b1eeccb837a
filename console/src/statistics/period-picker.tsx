/**
 * A period as the API names it, chosen as its unit (月度 / 季度 / 年度) and one period of that unit,
 * newest first; changing the unit picks its last ended period. The 统计 page offers the period
 * under way too, the 效能评估 page only ended ones.
 */
import { Radio, Select } from 'antd';
import { choicesWith, periodsOf, unitNames, type PeriodUnit } from './statistics-periods';

export interface PeriodPickerProps {
  /** What the unit buttons are read as (e.g. 统计周期). */
  readonly unitLabel: string;
  readonly unit: PeriodUnit;
  readonly period: string;
  /** Whether the period under way may be chosen. */
  readonly includeCurrent: boolean;
  readonly onChange: (unit: PeriodUnit, period: string) => void;
}

export function PeriodPicker({ unitLabel, unit, period, includeCurrent, onChange }: PeriodPickerProps) {
  return (
    <>
      <Radio.Group
        aria-label={unitLabel}
        optionType="button"
        buttonStyle="solid"
        value={unit}
        onChange={(event) => {
          const next = event.target.value as PeriodUnit;
          onChange(next, periodsOf(next, 1, false)[0]!.value);
        }}
        options={(['month', 'quarter', 'year'] as const).map((value) => ({ value, label: unitNames[value] }))}
      />
      <Select
        aria-label="期间"
        style={{ width: 200 }}
        value={period}
        onChange={(next: string) => onChange(unit, next)}
        options={[...choicesWith(periodsOf(unit, unit === 'year' ? 5 : 24, includeCurrent), period)]}
      />
    </>
  );
}
