/**
 * Special reports on major or widespread problems (专项报告, Art. 21 ¶2): the system detects the
 * patterns and drafts the report; the supervisor edits it and issues it. The city supervisor for
 * the city, a district supervisor for its own district (Art. 25).
 * Primary course (draft): refuse a caller who may not report for the owner the body names (403,
 * audited, nothing stored); check the body, naming every problem (400): the owner, a month,
 * quarter or year that has begun in Asia/Shanghai, thresholds within their ranges; read each
 * department's signal counts of the period and of the previous periods from the statistics;
 * detect the patterns; draft the words; store the draft as the owner's period's next number by a
 * write that fails if another writer took it, and then number it again; audit it.
 * Steps on a report, by the owner's supervisor with the version it read: `edit` sends the words,
 * and a draft at that version moves to the next (409 when it changed since, 409 once issued);
 * `issue` makes it final: from then on it never changes. Reads: the city supervisor every owner's,
 * a district supervisor its own district's.
 */
import type * as z from 'zod';
import type { StaffPrincipal } from '../../access/principal.ts';
import { DraftSpecialReportBody, SpecialReportStepBody } from '../../api/special-report-contract.ts';
import { RoleNotPermitted } from '../../domain/access-refusals.ts';
import { shanghaiDate } from '../../domain/calendar/local-date.ts';
import { EvaluatedPeriod } from '../../domain/evaluation/evaluated-period.ts';
import { ModelOwner } from '../../domain/evaluation/scoring-model.ts';
import { cityJurisdiction } from '../../domain/records/identifiers.ts';
import { InvalidInput, invalidRequest, Refusal } from '../../domain/refusal.ts';
import { previousPeriods } from '../../domain/special-reports/comparison-periods.ts';
import { detectPatterns, type PatternFinding } from '../../domain/special-reports/detect-patterns.ts';
import { draftSpecialReport } from '../../domain/special-reports/draft-special-report.ts';
import { editedReport, issuedReport, type SpecialReport } from '../../domain/special-reports/special-report.ts';
import { parseStatisticsPeriod, type StatisticsPeriod } from '../../domain/statistics/statistics-period.ts';
import type { CityStructureRepository } from '../city-structure/city-structure-repository.ts';
import type { AuditLog, Clock } from '../ports.ts';
import { fieldErrorsFromZod, validationOptions } from '../schema-field-errors.ts';
import type { SignalCountsSource } from './signal-counts-source.ts';
import { SpecialReportNumberTaken, type SpecialReportStore } from './special-report-store.ts';

