/** The addresses of a case's and an alert's pages, and an alert's level as a coloured tag. */
import { Tag } from 'antd';
import type { ConsoleStrings } from '../language/strings';
import { alertLevels, type AlertLevel } from './alert-labels';

interface CaseOfAlert {
  readonly department: string;
  readonly kind: string;
  readonly caseId: string;
}

const caseQuery = (alert: CaseOfAlert): Record<string, string> => ({ department: alert.department, kind: alert.kind, caseId: alert.caseId });

/** The case's timeline page. */
export const casePath = (alert: CaseOfAlert): string => `/cases/timeline?${new URLSearchParams(caseQuery(alert)).toString()}`;

/** The alert's page. */
export const alertPath = (alert: CaseOfAlert & { readonly ruleId: string }): string =>
  `/alerts/view?${new URLSearchParams({ ...caseQuery(alert), ruleId: alert.ruleId }).toString()}`;

/** 提示 / 警戒 / 纠错 in Ant Design's status colours (blue, orange, red). */
export function LevelTag({ level, strings }: { readonly level: AlertLevel; readonly strings: ConsoleStrings }) {
  return <Tag color={alertLevels[level].color}>{strings.levels[level]}</Tag>;
}
