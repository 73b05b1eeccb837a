/**
 * The console's own words, one dictionary per language: Chinese first, English second. A string
 * missing from either dictionary is a type error, so the two stay in step.
 */
import type { AlertLevel, AlertStatus } from '../alerts/alert-labels';

export type Language = 'zh' | 'en';

export type AlertAction = 'acknowledge' | 'respond' | 'dispute' | 'ruleOnDispute' | 'close';

export type HistoryChange =
  | 'raised'
  | 'escalated'
  | 'deescalated'
  | 'revised'
  | 'resolved'
  | 'withdrawn'
  | 'held'
  | 'released'
  | 'reopened'
  | 'acknowledged'
  | 'responded'
  | 'disputed'
  | 'disputeRejected'
  | 'disputeUpheld'
  | 'closed';

export interface ConsoleStrings {
  readonly systemName: string;
  readonly languageSwitch: string;
  /** Between a label and its value: `经办人：系统`, `By: System`. */
  readonly labelSeparator: string;
  readonly loading: string;
  readonly signIn: string;
  readonly signOut: string;
  readonly signInPrompt: string;
  readonly signInExpired: string;
  readonly signInFailed: string;
  readonly backHome: string;
  readonly pageNotFound: string;
  readonly pageNotFoundDetail: string;
  readonly notFoundTitle: string;
  readonly roles: Readonly<Record<string, string>>;
  readonly levels: Readonly<Record<AlertLevel, string>>;
  readonly statuses: Readonly<Record<AlertStatus, string>>;
  readonly recordKinds: Readonly<Record<string, string>>;
  readonly changes: Readonly<Record<HistoryChange, string>>;
  readonly alert: {
    readonly notFound: string;
    readonly notFoundDetail: string;
    readonly readFailed: string;
    readonly backToQueue: string;
    readonly caseTimeline: string;
    readonly department: string;
    readonly kind: string;
    readonly caseId: string;
    /** The responsible official (经办人) the signal concerns: name and staff id, or the staff id alone. */
    readonly official: string;
    readonly officialValue: (staffId: string, name?: string) => string;
    readonly noOfficial: string;
    readonly rule: string;
    readonly level: string;
    readonly status: string;
    readonly summary: string;
    readonly legalBasis: string;
    readonly deadline: string;
    readonly noDeadline: string;
    /** The last day to correct or explain a warning or correction signal. */
    readonly answerDue: string;
    readonly raisedAt: string;
    readonly version: string;
    readonly history: string;
    readonly actor: string;
    readonly system: string;
    readonly note: string;
    readonly at: string;
    readonly workingDaysLeft: (days: number) => string;
    readonly lastWorkingDay: string;
    readonly overdueBy: (days: number) => string;
    readonly escalatedFrom: (finding: string) => string;
    readonly actions: string;
    readonly noActions: string;
  };
  readonly actions: {
    readonly names: Readonly<Record<AlertAction, string>>;
    readonly done: Readonly<Record<AlertAction, string>>;
    readonly submit: string;
    readonly cancel: string;
    readonly note: string;
    readonly noteRequired: string;
    readonly acknowledgeNote: string;
    readonly response: string;
    readonly corrected: string;
    readonly explained: string;
    readonly evidence: string;
    readonly evidenceHelp: string;
    readonly disputeReasons: string;
    readonly ruling: string;
    readonly upheld: string;
    readonly rejected: string;
    readonly closeNote: string;
    readonly conflict: string;
    readonly invalid: string;
    readonly failed: (status: number, title?: string) => string;
  };
  readonly timeline: {
    readonly notFound: string;
    readonly notFoundDetail: string;
    readonly stage: string;
    readonly matter: string;
    readonly nextCheck: string;
    readonly none: string;
    readonly records: string;
    readonly sequence: string;
    readonly event: string;
    readonly occurredAt: string;
    readonly receivedAt: string;
    readonly alerts: string;
    readonly noAlerts: string;
    readonly open: string;
  };
  readonly print: string;
  readonly printedAt: string;
  /** The export buttons of every list (the files keep their Chinese names and headers). */
  readonly exports: {
    readonly excel: string;
    readonly csv: string;
    readonly exported: (count: number) => string;
    readonly capped: (cap: number) => string;
    readonly failed: (reason?: string) => string;
  };
  readonly queue: {
    readonly allDepartments: string;
    readonly allLevels: string;
    readonly allStatuses: string;
    readonly allKinds: string;
    /** The filter by the responsible official's staff id. */
    readonly officialFilter: string;
    readonly refresh: string;
    readonly charts: string;
    readonly empty: string;
    readonly previous: string;
    readonly next: string;
    readonly page: (index: number) => string;
    readonly columns: {
      readonly level: string;
      readonly status: string;
      readonly department: string;
      readonly kind: string;
      readonly caseId: string;
      readonly official: string;
      readonly summary: string;
      readonly deadline: string;
      readonly raisedAt: string;
      readonly actions: string;
      readonly open: string;
    };
    readonly readFailed: (title?: string) => string;
    readonly acknowledged: (caseId: string) => string;
    readonly acknowledgeConflict: string;
    readonly acknowledgeFailed: (status: number) => string;
  };
  /** 经办人统计: a department's signals of a period per responsible official, by staff id only. */
  readonly officialStatistics: {
    /** The link to the page from 统计. */
    readonly open: string;
    readonly unitLabel: string;
    readonly department: string;
    readonly chooseDepartment: string;
    readonly refresh: string;
    readonly heading: (department: string, period: string) => string;
    readonly months: (months: readonly string[]) => string;
    readonly note: string;
    readonly columns: { readonly staffId: string; readonly total: string };
    /** The official's alerts in the queue (all periods): the link's accessible name. */
    readonly viewAlerts: (staffId: string) => string;
    readonly unnamed: string;
    readonly allSignals: string;
    readonly noDepartment: string;
    readonly empty: string;
    readonly incomplete: string;
    readonly outOfScope: string;
    readonly readFailed: (title?: string) => string;
  };
}