export interface SpecialReportsDependencies {
  readonly reports: SpecialReportStore;
  readonly signals: SignalCountsSource;
  readonly structure: Pick<CityStructureRepository, 'jurisdictions'>;
  readonly articles: Readonly<Record<string, string>>;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

/** The caller may not draft, edit or issue that owner's reports. */
export class SpecialReportNotYours extends Refusal {
  readonly kind = 'not-permitted';
  readonly slug = 'forbidden';
}

/** No such report, or not the caller's to read: answered alike. */
export class SpecialReportNotFound extends Refusal {
  readonly kind = 'not-found';
  readonly slug = 'not-found';
}

/** Findings a report keeps: every widespread breach, then the rises, largest first, up to this many in all. */
const maxFindings = 100;
/** Writers that lose the race for a number read again; more losses than this in a row is not a race but a storm. */
const maxAttempts = 5;

const actorOf = (principal: StaffPrincipal): string => `${principal.role}:${principal.subject}`;
const targetOf = (owner: string, period: string, id?: number): string => `special-report:${owner}/${period}${id === undefined ? '' : `#${id}`}`;

/** The city supervisor reports on the city; a district supervisor on its own district (Art. 25). */
export const mayReport = (principal: StaffPrincipal, owner: string): boolean =>
  (principal.role === 'citySupervisor' && principal.jurisdiction === cityJurisdiction && owner === cityJurisdiction) ||
  (principal.role === 'districtSupervisor' && principal.jurisdiction !== cityJurisdiction && owner === principal.jurisdiction);

const mayRead = (principal: StaffPrincipal, owner: string): boolean =>
  (principal.role === 'citySupervisor' && principal.jurisdiction === cityJurisdiction) || mayReport(principal, owner);

function requireSupervisor(principal: StaffPrincipal): void {
  if (principal.role !== 'citySupervisor' && principal.role !== 'districtSupervisor') {
    throw new RoleNotPermitted(
      { zh: '该角色无权处理专项报告', en: 'Role not allowed to handle special reports' },
      { zh: `角色 ${principal.role} 不能起草、查阅或印发专项报告。`, en: `The role ${principal.role} may not draft, read or issue special reports.` },
    );
  }
}

function notYours(principal: StaffPrincipal, owner: string, pointer: string): SpecialReportNotYours {
  return new SpecialReportNotYours(
    { zh: '无权处理该专项报告', en: 'Not allowed to handle this special report' },
    owner === cityJurisdiction
      ? { zh: '市级专项报告由市级监督人员起草和印发。', en: "The city's special reports are drafted and issued by the city supervisor." }
      : {
          zh: `${owner} 的专项报告由该区（县、市）的监督人员起草和印发；角色 ${principal.role}（${principal.jurisdiction}）无权处理。`,
          en: `The special reports of ${owner} are drafted and issued by that district's supervisor, not by ${principal.role} of ${principal.jurisdiction}.`,
        },
    [{ pointer, detail: { zh: `无权处理 ${owner} 的专项报告`, en: `may not handle the special reports of ${owner}` } }],
  );
}

const notFound = (owner: string, period: string, id?: number): SpecialReportNotFound =>
  new SpecialReportNotFound(
    { zh: '专项报告不存在', en: 'Special report not found' },
    id === undefined
      ? { zh: `您可查阅的专项报告中没有 ${owner} ${period} 的报告。`, en: `No special report of ${owner} for ${period} among those you may read.` }
      : {
          zh: `您可查阅的专项报告中没有 ${owner} ${period} 第 ${id} 号报告。`,
          en: `No special report ${id} of ${owner} for ${period} among those you may read.`,
        },
  );

function parsed<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const result = schema.safeParse(raw, validationOptions);
  if (!result.success) throw new InvalidInput(invalidRequest, undefined, fieldErrorsFromZod(result.error));
  return result.data;
}

/** The findings a report keeps, and how many it leaves out. */
function keptFindings(findings: readonly PatternFinding[]): { kept: PatternFinding[]; omitted: number } {
  return { kept: findings.slice(0, maxFindings), omitted: Math.max(0, findings.length - maxFindings) };
}

