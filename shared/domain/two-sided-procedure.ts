/**
 * A two-sided procedure: what a supervisor sends a department and follows until it is done — an
 * accountability measure (问责措施, Art. 23, 24), a rectification suggestion (整改建议, Art. 22).
 * Each step belongs to one side (the supervisor or the department) and is possible only from some
 * statuses. The two refusals of such a step are named here once, after the rule broken; each
 * procedure names its own subclass, with its own words, and the edge maps them by their kind.
 */
import type { Bilingual } from './bilingual.ts';
import { Refusal } from './refusal.ts';

/** Who takes a step: the supervisor who sent it, or the department it was sent to. */
export type ProcedureSide = 'supervisor' | 'department';

/** What a refusal says of a step: its identifier, its name in Chinese, whose it is and from which statuses. */
export interface ProcedureStepRule<Status extends string> {
  readonly side: ProcedureSide;
  readonly from: readonly Status[];
  /** The step's name as a person reads it (`报告改正情况`). */
  readonly name: string;
}

/** A procedure's words: what it is called, its statuses' names, and how each side is called. */
export interface ProcedureWords<Status extends string> {
  /** `问责措施`, `整改建议`; and in English, `measure`, `suggestion`. */
  readonly procedure: Bilingual;
  readonly statusNames: Readonly<Record<Status, string>>;
  readonly sides: Readonly<Record<ProcedureSide, Bilingual>>;
}

/** The step is the other side's (a department accepting its own correction, a supervisor reporting). */
export abstract class StepNotYours extends Refusal {
  readonly kind = 'not-permitted';
  readonly slug = 'forbidden';
  constructor(
    readonly step: string,
    rule: Pick<ProcedureStepRule<string>, 'side' | 'name'>,
    words: Pick<ProcedureWords<string>, 'procedure' | 'sides'>,
  ) {
    const side = words.sides[rule.side];
    super(
      { zh: '该操作不应由您执行', en: 'Not your step to take' },
      { zh: `${words.procedure.zh}的“${rule.name}”应由${side.zh}执行。`, en: `${step} is for ${side.en}.` },
    );
  }
}

/** The step is not possible in the procedure's status (accepting before a report, editing once sent). */
export abstract class StepNotAllowed extends Refusal {
  readonly kind = 'not-allowed-now';
  readonly slug = 'action-not-allowed';
  /** By default the refusal names the status and the statuses the step is possible from; `said` replaces what the rule alone cannot say. */
  constructor(
    readonly step: string,
    readonly status: string,
    said: { readonly title: Bilingual; readonly detail: Bilingual },
  ) {
    super(said.title, said.detail);
  }
}

/** What {@link StepNotAllowed} says by default: the status the procedure is in, and those the step is possible from. */
export function statusRefusalWords<Status extends string>(
  step: string,
  status: Status,
  rule: ProcedureStepRule<Status>,
  words: ProcedureWords<Status>,
): { title: Bilingual; detail: Bilingual } {
  return {
    title: {
      zh: `${words.procedure.zh}处于“${words.statusNames[status]}”状态，不能${rule.name}`,
      en: `Cannot ${step} a ${words.procedure.en} that is ${status}`,
    },
    detail: {
      zh: `${words.procedure.zh}处于以下状态时可以${rule.name}：${rule.from.map((from) => words.statusNames[from]).join('、')}。`,
      en: `Possible while the ${words.procedure.en} is: ${rule.from.join(', ')}.`,
    },
  };
}