const zh: ConsoleStrings = {
  systemName: '行政电子监察 · 监察工作台',
  languageSwitch: '界面语言',
  labelSeparator: '：',
  loading: '正在载入…',
  signIn: '登录',
  signOut: '退出登录',
  signInPrompt: '请使用市统一身份认证平台的工作账号登录。',
  signInExpired: '登录已过期，请重新登录。',
  signInFailed: '登录未完成',
  backHome: '返回首页',
  pageNotFound: '页面不存在',
  pageNotFoundDetail: '该地址没有对应的页面。',
  notFoundTitle: '未找到',
  roles: {
    citySupervisor: '市级监察员',
    districtSupervisor: '区（县、市）监察员',
    departmentLiaison: '部门联络员',
    auditor: '审计员',
    securityAdministrator: '安全管理员',
    systemAdministrator: '系统管理员',
  },
  levels: { prompt: '提示', warning: '警戒', correction: '纠错' },
  statuses: {
    open: '待签收',
    acknowledged: '已签收',
    responded: '已反馈',
    disputed: '有异议',
    closed: '已办结',
    resolved: '已自行消除',
    withdrawn: '已撤回',
    held: '暂缓（数据未及时报送）',
  },
  recordKinds: {
    licensing: '行政许可',
    penalty: '行政处罚',
    publicResourceTrading: '公共资源交易',
    disclosure: '政务信息公开',
    onlineService: '网上行政服务',
    petition: '信访事项办理',
    investmentProject: '政府投资项目建设',
    informationSharing: '政务信息共享',
  },
  changes: {
    raised: '发出预警',
    escalated: '升级',
    deescalated: '降级',
    revised: '修订',
    resolved: '自行消除',
    withdrawn: '撤回',
    held: '暂缓',
    released: '恢复',
    reopened: '重新开启',
    acknowledged: '签收',
    responded: '答复',
    disputed: '申辩',
    disputeRejected: '裁定：申辩不成立',
    disputeUpheld: '裁定：申辩成立',
    closed: '关闭',
  },
  alert: {
    notFound: '预警不存在',
    notFoundDetail: '您的辖区内没有该预警。',
    readFailed: '预警读取失败，请稍后重试。',
    backToQueue: '返回预警队列',
    caseTimeline: '案件时间线',
    department: '部门',
    kind: '类别',
    caseId: '案件编号',
    official: '案件经办人',
    officialValue: (staffId, name) => (name === undefined ? `工号 ${staffId}` : `${name}（工号 ${staffId}）`),
    noOfficial: '部门未写明',
    rule: '规则',
    level: '级别',
    status: '状态',
    summary: '事由',
    legalBasis: '依据',
    deadline: '期限（北京时间）',
    noDeadline: '无',
    answerDue: '纠正或说明期限',
    raisedAt: '发出时间',
    version: '版本',
    history: '处置记录',
    actor: '经办人',
    system: '系统',
    note: '说明',
    at: '时间（北京时间）',
    workingDaysLeft: (days) => `剩余 ${days} 个工作日`,
    lastWorkingDay: '今天是最后一个工作日',
    overdueBy: (days) => `已逾期 ${days} 个工作日`,
    escalatedFrom: (finding) => `由${finding}升级`,
    actions: '处置',
    noActions: '该预警当前没有您可执行的处置。',
  },
  actions: {
    names: { acknowledge: '签收', respond: '答复', dispute: '申辩', ruleOnDispute: '裁定', close: '关闭' },
    done: { acknowledge: '已签收', respond: '已答复', dispute: '已提出申辩', ruleOnDispute: '已裁定', close: '已关闭' },
    submit: '提交',
    cancel: '取消',
    note: '说明',
    noteRequired: '请填写说明',
    acknowledgeNote: '备注（可选）',
    response: '答复方式',
    corrected: '已纠正',
    explained: '情况说明',
    evidence: '证明材料（每行一项：文件编号或链接）',
    evidenceHelp: '最多 20 项，每项不超过 200 字。',
    disputeReasons: '申辩理由',
    ruling: '裁定结果',
    upheld: '申辩成立（关闭预警）',
    rejected: '申辩不成立（预警继续有效）',
    closeNote: '关闭理由',
    conflict: '操作未成功：该预警已被他人处理或已更新。已重新读取最新状态，请核对后再操作。',
    invalid: '提交的内容有误，请按提示修改。',
    failed: (status, title) => `操作未成功（${status}）${title ? `：${title}` : ''}`,
  },
  timeline: {
    notFound: '案件不存在',
    notFoundDetail: '您的辖区内没有该案件。',
    stage: '当前环节',
    matter: '事项编码',
    nextCheck: '下次核查',
    none: '无',
    records: '报送记录',
    sequence: '序号',
    event: '事件',
    occurredAt: '发生时间（北京时间）',
    receivedAt: '接收时间（北京时间）',
    alerts: '预警',
    noAlerts: '该案件没有预警。',
    open: '查看',
  },
  print: '打印',
  printedAt: '打印时间',
  exports: {
    excel: '导出 Excel',
    csv: '导出 CSV',
    exported: (count) => `已导出 ${count} 条记录`,
    capped: (cap) => `符合条件的记录超过导出上限 ${cap} 条，文件只含按列表顺序的前 ${cap} 条。请缩小筛选范围后分批导出。`,
    failed: (reason) => `导出未成功：${reason ?? '请稍后重试'}`,
  },
  queue: {
    allDepartments: '全部部门',
    allLevels: '全部级别',
    allStatuses: '全部状态',
    allKinds: '全部类别',
    officialFilter: '经办人工号',
    refresh: '刷新',
    charts: '统计图',
    empty: '没有符合条件的预警',
    previous: '上一页',
    next: '下一页',
    page: (index) => `第 ${index} 页`,
    columns: {
      level: '级别',
      status: '状态',
      department: '部门',
      kind: '类别',
      caseId: '案件编号',
      official: '经办人工号',
      summary: '事由',
      deadline: '期限（北京时间）',
      raisedAt: '发出时间',
      actions: '操作',
      open: '查看',
    },
    readFailed: (title) => `预警读取失败：${title ?? '请稍后重试'}`,
    acknowledged: (caseId) => `已签收：${caseId}`,
    acknowledgeConflict: '签收未成功：该预警已被他人处理或已更新。列表已刷新，请核对后再操作。',
    acknowledgeFailed: (status) => `签收未成功（${status}）`,
  },
  officialStatistics: {
    open: '经办人统计',
    unitLabel: '统计周期',
    department: '部门',
    chooseDepartment: '选择部门',
    refresh: '刷新',
    heading: (department, period) => `${department} · ${period} · 按经办人`,
    months: (months) => `统计月份：${months.join('、')}`,
    note: '按预警发出时间统计期间内该部门的预警（已撤销的不计），按案件记录注明的经办人工号归集；不显示姓名。点击工号查看该经办人的全部预警（不限期间）。',
    columns: { staffId: '经办人工号', total: '合计' },
    viewAlerts: (staffId) => `查看经办人 ${staffId} 的预警`,
    unnamed: '未注明经办人',
    allSignals: '全部预警',
    noDepartment: '请选择一个部门，查看其经办人统计',
    empty: '该期间没有注明经办人的预警',
    incomplete: '该部门本期预警超过单次统计上限，以下只计最早发出的部分。',
    outOfScope: '该部门不在您的管辖范围内',
    readFailed: (title) => `经办人统计读取失败：${title ?? '请稍后重试'}`,
  },
};

