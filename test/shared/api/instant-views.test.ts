import { describe, expect, it } from 'vitest';
import { AuditEntryPageResponse, AuditVerificationResponse } from '#shared/api/audit-contract.ts';
import { CalendarYearsResponse, CalendarYearView } from '#shared/api/calendar-contract.ts';
import { BackTestResponse, MatterVersionsResponse, MatterVersionView } from '#shared/api/catalogue-contract.ts';
import { DepartmentsResponse, DepartmentView, JurisdictionsResponse, JurisdictionView } from '#shared/api/city-structure-contract.ts';
import { ComplaintDetailResponse, ComplaintQueuePageResponse, FiledComplaintResponse } from '#shared/api/complaint-contract.ts';
import { AlertPageResponse, AlertView, CaseTimelineResponse } from '#shared/api/console-contract.ts';
import { InstantView } from '#shared/api/instant-view.ts';
import { SecurityEventPageResponse } from '#shared/api/security-contract.ts';
import { supervisionCaseView, supervisionRequestView, timelineStepView } from '#shared/api/supervision-contract.ts';
import type { SupervisionCase } from '#shared/domain/supervision-cases/supervision-case.ts';
import type { SupervisionRequest } from '#shared/domain/supervision-cases/supervision-request.ts';

// Stored instants, as items and events keep them (UTC), and what a reader in the city sees.
const deadline = '2026-11-03T15:59:59.999Z';
const deadlineInShanghai = '2026-11-03T23:59:59.999+08:00';
const raised = '2026-10-30T17:30:00.000Z';
const raisedInShanghai = '2026-10-31T01:30:00.000+08:00';

/** Every string in a view's answer that is an instant, by its JSON path. */
function instantsIn(value: unknown, path = ''): Record<string, string> {
  if (typeof value === 'string') return /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(value) ? { [path]: value } : {};
  if (Array.isArray(value)) return Object.assign({}, ...value.map((item, index) => instantsIn(item, `${path}/${index}`)));
  if (value !== null && typeof value === 'object') {
    return Object.assign({}, ...Object.entries(value).map(([key, item]) => instantsIn(item, `${path}/${key}`)));
  }
  return {};
}

/** Asserts that each listed path answers the instant it was given, written with +08:00, and that no other instant is left in UTC. */
function expectShanghaiInstants(answered: unknown, given: unknown, paths: readonly string[]): void {
  const out = instantsIn(answered);
  const stored = instantsIn(given);
  for (const path of paths) {
    expect(out[path], path).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
    expect(Date.parse(out[path]!), path).toBe(Date.parse(stored[path]!));
  }
  expect(Object.values(out).filter((instant) => !instant.endsWith('+08:00'))).toEqual([]);
}

describe('an instant in a response', () => {
  it('is written in Shanghai time with +08:00 and denotes the same instant', () => {
    expect(InstantView.parse(deadline)).toBe(deadlineInShanghai);
    expect(InstantView.parse(raised)).toBe(raisedInShanghai);
    expect(InstantView.parse('2026-11-03T10:00:00-05:00')).toBe('2026-11-03T23:00:00.000+08:00');
  });

  it('is answered unchanged when it already carries +08:00', () => {
    expect(InstantView.parse(deadlineInShanghai)).toBe(deadlineInShanghai);
  });

  it('fails the view when the stored value is not an instant, instead of answering it', () => {
    expect(InstantView.safeParse('2026-11-03').success).toBe(false);
    expect(InstantView.safeParse('soon').success).toBe(false);
  });
});