/** Detects the patterns of an owner's period and stores the drafted report; see the module comment. */
export async function draftSpecialReportFor(principal: StaffPrincipal, raw: unknown, deps: SpecialReportsDependencies): Promise<SpecialReport> {
  const action = 'special-report.draft';
  const actor = actorOf(principal);
  requireSupervisor(principal);
  const body = (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  // Whose report it is decides first: a caller never learns what is wrong with one it may not draft.
  const named = ModelOwner.safeParse(body['owner']);
  if (named.success && !mayReport(principal, named.data)) {
    const period = EvaluatedPeriod.safeParse(body['period']);
    await deps.audit.append({ action, outcome: 'denied', actor, target: targetOf(named.data, period.success ? period.data : '?'), reason: 'not the owner' });
    throw notYours(principal, named.data, '/owner');
  }
  const request = parsed(DraftSpecialReportBody, raw);
  const period = parseStatisticsPeriod(request.period) as StatisticsPeriod;
  const thisMonth = shanghaiDate(deps.clock()).slice(0, 7);
  if ((period.months[0] as string) > thisMonth) {
    throw new InvalidInput(invalidRequest, undefined, [
      {
        pointer: '/period',
        detail: {
          zh: `${period.text} 尚未开始，只能对已开始的期间起草专项报告`,
          en: `${period.text} has not begun: only a period that has begun can be reported on`,
        },
      },
    ]);
  }
  const owner = request.owner;
  const compared = previousPeriods(period, request.thresholds.previousPeriods);
  const [departments, jurisdictions] = await Promise.all([deps.signals.departmentSignals(owner, period, compared), deps.structure.jurisdictions()]);
  const findings = detectPatterns({ owner, previousPeriods: compared.map((p) => p.text), departments, articles: deps.articles }, request.thresholds);
  const { kept, omitted } = keptFindings(findings);
  const names = Object.fromEntries(jurisdictions.map((j) => [j.jurisdiction, j.name]));
  const content = draftSpecialReport({
    owner,
    ownerName: names[owner] ?? owner,
    period,
    thresholds: request.thresholds,
    findings: kept,
    omittedFindings: omitted,
    districtNames: names,
  });
  for (let attempt = 1; ; attempt += 1) {
    const stored = await deps.reports.list(owner, period.text);
    const id = stored.reduce((latest, report) => Math.max(latest, report.id), 0) + 1;
    const report: SpecialReport = {
      owner,
      period: period.text,
      id,
      version: 1,
      status: 'draft',
      thresholds: request.thresholds,
      comparedWith: compared.map((p) => p.text),
      findings: kept,
      omittedFindings: omitted,
      content,
      draftedAt: deps.clock().toISOString(),
      draftedBy: actor,
    };
    try {
      await deps.reports.add(report);
    } catch (error) {
      if (error instanceof SpecialReportNumberTaken && attempt < maxAttempts) continue;
      throw error;
    }
    await deps.audit.append({ action, outcome: 'allowed', actor, target: targetOf(owner, period.text, id) });
    return report;
  }
}

/** An owner's reports of a period, by number (none: an empty list). */
export async function listSpecialReports(principal: StaffPrincipal, owner: string, period: string, deps: SpecialReportsDependencies): Promise<SpecialReport[]> {
  requireSupervisor(principal);
  if (!mayRead(principal, owner)) throw notFound(owner, period);
  return deps.reports.list(owner, period);
}

/** A change to a report by its owner's supervisor: refused (and audited) for anyone else; the report must exist. */
async function reportToChange(
  principal: StaffPrincipal,
  owner: string,
  period: string,
  id: number,
  action: string,
  deps: SpecialReportsDependencies,
): Promise<SpecialReport> {
  requireSupervisor(principal);
  if (!mayReport(principal, owner)) {
    await deps.audit.append({ action, outcome: 'denied', actor: actorOf(principal), target: targetOf(owner, period, id), reason: 'not the owner' });
    throw notYours(principal, owner, '/path/owner');
  }
  const report = await deps.reports.report(owner, period, id);
  if (!report) throw notFound(owner, period, id);
  return report;
}

/**
 * A step on a report by its owner's supervisor, at the version read: `edit` replaces a draft's
 * words, `issue` makes it final; see the module comment.
 */
export async function takeSpecialReportStep(
  principal: StaffPrincipal,
  owner: string,
  period: string,
  id: number,
  raw: unknown,
  deps: SpecialReportsDependencies,
): Promise<SpecialReport> {
  const named = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)['step'] : undefined;
  const action = `special-report.${named === 'issue' ? 'issue' : 'edit'}`;
  const report = await reportToChange(principal, owner, period, id, action, deps);
  const step = parsed(SpecialReportStepBody, raw);
  const [actor, at] = [actorOf(principal), deps.clock().toISOString()];
  let changed: SpecialReport;
  if (step.step === 'issue') changed = issuedReport(report, actor, at);
  else {
    const { step: _step, expectedVersion: _version, ...content } = step;
    changed = editedReport(report, content, actor, at);
  }
  await deps.reports.replace(changed, step.expectedVersion);
  await deps.audit.append({ action, outcome: 'allowed', actor, target: targetOf(owner, period, id) });
  return changed;
}
