/**
 * Try a proposed matter version out on stored cases before recording it (Art. 25): which alerts
 * would it raise, clear, escalate or lower, compared to the version each case is judged by now?
 * Primary course: check the caller is a supervisor who may see the department; validate the
 * proposal with its family's matter schema; read the matter's stored versions once; read the
 * listed cases (at most 200, by case id) through the case engine, as a decision reads them (their
 * events folded, their cross-case groups), and evaluate each as of now with the version in force
 * on the day it started and with the proposal — its own rules and its group's — and diff the
 * findings by rule. Writes nothing: no case, alert or catalogue item changes.
 */
import type { StaffPrincipal } from '../access/principal.ts';
import type { AlertLevel, Finding } from '../domain/alerts/alert.ts';
import { alertLevelRank } from '../domain/alerts/alert.ts';
import type { RecordFamilyRegistry } from '../domain/records/record-families.ts';
import type { WorkingDayCalendar } from '../domain/calendar/working-day-calendar.ts';
import { matterOfVersion } from '../domain/catalogue/matter-version.ts';
import { matterVersionInForce } from '../domain/catalogue/matter-version-in-force.ts';
import type { AnyRecordFamily } from '../domain/records/record-families.ts';
import { decisionInstant, findingsOf } from '../domain/case-engine/decide-case.ts';
import { createCaseEngine, type ReadCase } from './case-engine.ts';
import { matterOfStoredVersion, parseProposedVersion, requireSupervisor, visibleDepartment, type MatterRef } from './manage-catalogue.ts';
import type { AuditLog, CaseRepository, CatalogueRepository, Clock, ReferenceReader, StoredMatter, StoredMatterVersion } from './ports.ts';

export interface BackTestDependencies {
  readonly cases: CaseRepository;
  readonly catalogue: CatalogueRepository;
  readonly reference: ReferenceReader;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly calendar: WorkingDayCalendar;
  /** Built-in and configured record kinds; the built-in ones when absent. */
  readonly families?: RecordFamilyRegistry;
}

/** Most cases one back-test evaluates: bounded work per request. */
export const backTestCaseLimit = 200;

export interface BackTestRequest {
  /** A matter version as it would be posted (not stored). */
  readonly proposal: unknown;
  /** Case ids of the department's cases of the matter; when absent, its most recently started cases. */
  readonly cases?: readonly string[];
}

/** A finding reduced to what a diff compares. */
export interface FindingLevel {
  readonly ruleId: string;
  readonly level: AlertLevel;
}

export type FindingChange = 'raised' | 'cleared' | 'escalated' | 'deescalated';

export interface FindingDiff {
  readonly ruleId: string;
  readonly change: FindingChange;
  readonly current: AlertLevel | null;
  readonly proposed: AlertLevel | null;
}

export type CaseBackTest =
  | {
      readonly caseId: string;
      readonly outcome: 'evaluated';
      /** Shanghai date of the case's first event: it selects the version in force. */
      readonly startedOn: string;
      /** Version the case is judged by now; null for a matter never versioned. */
      readonly currentVersion: number | null;
      /** Whether the proposal's dates cover the day the case started. */
      readonly proposalInForce: boolean;
      readonly current: readonly FindingLevel[];
      readonly proposed: readonly FindingLevel[];
      /** Differences only, by rule id. */
      readonly changes: readonly FindingDiff[];
    }
  | { readonly caseId: string; readonly outcome: 'notFound' | 'otherMatter' | 'noMatterInForce' };

export interface BackTestReport {
  readonly department: string;
  readonly matterCode: string;
  readonly kind: string;
  readonly asOf: string;
  readonly totals: Readonly<Record<FindingChange, number>> & { readonly evaluated: number; readonly changedCases: number };
  readonly cases: readonly CaseBackTest[];
}

/** Per rule id: the change from `current` to `proposed` findings (unchanged rules left out). */
export function diffFindings(current: readonly FindingLevel[], proposed: readonly FindingLevel[]): FindingDiff[] {
  const before = new Map(current.map((f) => [f.ruleId, f.level]));
  const after = new Map(proposed.map((f) => [f.ruleId, f.level]));
  const ruleIds = [...new Set([...before.keys(), ...after.keys()])].sort();
  return ruleIds.flatMap((ruleId): FindingDiff[] => {
    const was = before.get(ruleId) ?? null;
    const would = after.get(ruleId) ?? null;
    if (was === would) return [];
    const change: FindingChange =
      was === null ? 'raised' : would === null ? 'cleared' : alertLevelRank[would] > alertLevelRank[was] ? 'escalated' : 'deescalated';
    return [{ ruleId, change, current: was, proposed: would }];
  });
}