describe('the console views', () => {
  const alert = {
    department: 'housing',
    jurisdiction: 'city',
    caseId: 'C-1',
    kind: 'licensing',
    matterCode: 'M-1',
    ruleId: 'licensing.decision-time-limit',
    ruleVersion: 1,
    level: 'warning',
    findingLevel: 'prompt',
    escalatedLevel: 'warning',
    levelSince: raised,
    status: 'open',
    legalBasis: '《行政许可法》第四十二条',
    summary: '许可决定超期',
    deadline,
    raisedAt: raised,
    updatedAt: raised,
    resolvedAt: deadline,
    version: 2,
    history: [{ at: raised, change: 'raised', level: 'prompt', summary: '许可决定超期' }],
  };
  const alertInstants = ['/levelSince', '/deadline', '/raisedAt', '/updatedAt', '/resolvedAt', '/history/0/at'];

  it('answer an alert with its deadline, raising, update, resolution and history instants in Shanghai time', () => {
    const answered = AlertView.parse(alert);
    expect(answered.deadline).toBe(deadlineInShanghai);
    expectShanghaiInstants(answered, alert, alertInstants);
    expectShanghaiInstants(
      AlertPageResponse.parse({ items: [alert] }),
      { items: [alert] },
      alertInstants.map((path) => `/items/0${path}`),
    );
  });

  it("answer a case's timeline with its next check, its events' instants and its alerts' in Shanghai time", () => {
    const timeline = {
      case: {
        department: 'housing',
        kind: 'licensing',
        caseId: 'C-1',
        jurisdiction: 'city',
        matterCode: 'M-1',
        stage: 'applied',
        nextCheckAt: deadline,
        deadlines: {},
      },
      events: [{ sequence: 1, event: 'applied', occurredAt: '2026-10-30T09:30:00+08:00', receivedAt: raised, record: {} }],
      alerts: [alert],
    };
    const answered = CaseTimelineResponse.parse(timeline);
    expectShanghaiInstants(answered, timeline, [
      '/case/nextCheckAt',
      '/events/0/occurredAt',
      '/events/0/receivedAt',
      ...alertInstants.map((path) => `/alerts/0${path}`),
    ]);
    expect(answered.events[0]?.occurredAt).toBe('2026-10-30T09:30:00.000+08:00');
    expect(CaseTimelineResponse.parse({ ...timeline, case: { ...timeline.case, nextCheckAt: null } }).case.nextCheckAt).toBeNull();
  });
});

describe('the supervision views', () => {
  const signal = {
    rule: 'supervision.decision-time-limit',
    level: 'warning',
    audience: { kind: 'supervisor', jurisdiction: 'city' },
    raisedAt: raised,
    deadline: '2026-11-03',
  };
  const timers = [{ timer: 'deadlineWarning', dueAt: deadline }];

  it('answer a request with its filing, decision due, decision, signal and timer instants in Shanghai time', () => {
    const request = {
      requestNumber: 'DQ20261009K7M2Q9',
      version: 2,
      status: 'caseOpened',
      requester: 'housing',
      jurisdiction: 'city',
      subject: '督办事项',
      matter: '事项',
      asks: '请求',
      links: {},
      filedAt: raised,
      filedBy: 'liaison:u1',
      decisionDue: { date: '2026-11-03', at: deadline, provisional: false },
      decision: { outcome: 'caseOpened', at: raised, by: 'supervisor:u2', reasons: null, caseNumber: 'DB20261009K7M2Q9' },
      signals: [signal],
      timers,
      stepCount: 3,
    } as unknown as SupervisionRequest;
    expectShanghaiInstants(supervisionRequestView(request), { ...request, pendingTimers: timers }, [
      '/filedAt',
      '/decisionDue/at',
      '/decision/at',
      '/signals/0/raisedAt',
      '/pendingTimers/0/dueAt',
    ]);
  });

  it('answer a case with its opening, deadline, completion, closure, lateness and timer instants in Shanghai time', () => {
    const supervisionCase = {
      caseNumber: 'DB20261009K7M2Q9',
      version: 5,
      stage: 'closed',
      origin: { kind: 'initiative' },
      links: {},
      responsibleDepartment: 'housing',
      jurisdiction: 'city',
      subject: '督办',
      instructions: '办理',
      deadline: { date: '2026-11-03', at: deadline },
      originalDeadline: '2026-11-03',
      extensions: 0,
      openedAt: raised,
      openedBy: 'supervisor:u2',
      progressReports: 1,
      completionReportedAt: raised,
      closure: { at: deadline, by: 'supervisor:u2', reasons: null, afterCompletionReport: true },
      overdue: { overdueSince: deadline, escalatedAt: raised },
      signals: [signal],
      timers,
      stepCount: 4,
    } as unknown as SupervisionCase;
    expectShanghaiInstants(supervisionCaseView(supervisionCase), { ...supervisionCase, pendingTimers: timers }, [
      '/deadline/at',
      '/openedAt',
      '/completionReportedAt',
      '/closure/at',
      '/overdue/overdueSince',
      '/overdue/escalatedAt',
      '/signals/0/raisedAt',
      '/pendingTimers/0/dueAt',
    ]);
  });

  it('answer a timeline step at its instant in Shanghai time', () => {
    const step = { sequence: 1, at: raised, actor: 'supervisor:u2', action: 'caseOpened' as const, details: {}, internal: false };
    expect(timelineStepView(step).at).toBe(raisedInShanghai);
  });
});

