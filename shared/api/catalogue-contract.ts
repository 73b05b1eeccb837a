/**
 * Wire contract of the catalogue routes (事项目录 management and back-testing); the OpenAPI
 * document is generated from these schemas. A version's matter is checked by its family's
 * matter schema (`familyOf(kind).matterSchema`), so the body schema here is only its envelope.
 */
import * as z from 'zod';
import { alertLevels } from '../domain/alerts/alert.ts';
import { CaseId, DepartmentId, MatterCode, RecordKindName } from '../domain/records/identifiers.ts';
import { KindDefinition } from '../domain/configured-kinds/kind-definition.ts';
import { InstantView } from './instant-view.ts';

export const CataloguePath = z.strictObject({ department: DepartmentId });

export const MatterPath = CataloguePath.extend({ matterCode: MatterCode });

export const catalogueLimits = {
  /** A penalty matter's discretion benchmark may hold up to 2000 bands. */
  maxBodyBytes: 512 * 1024,
  maxBackTestCases: 200,
} as const;

export const BackTestBody = z.strictObject({
  /** A version as it would be posted; not stored. */
  proposal: z.record(z.string(), z.unknown()),
  /** Case ids of the department's cases of this matter; when absent, the matter's most recently started cases. */
  cases: z.array(CaseId).min(1).max(catalogueLimits.maxBackTestCases).optional(),
});

const StoredMatterView = z.looseObject({ department: z.string(), matterCode: z.string(), kind: z.string(), name: z.string(), legalBasis: z.string() });

export const MatterVersionView = StoredMatterView.extend({
  version: z.number().int(),
  effectiveFrom: z.string(),
  effectiveUntil: z.string().optional(),
  recordedAt: InstantView,
  recordedBy: z.string(),
});

export const CatalogueResponse = z.object({
  department: z.string(),
  matters: z.array(z.object({ matterCode: z.string(), current: StoredMatterView.nullable(), latestVersion: z.number().int() })),
});

export const MatterVersionsResponse = z.object({
  department: z.string(),
  matterCode: z.string(),
  inForceVersion: z.number().int().nullable(),
  versions: z.array(MatterVersionView),
});

const FindingLevelView = z.object({ ruleId: z.string(), level: z.enum(alertLevels) });

export const BackTestResponse = z.object({
  department: z.string(),
  matterCode: z.string(),
  kind: z.string(),
  asOf: InstantView,
  totals: z.object({
    evaluated: z.number().int(),
    changedCases: z.number().int(),
    raised: z.number().int(),
    cleared: z.number().int(),
    escalated: z.number().int(),
    deescalated: z.number().int(),
  }),
  cases: z.array(
    z.union([
      z.object({
        caseId: z.string(),
        outcome: z.literal('evaluated'),
        startedOn: z.string(),
        currentVersion: z.number().int().nullable(),
        proposalInForce: z.boolean(),
        current: z.array(FindingLevelView),
        proposed: z.array(FindingLevelView),
        changes: z.array(
          z.object({
            ruleId: z.string(),
            change: z.enum(['raised', 'cleared', 'escalated', 'deescalated']),
            current: z.enum(alertLevels).nullable(),
            proposed: z.enum(alertLevels).nullable(),
          }),
        ),
      }),
      z.object({ caseId: z.string(), outcome: z.enum(['notFound', 'otherMatter', 'noMatterInForce']) }),
    ]),
  ),
});

/** Path of a record kind defined by configuration. */
export const RecordKindPath = z.strictObject({ kind: RecordKindName });

/** `GET /v1/record-kinds`: the built-in families, and the kinds defined by configuration with their versions. */
export const RecordKindsResponse = z.strictObject({
  builtIn: z.array(RecordKindName).describe('内置记录类型 / The built-in record families'),
  configured: z
    .array(
      z.strictObject({
        definition: KindDefinition,
        version: z.number().int().min(1),
        updatedAt: InstantView,
      }),
    )
    .describe('以配置定义的记录类型，各带当前版本 / Kinds defined by configuration, each at its current version'),
});