const levelsOf = (findings: readonly Finding[]): FindingLevel[] => findings.map(({ ruleId, level }) => ({ ruleId, level }));

export async function backTestMatter(principal: StaffPrincipal, ref: MatterRef, request: BackTestRequest, deps: BackTestDependencies): Promise<BackTestReport> {
  await visibleDepartment(principal, ref.department, 'catalogue.backTest', deps);
  requireSupervisor(principal);
  const { family, version: proposal } = parseProposedVersion(ref, request.proposal, '/proposal', deps.families);
  const proposedMatter = family.matterSchema.parse(matterOfVersion(proposal));
  const [versions, currentItem] = await Promise.all([
    deps.catalogue.listVersions(ref.department, ref.matterCode),
    deps.reference.matter(ref.department, ref.matterCode),
  ]);
  const now = deps.clock();
  const caseIds = request.cases
    ? [...new Set(request.cases)].slice(0, backTestCaseLimit)
    : (await deps.cases.casesOfMatter(ref.department, family.kind, ref.matterCode, backTestCaseLimit)).map((key) => key.caseId);

  const engine = createCaseEngine({
    cases: deps.cases,
    reference: deps.reference,
    calendar: deps.calendar,
    ...(deps.families ? { families: deps.families } : {}),
  });
  const read = await engine.read(caseIds.map((caseId) => ({ department: ref.department, kind: family.kind, caseId })));
  const context = { family, proposedMatter, proposal, versions, currentItem, now };
  const cases = caseIds.map((caseId, i) => backTestCase(caseId, read[i], ref.matterCode, context, deps));
  const changes = cases.flatMap((c) => (c.outcome === 'evaluated' ? c.changes : []));
  const count = (change: FindingChange) => changes.filter((c) => c.change === change).length;
  return {
    ...ref,
    kind: family.kind,
    asOf: now.toISOString(),
    totals: {
      evaluated: cases.filter((c) => c.outcome === 'evaluated').length,
      changedCases: cases.filter((c) => c.outcome === 'evaluated' && c.changes.length > 0).length,
      raised: count('raised'),
      cleared: count('cleared'),
      escalated: count('escalated'),
      deescalated: count('deescalated'),
    },
    cases,
  };
}

interface BackTestContext {
  readonly family: AnyRecordFamily;
  readonly proposedMatter: unknown;
  readonly proposal: { readonly effectiveFrom: string; readonly effectiveUntil?: string; readonly version: number };
  readonly versions: readonly StoredMatterVersion[];
  /** The `MATTER#` item: judges a case when no version is stored (a matter never versioned). */
  readonly currentItem: StoredMatter | undefined;
  readonly now: Date;
}

function backTestCase(caseId: string, read: ReadCase | undefined, matterCode: string, context: BackTestContext, deps: BackTestDependencies): CaseBackTest {
  if (!read) return { caseId, outcome: 'notFound' };
  if (read.reading.summary.matterCode !== matterCode) return { caseId, outcome: 'otherMatter' };
  const { startedOn } = read.reading;
  const inForce = context.versions.length > 0 ? matterVersionInForce(context.versions, startedOn) : undefined;
  const currentStored = inForce ? matterOfStoredVersion(inForce) : context.versions.length === 0 ? context.currentItem : undefined;
  const currentMatter = currentStored ? context.family.matterSchema.safeParse(currentStored) : undefined;
  if (!currentMatter?.success) return { caseId, outcome: 'noMatterInForce' };

  // As the processing does: time only moves forward for a case.
  const asOf = decisionInstant(read.stored, context.now);
  const current = levelsOf(findingsOf(read, currentMatter.data, asOf, deps.calendar).findings);
  const proposed = levelsOf(findingsOf(read, context.proposedMatter, asOf, deps.calendar).findings);
  return {
    caseId,
    outcome: 'evaluated',
    startedOn,
    currentVersion: inForce?.version ?? null,
    proposalInForce: matterVersionInForce([context.proposal], startedOn) !== undefined,
    current,
    proposed,
    changes: diffFindings(current, proposed),
  };
}
