import { describe, expect, it } from 'vitest';
import { draftRectification } from '#shared/domain/rectification/draft-rectification.ts';
import {
  applyRectificationStep,
  newSuggestion,
  RectificationStepNotAllowed,
  RectificationStepNotYours,
  type RectificationSuggestion,
} from '#shared/domain/rectification/rectification-suggestion.ts';

const supervisor = { side: 'supervisor', id: 'districtSupervisor:hs-1' } as const;
const department = { side: 'department', id: 'departmentLiaison:l-1' } as const;
const drafted = newSuggestion(
  draftRectification({
    department: 'haishu-housing',
    departmentName: '海曙区住建局',
    period: '2026-11',
    signals: [],
    complete: true,
    at: '2026-12-01T01:00:00.000Z',
  }),
  'haishu',
  supervisor.id,
);
const at = (day: number) => `2026-12-${String(day).padStart(2, '0')}T02:00:00.000Z`;

describe('a rectification suggestion from draft to acceptance', () => {
  it('is edited and sent by the supervisor, reported on by the department, returned, reported again and accepted', () => {
    const edited = applyRectificationStep(drafted, { step: 'edit', text: '海曙区住建局：请整改。' }, supervisor, at(2));
    const sent = applyRectificationStep(edited, { step: 'send' }, supervisor, at(3));
    const reported = applyRectificationStep(sent, { step: 'report', text: '已整改', evidence: ['甬住建〔2026〕12号'] }, department, at(4));
    const returned = applyRectificationStep(reported, { step: 'return', reasons: '未附培训记录' }, supervisor, at(5));
    const reportedAgain = applyRectificationStep(returned, { step: 'report', text: '补充培训记录', evidence: [] }, department, at(6));
    const accepted = applyRectificationStep(reportedAgain, { step: 'accept' }, supervisor, at(7));

    expect([edited, sent, reported, returned, reportedAgain, accepted].map((s) => [s.status, s.version])).toEqual([
      ['drafted', 2],
      ['sent', 3],
      ['reported', 4],
      ['returned', 5],
      ['reported', 6],
      ['accepted', 7],
    ]);
    expect(accepted.text).toBe('海曙区住建局：请整改。');
    expect(accepted.history.map((entry) => [entry.change, entry.actor, entry.note])).toEqual([
      ['drafted', supervisor.id, undefined],
      ['edited', supervisor.id, undefined],
      ['sent', supervisor.id, undefined],
      ['reported', department.id, '已整改'],
      ['returned', supervisor.id, '未附培训记录'],
      ['reported', department.id, '补充培训记录'],
      ['accepted', supervisor.id, undefined],
    ]);
    expect(accepted.history[3]?.evidence).toEqual(['甬住建〔2026〕12号']);
    expect(accepted.updatedAt).toBe(at(7));
  });

  it('refuses to edit a suggestion once sent, naming the status in Chinese', () => {
    const sent = applyRectificationStep(drafted, { step: 'send' }, supervisor, at(2));

    const editing = () => applyRectificationStep(sent, { step: 'edit', text: '改' }, supervisor, at(3));

    expect(editing).toThrow(RectificationStepNotAllowed);
    expect(editing).toThrow(expect.objectContaining({ title: expect.objectContaining({ zh: '整改建议处于“已下发”状态，不能修改' }) }));
  });

  it("refuses the other side's steps", () => {
    const sent: RectificationSuggestion = applyRectificationStep(drafted, { step: 'send' }, supervisor, at(2));
    expect(() => applyRectificationStep(drafted, { step: 'send' }, department, at(2))).toThrow(RectificationStepNotYours);
    expect(() => applyRectificationStep(sent, { step: 'report', text: '已整改', evidence: [] }, supervisor, at(3))).toThrow(RectificationStepNotYours);
  });

  it('refuses a report before the suggestion is sent and an acceptance before a report', () => {
    expect(() => applyRectificationStep(drafted, { step: 'report', text: '已整改', evidence: [] }, department, at(2))).toThrow(RectificationStepNotAllowed);
    const sent = applyRectificationStep(drafted, { step: 'send' }, supervisor, at(2));
    expect(() => applyRectificationStep(sent, { step: 'accept' }, supervisor, at(3))).toThrow(RectificationStepNotAllowed);
  });
});
