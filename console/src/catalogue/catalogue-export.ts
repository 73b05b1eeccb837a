/**
 * A department's catalogue as exported sheets: its matters (the version in force of each) and the
 * dated versions of one matter, in the screen's words. Both lists come whole in one API answer.
 */
import type { components } from '../api/schema';
import { recordKindName } from '../alerts/alert-labels';
import type { ExportColumn } from '../export/export-columns';
import { shanghaiDayStart } from '../export/export-columns';
import { actorName } from '../forms/department-names';

export type Matter = components['schemas']['Catalogue']['matters'][number];
export type MatterVersions = components['schemas']['MatterVersions'];
export type MatterVersion = MatterVersions['versions'][number];

export const matterExportColumns: readonly ExportColumn<Matter>[] = [
  { header: '事项编码', value: (matter) => matter.matterCode, width: 28 },
  { header: '事项名称', value: (matter) => matter.current?.name ?? '（无在用版本）', width: 36 },
  { header: '类别', value: (matter) => (matter.current ? recordKindName(matter.current.kind) : undefined), width: 14 },
  { header: '法律依据', value: (matter) => matter.current?.legalBasis, width: 48 },
  { header: '最新版本', value: (matter) => matter.latestVersion, width: 10 },
];

/** `parametersOf` is the screen's reading of a version's family parameters. */
export const versionExportColumns = (versions: MatterVersions, parametersOf: (version: MatterVersion) => string): readonly ExportColumn<MatterVersion>[] => [
  { header: '版本', value: (version) => version.version, width: 8 },
  { header: '现行', value: (version) => (version.version === versions.inForceVersion ? '现行' : undefined), width: 8 },
  { header: '生效日期', value: (version) => shanghaiDayStart(version.effectiveFrom), instant: 'date', width: 14 },
  {
    header: '失效日期',
    value: (version) => (version.effectiveUntil === undefined ? undefined : shanghaiDayStart(version.effectiveUntil)),
    instant: 'date',
    width: 14,
  },
  { header: '事项名称', value: (version) => version.name, width: 36 },
  { header: '类别', value: (version) => recordKindName(version.kind), width: 14 },
  { header: '法律依据', value: (version) => version.legalBasis, width: 48 },
  { header: '参数', value: parametersOf, width: 60 },
  { header: '记录时间（北京时间）', value: (version) => version.recordedAt, instant: 'dateTime', width: 18 },
  { header: '记录人', value: (version) => actorName(version.recordedBy), width: 28 },
];
