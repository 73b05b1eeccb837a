/** How alerts read in the console: levels as coloured tags, statuses and record kinds in Chinese. */

export type AlertLevel = 'prompt' | 'warning' | 'correction';
export type AlertStatus = 'open' | 'acknowledged' | 'responded' | 'disputed' | 'closed' | 'resolved' | 'withdrawn' | 'held';

/** Art. 18's three signals; the tag colours are Ant Design's status colours. */
export const alertLevels: Record<AlertLevel, { readonly name: string; readonly color: 'processing' | 'warning' | 'error' }> = {
  prompt: { name: '提示', color: 'processing' },
  warning: { name: '警戒', color: 'warning' },
  correction: { name: '纠错', color: 'error' },
};

export const alertStatuses: Record<AlertStatus, string> = {
  open: '待签收',
  acknowledged: '已签收',
  responded: '已反馈',
  disputed: '有异议',
  closed: '已办结',
  resolved: '已自行消除',
  withdrawn: '已撤回',
  held: '暂缓（数据未及时报送）',
};

/** The built-in record families (a kind defined by configuration shows by its name). */
export const recordKinds: Record<string, string> = {
  licensing: '行政许可',
  penalty: '行政处罚',
  publicResourceTrading: '公共资源交易',
  disclosure: '政务信息公开',
  onlineService: '网上行政服务',
  petition: '信访事项办理',
  investmentProject: '政府投资项目建设',
  informationSharing: '政务信息共享',
};

export const recordKindName = (kind: string): string => recordKinds[kind] ?? kind;
