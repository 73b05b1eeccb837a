/** Test data for supervision requests and cases: sensible defaults, overrides for what a test is about. */
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { openSupervisionCase, type SupervisionCase, type SupervisionCaseOpening } from '#shared/domain/supervision-cases/supervision-case.ts';
import { defaultSupervisionPolicy, type SupervisionPolicy } from '#shared/domain/supervision-cases/supervision-policy.ts';
import { fileSupervisionRequest, type SupervisionRequest, type SupervisionRequestFiling } from '#shared/domain/supervision-cases/supervision-request.ts';

export const calendar = stateCouncilCalendar;
export const policy: SupervisionPolicy = defaultSupervisionPolicy;

export const aFiling = (overrides: Partial<SupervisionRequestFiling> = {}): SupervisionRequestFiling => ({
  requestNumber: 'DQ20250930ABCDEF',
  requester: 'haishu-housing',
  jurisdiction: 'haishu',
  subject: '老旧小区加装电梯审批协调',
  matter: '涉及规划、住建、市场监管三部门，审批链条长，群众反映强烈。',
  asks: '请求督办相关部门在期限内完成联合审查。',
  links: {},
  filedAt: '2025-09-30T02:00:00.000Z',
  filedBy: 'departmentLiaison:liaison-1',
  ...overrides,
});

export const aRequest = (overrides: Partial<SupervisionRequestFiling> = {}): SupervisionRequest =>
  fileSupervisionRequest(aFiling(overrides), calendar, policy).state;

/** Opened Monday 2025-09-15, 10:00 Shanghai; deadline Friday 2025-09-26. */
export const anOpening = (overrides: Partial<SupervisionCaseOpening> = {}): SupervisionCaseOpening => ({
  caseNumber: 'DB20250915ABCDEF',
  origin: { kind: 'initiative' },
  links: {},
  responsibleDepartment: 'haishu-housing',
  jurisdiction: 'haishu',
  subject: '建筑工程施工许可超期问题整改',
  instructions: '查明超期原因，完成整改并报送整改报告。',
  deadline: '2025-09-26',
  openedAt: '2025-09-15T02:00:00.000Z',
  openedBy: 'districtSupervisor:supervisor-1',
  reasons: null,
  ...overrides,
});

export function anOpenCase(overrides: Partial<SupervisionCaseOpening> = {}, withPolicy: SupervisionPolicy = policy): SupervisionCase {
  const opened = openSupervisionCase(anOpening(overrides), calendar, withPolicy);
  if (!opened.ok) throw new Error(`test case refused: ${opened.refusal.refusal}`);
  return opened.state;
}

export const evidence = [{ title: '整改报告', sha256: 'a'.repeat(64), reference: '海建〔2025〕31号' }];