const en: ConsoleStrings = {
  systemName: 'E-Supervision · Supervisor Console',
  languageSwitch: 'Language',
  labelSeparator: ': ',
  loading: 'Loading…',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signInPrompt: "Sign in with your work account on the city's identity platform.",
  signInExpired: 'Your session has expired; please sign in again.',
  signInFailed: 'Sign-in did not complete',
  backHome: 'Back to start',
  pageNotFound: 'Page not found',
  pageNotFoundDetail: 'There is no page at this address.',
  notFoundTitle: 'Not found',
  roles: {
    citySupervisor: 'City supervisor',
    districtSupervisor: 'District supervisor',
    departmentLiaison: 'Department liaison',
    auditor: 'Auditor',
    securityAdministrator: 'Security administrator',
    systemAdministrator: 'System administrator',
  },
  levels: { prompt: 'Prompt', warning: 'Warning', correction: 'Correction' },
  statuses: {
    open: 'Open',
    acknowledged: 'Acknowledged',
    responded: 'Responded',
    disputed: 'Disputed',
    closed: 'Closed',
    resolved: 'Resolved',
    withdrawn: 'Withdrawn',
    held: 'Held (data overdue)',
  },
  recordKinds: {
    licensing: 'Licensing',
    penalty: 'Penalty',
    publicResourceTrading: 'Public resource trading',
    disclosure: 'Information disclosure',
    onlineService: 'Online services',
    petition: 'Letters and visits',
    investmentProject: 'Government investment projects',
    informationSharing: 'Information sharing',
  },
  changes: {
    raised: 'Raised',
    escalated: 'Escalated',
    deescalated: 'De-escalated',
    revised: 'Revised',
    resolved: 'Resolved',
    withdrawn: 'Withdrawn',
    held: 'Held',
    released: 'Released',
    reopened: 'Reopened',
    acknowledged: 'Acknowledged',
    responded: 'Responded',
    disputed: 'Disputed',
    disputeRejected: 'Ruling: dispute rejected',
    disputeUpheld: 'Ruling: dispute upheld',
    closed: 'Closed',
  },
  alert: {
    notFound: 'Alert not found',
    notFoundDetail: 'No such alert in your jurisdiction.',
    readFailed: 'The alert could not be read; please try again.',
    backToQueue: 'Back to the alert queue',
    caseTimeline: 'Case timeline',
    department: 'Department',
    kind: 'Kind',
    caseId: 'Case',
    official: 'Responsible official',
    officialValue: (staffId, name) => (name === undefined ? `Staff id ${staffId}` : `${name} (staff id ${staffId})`),
    noOfficial: 'Not named by the department',
    rule: 'Rule',
    level: 'Level',
    status: 'Status',
    summary: 'Summary',
    legalBasis: 'Legal basis',
    deadline: 'Deadline (Beijing time)',
    noDeadline: 'None',
    answerDue: 'Correct or explain by',
    raisedAt: 'Raised',
    version: 'Version',
    history: 'History',
    actor: 'By',
    system: 'System',
    note: 'Note',
    at: 'Time (Beijing time)',
    workingDaysLeft: (days) => `${days} working day${days === 1 ? '' : 's'} left`,
    lastWorkingDay: 'Today is the last working day',
    overdueBy: (days) => `Overdue by ${days} working day${days === 1 ? '' : 's'}`,
    escalatedFrom: (finding) => `escalated from ${finding}`,
    actions: 'Actions',
    noActions: 'There is nothing for you to do on this alert now.',
  },
  actions: {
    names: { acknowledge: 'Acknowledge', respond: 'Respond', dispute: 'Dispute', ruleOnDispute: 'Rule', close: 'Close' },
    done: { acknowledge: 'Acknowledged', respond: 'Response sent', dispute: 'Dispute sent', ruleOnDispute: 'Ruling recorded', close: 'Closed' },
    submit: 'Submit',
    cancel: 'Cancel',
    note: 'Note',
    noteRequired: 'Please write a note',
    acknowledgeNote: 'Note (optional)',
    response: 'Response',
    corrected: 'Corrected',
    explained: 'Explained',
    evidence: 'Evidence (one per line: a document number or link)',
    evidenceHelp: 'At most 20 items of up to 200 characters each.',
    disputeReasons: 'Grounds of the dispute',
    ruling: 'Ruling',
    upheld: 'Dispute upheld (close the alert)',
    rejected: 'Dispute rejected (the alert stands)',
    closeNote: 'Reason for closing',
    conflict: 'Not done: someone else acted on this alert or it changed. Its current state has been read again; please check before acting.',
    invalid: 'Some of what you entered needs correcting; see the fields.',
    failed: (status, title) => `Not done (${status})${title ? `: ${title}` : ''}`,
  },
  timeline: {
    notFound: 'Case not found',
    notFoundDetail: 'No such case in your jurisdiction.',
    stage: 'Stage',
    matter: 'Matter code',
    nextCheck: 'Next check',
    none: 'None',
    records: 'Records',
    sequence: 'No.',
    event: 'Event',
    occurredAt: 'Occurred (Beijing time)',
    receivedAt: 'Received (Beijing time)',
    alerts: 'Alerts',
    noAlerts: 'This case has no alerts.',
    open: 'Open',
  },
  print: 'Print',
  printedAt: 'Printed',
  exports: {
    excel: 'Export Excel',
    csv: 'Export CSV',
    exported: (count) => `Exported ${count} record${count === 1 ? '' : 's'}`,
    capped: (cap) =>
      `More records match than the export limit of ${cap}; the file holds the first ${cap} in the list's order. Narrow the filters and export in parts.`,
    failed: (reason) => `Not exported: ${reason ?? 'please try again'}`,
  },
  queue: {
    allDepartments: 'All departments',
    allLevels: 'All levels',
    allStatuses: 'All statuses',
    allKinds: 'All kinds',
    officialFilter: "Official's staff id",
    refresh: 'Refresh',
    charts: 'Charts',
    empty: 'No alerts match',
    previous: 'Previous',
    next: 'Next',
    page: (index) => `Page ${index}`,
    columns: {
      level: 'Level',
      status: 'Status',
      department: 'Department',
      kind: 'Kind',
      caseId: 'Case',
      official: 'Official',
      summary: 'Summary',
      deadline: 'Deadline (Beijing time)',
      raisedAt: 'Raised',
      actions: 'Actions',
      open: 'Open',
    },
    readFailed: (title) => `The alerts could not be read: ${title ?? 'please try again'}`,
    acknowledged: (caseId) => `Acknowledged: ${caseId}`,
    acknowledgeConflict: 'Not acknowledged: someone else acted on this alert or it changed. The list has been refreshed; please check before acting.',
    acknowledgeFailed: (status) => `Not acknowledged (${status})`,
  },
  officialStatistics: {
    open: 'By official',
    unitLabel: 'Period type',
    department: 'Department',
    chooseDepartment: 'Choose a department',
    refresh: 'Refresh',
    heading: (department, period) => `${department} · ${period} · by official`,
    months: (months) => `Months: ${months.join(', ')}`,
    note: "The department's signals raised in the period (withdrawn ones left out), by the staff id of the official its case records name; names are not shown. A staff id opens that official's alerts (all periods).",
    columns: { staffId: "Official's staff id", total: 'Total' },
    viewAlerts: (staffId) => `Alerts of official ${staffId}`,
    unnamed: 'No official named',
    allSignals: 'All signals',
    noDepartment: 'Choose a department to see its signals per official',
    empty: 'No signal of the period names an official',
    incomplete: 'The department raised more signals in the period than one count reads: only the earliest are counted below.',
    outOfScope: 'This department is not in your scope',
    readFailed: (title) => `The figures per official could not be read: ${title ?? 'please try again'}`,
  },
};

export const consoleStrings: Readonly<Record<Language, ConsoleStrings>> = { zh, en };
