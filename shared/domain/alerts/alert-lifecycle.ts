/**
 * What people do with a signal (Art. 18): the department acknowledges it, responds (corrected,
 * or explained with evidence) or disputes it; a supervisor closes it or rules on the dispute.
 * Pure: each action either yields the next version of the alert or is refused by name.
 */
import { Refusal } from '../refusal.ts';
import { messageOf, type Alert, type AlertStatus, type AlertTransition } from './alert.ts';

export type AlertAction =
  | { readonly action: 'acknowledge'; readonly note?: string }
  | { readonly action: 'respond'; readonly response: 'corrected' | 'explained'; readonly note: string; readonly evidence?: readonly string[] }
  | { readonly action: 'dispute'; readonly note: string }
  | { readonly action: 'ruleOnDispute'; readonly ruling: 'upheld' | 'rejected'; readonly note: string }
  | { readonly action: 'close'; readonly note: string };

/** Which side acts: the department the alert is about, or its supervisor. */
export type AlertActorSide = 'department' | 'supervisor';

export interface AlertActor {
  readonly side: AlertActorSide;
  /** `role:subject`, recorded in the history. */
  readonly id: string;
}

interface Rule {
  readonly side: AlertActorSide;
  readonly from: readonly AlertStatus[];
}

const rules: Record<AlertAction['action'], Rule> = {
  acknowledge: { side: 'department', from: ['open'] },
  respond: { side: 'department', from: ['open', 'acknowledged'] },
  dispute: { side: 'department', from: ['open', 'acknowledged'] },
  ruleOnDispute: { side: 'supervisor', from: ['disputed'] },
  close: { side: 'supervisor', from: ['open', 'acknowledged', 'responded'] },
};

/** Statuses from which `action` is possible, for refusals and the console. */
/** How a refusal names a status and an action in Chinese (the console's words). */
const statusNames: Record<AlertStatus, string> = {
  open: '待签收',
  acknowledged: '已签收',
  responded: '已反馈',
  disputed: '有异议',
  closed: '已办结',
  resolved: '已自行消除',
  withdrawn: '已撤回',
  held: '暂缓',
};
const actionNames: Record<AlertAction['action'], string> = {
  acknowledge: '签收',
  respond: '答复',
  dispute: '申辩',
  ruleOnDispute: '裁定申辩',
  close: '关闭',
};

export const allowedFrom = (action: AlertAction['action']): readonly AlertStatus[] => rules[action].from;

const sideWords: Record<AlertActorSide, { readonly zh: string; readonly en: string }> = {
  department: { zh: '部门', en: 'department' },
  supervisor: { zh: '监督机构', en: 'supervisor' },
};

/** The action is the other side's to take (a department closing, a supervisor responding). */
export class AlertActionNotYours extends Refusal {
  readonly kind = 'not-permitted';
  readonly slug = 'forbidden';
  constructor(readonly action: AlertAction['action']) {
    const side = sideWords[rules[action].side];
    super({ zh: '该操作不应由您执行', en: 'Not your action to take' }, { zh: `${action} 应由${side.zh}执行。`, en: `${action} is for the ${side.en}.` });
  }
}

/** The action is not possible in the alert's current status. */
export class AlertActionNotAllowed extends Refusal {
  readonly kind = 'not-allowed-now';
  readonly slug = 'action-not-allowed';
  constructor(
    readonly action: AlertAction['action'],
    readonly status: AlertStatus,
  ) {
    super(
      { zh: `预警处于“${statusNames[status]}”状态，不能${actionNames[action]}`, en: `Cannot ${action} an alert that is ${status}` },
      {
        zh: `预警处于以下状态时可以${actionNames[action]}：${allowedFrom(action)
          .map((from) => statusNames[from])
          .join('、')}。`,
        en: `Possible while the alert is: ${allowedFrom(action).join(', ')}.`,
      },
    );
  }
}

function outcome(action: AlertAction): { status: AlertStatus; change: AlertTransition['change']; note?: string } {
  switch (action.action) {
    case 'acknowledge':
      return { status: 'acknowledged', change: 'acknowledged', ...(action.note ? { note: action.note } : {}) };
    case 'respond': {
      const evidence = action.evidence && action.evidence.length > 0 ? ` [evidence: ${action.evidence.join('; ')}]` : '';
      return { status: 'responded', change: 'responded', note: `${action.response}: ${action.note}${evidence}` };
    }
    case 'dispute':
      return { status: 'disputed', change: 'disputed', note: action.note };
    case 'ruleOnDispute':
      // Upheld: the department was right, the signal is closed. Rejected: it stands and awaits a response.
      return action.ruling === 'upheld'
        ? { status: 'closed', change: 'disputeUpheld', note: action.note }
        : { status: 'acknowledged', change: 'disputeRejected', note: action.note };
    case 'close':
      return { status: 'closed', change: 'closed', note: action.note };
  }
}

export function applyAlertAction(alert: Alert, action: AlertAction, actor: AlertActor, at: string): Alert {
  const rule = rules[action.action];
  if (rule.side !== actor.side) throw new AlertActionNotYours(action.action);
  if (!rule.from.includes(alert.status)) throw new AlertActionNotAllowed(action.action, alert.status);
  const next = outcome(action);
  const entry: AlertTransition = {
    at,
    change: next.change,
    level: alert.level,
    summary: alert.summary,
    ...messageOf(alert),
    actor: actor.id,
    ...(next.note ? { note: next.note } : {}),
  };
  return { ...alert, status: next.status, updatedAt: at, history: [...alert.history, entry], version: alert.version + 1 };
}