describe('the complaint views', () => {
  const clockDeadline = { date: '2026-11-03', at: deadline, provisional: false };

  it('answer a filed complaint with its reception instant in Shanghai time', () => {
    const filed = {
      receiptNumber: 'TS20261030K7M2Q9XA',
      queryToken: 't',
      receivedAt: raised,
      acceptanceDueBy: '2026-11-03',
      acceptanceDeadlineProvisional: false,
    };
    expectShanghaiInstants(FiledComplaintResponse.parse(filed), filed, ['/receivedAt']);
  });

  it("answer a queue row with its deadline's instant in Shanghai time", () => {
    const page = {
      queue: 'awaitingDecision',
      items: [
        {
          receiptNumber: 'TS20261030K7M2Q9XA',
          version: 1,
          stage: 'awaitingDecision',
          category: 'delay',
          jurisdiction: 'city',
          realName: true,
          receivedOn: '2026-10-31',
          deadline: clockDeadline,
          signal: null,
          escalated: false,
        },
      ],
    };
    expectShanghaiInstants(ComplaintQueuePageResponse.parse(page), page, ['/items/0/deadline/at']);
  });

  it('answer a complaint with its reception, deadlines, timers, rating, retention and timeline instants in Shanghai time', () => {
    const detail = {
      receiptNumber: 'TS20261030K7M2Q9XA',
      version: 3,
      stage: 'concluded',
      category: 'delay',
      subject: { kind: 'department', department: 'housing' },
      jurisdiction: 'city',
      receivedAt: raised,
      acceptanceDeadline: clockDeadline,
      realName: true,
      identityDisclosureConsent: false,
      identity: 'masked',
      clock: { name: 'handling', round: 1, actor: 'department', deadline: clockDeadline, pending: [{ level: 'warning', dueAt: deadline }] },
      results: [],
      reviews: [],
      signals: [],
      notices: {},
      rating: { score: 5, ratedAt: raised },
      personalData: { retainedUntil: deadline, erasedAt: raised },
      timeline: [{ sequence: 1, at: raised, actor: 'public', action: 'filed', details: {}, internal: false }],
    };
    expectShanghaiInstants(ComplaintDetailResponse.parse(detail), detail, [
      '/receivedAt',
      '/acceptanceDeadline/at',
      '/clock/deadline/at',
      '/clock/pending/0/dueAt',
      '/rating/ratedAt',
      '/personalData/retainedUntil',
      '/personalData/erasedAt',
      '/timeline/0/at',
    ]);
  });
});

describe('the audit views', () => {
  it('answer entries at their instants in Shanghai time', () => {
    const page = { items: [{ id: `${raised}#0001#x`, at: raised, action: 'complaint.read', outcome: 'allowed', actor: 'supervisor:u2' }] };
    const answered = AuditEntryPageResponse.parse(page);
    expectShanghaiInstants(answered, page, ['/items/0/at']);
    expect(answered.items[0]?.id).toBe(page.items[0]?.id);
  });

  it("answer a verification's seal and findings instants in Shanghai time", () => {
    const finding = { kind: 'digestMissing', at: raised, span: { start: raised, end: deadline }, entries: 2, description: '缺少摘要 / digest missing' };
    const verification = {
      day: '2026-10-30',
      status: 'broken',
      entries: 2,
      digests: 0,
      sealedUntil: raised,
      unsealed: { beforeChain: 0, pending: 0 },
      findings: 1,
      firstFinding: finding,
      listed: [finding],
      signingKey: 'k',
    };
    expectShanghaiInstants(AuditVerificationResponse.parse(verification), verification, [
      '/sealedUntil',
      '/firstFinding/at',
      '/firstFinding/span/start',
      '/firstFinding/span/end',
      '/listed/0/at',
    ]);
  });
});

