/**
 * The built-in record families' Chinese names, as people read them in texts the system sends
 * (a DingTalk group's or an SMS's signal text). The console shows the same names
 * (`console/src/alerts/alert-labels.ts`; a test keeps the two equal). A kind defined by
 * configuration is named by its id.
 */
export const recordKindNamesZh: Readonly<Record<string, string>> = {
  licensing: '行政许可',
  penalty: '行政处罚',
  publicResourceTrading: '公共资源交易',
  disclosure: '政务信息公开',
  onlineService: '网上行政服务',
  petition: '信访事项办理',
  investmentProject: '政府投资项目建设',
  informationSharing: '政务信息共享',
};

export const recordKindNameZh = (kind: string): string => (Object.hasOwn(recordKindNamesZh, kind) ? recordKindNamesZh[kind]! : kind);
