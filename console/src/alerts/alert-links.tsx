/** The addresses of a case's and an alert's pages, and an alert's level as a coloured tag. */
import { Tag } from 'antd';
import type { ConsoleStrings } from '../language/strings';
import { alertLevels, type AlertLevel } from './alert-labels';

interface CaseOfAlert {
  readonly department: string;
  readonly kind: string;
  readonly caseId: string;
}

const caseAddress = (alert: CaseOfAlert): string =>
  `/cases/${encodeURIComponent(alert.department)}/${encodeURIComponent(alert.kind)}/${encodeURIComponent(alert.caseId)}`;

/** The case's timeline page. */
export const casePath = (alert: CaseOfAlert): string => `${caseAddress(alert)}/timeline`;

/** The alert's page. */
export const alertPath = (alert: CaseOfAlert & { readonly ruleId: string }): string => `${caseAddress(alert)}/alerts/${encodeURIComponent(alert.ruleId)}/view`;

/** 提示 / 警戒 / 纠错 in Ant Design's status colours (blue, orange, red). */
export function LevelTag({ level, strings }: { readonly level: AlertLevel; readonly strings: ConsoleStrings }) {
  return <Tag color={alertLevels[level].color}>{strings.levels[level]}</Tag>;
}