describe('the calendar, catalogue, city-structure and security views', () => {
  it('answer a calendar year updated at its instant in Shanghai time', () => {
    const year = { year: 2026, holidays: [], makeUpWorkingDays: [], source: 'supervisor', version: 1, updatedAt: raised, updatedBy: 'supervisor:u2' };
    expectShanghaiInstants(CalendarYearView.parse(year), year, ['/updatedAt']);
    expectShanghaiInstants(CalendarYearsResponse.parse({ items: [year], packagedYears: [2026] }), { items: [year] }, ['/items/0/updatedAt']);
  });

  it("answer a matter version's recording and a back-test's instant in Shanghai time", () => {
    const version = {
      department: 'housing',
      matterCode: 'M-1',
      kind: 'licensing',
      name: '许可',
      legalBasis: '法',
      version: 1,
      effectiveFrom: '2026-11-01',
      recordedAt: raised,
      recordedBy: 'x',
    };
    expectShanghaiInstants(MatterVersionView.parse(version), version, ['/recordedAt']);
    const versions = { department: 'housing', matterCode: 'M-1', inForceVersion: 1, versions: [version] };
    expectShanghaiInstants(MatterVersionsResponse.parse(versions), versions, ['/versions/0/recordedAt']);
    const report = {
      department: 'housing',
      matterCode: 'M-1',
      kind: 'licensing',
      asOf: raised,
      totals: { evaluated: 0, changedCases: 0, raised: 0, cleared: 0, escalated: 0, deescalated: 0 },
      cases: [],
    };
    expectShanghaiInstants(BackTestResponse.parse(report), report, ['/asOf']);
  });

  it('answer jurisdictions and departments with their update and last application instants in Shanghai time', () => {
    const jurisdiction = {
      jurisdiction: 'city',
      name: '某市',
      kind: 'city',
      kindName: '设区的市',
      issuingOrgan: '某市人民政府',
      version: 1,
      updatedAt: raised,
      updatedBy: 'deployment:s',
      lastAppliedConfiguration: { name: '某市', kind: 'city', issuingOrgan: '某市人民政府', appliedAt: deadline },
    };
    const department = {
      department: 'housing',
      name: '住房局',
      jurisdiction: 'city',
      connectedKinds: ['licensing'],
      version: 1,
      updatedAt: raised,
      updatedBy: 'deployment:s',
      lastAppliedConfiguration: { name: '住房局', jurisdiction: 'city', connectedKinds: ['licensing'], appliedAt: deadline },
    };
    const structureInstants = ['/updatedAt', '/lastAppliedConfiguration/appliedAt'];
    expectShanghaiInstants(JurisdictionView.parse(jurisdiction), jurisdiction, structureInstants);
    expectShanghaiInstants(DepartmentView.parse(department), department, structureInstants);
    expectShanghaiInstants(
      JurisdictionsResponse.parse({ items: [jurisdiction] }),
      { items: [jurisdiction] },
      structureInstants.map((path) => `/items/0${path}`),
    );
    expectShanghaiInstants(
      DepartmentsResponse.parse({ items: [department] }),
      { items: [department] },
      structureInstants.map((path) => `/items/0${path}`),
    );
  });

  it('answer a security event at its instant in Shanghai time', () => {
    const page = { day: '2026-10-31', items: [{ id: 'e1', kind: 'scopeDenied', at: raised, source: 'console-api', detail: {} }] };
    expectShanghaiInstants(SecurityEventPageResponse.parse(page), page, ['/items/0/at']);
  });
});
