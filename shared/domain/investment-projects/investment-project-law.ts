/**
 * What the law says about government investment projects (政府投资项目, Measures Art. 17(3)
 * 政府重大投资建设), with the article each rule rests on. The articles of 《政府投资条例》
 * (国务院令第712号, 2019) were checked against its published text; where a figure has no
 * statutory source the catalogue sets it and the rule says so.
 */
export const investmentRegulation = '《政府投资条例》';

/** 财政部《基本建设项目竣工财务决算管理暂行办法》(财建〔2016〕503号). */
export const finalAccountsMeasures = '《基本建设项目竣工财务决算管理暂行办法》（财建〔2016〕503号）';

/** 《必须招标的工程项目规定》(国家发展和改革委员会令第16号, 2018). */
export const mandatoryTenderingRules = '《必须招标的工程项目规定》（国家发展和改革委员会令第16号）';

export const investmentProjectLaw = {
  /**
   * 第九条第一款: 项目单位应当编制项目建议书、可行性研究报告、初步设计，按照政府投资管理权限和规定程序，
   * 报投资主管部门或者其他有关部门审批. The three approvals, in that order.
   */
  approvals: `${investmentRegulation}第九条第一款`,
  /**
   * 第十二条第二款: 初步设计提出的投资概算超过经批准的可行性研究报告提出的投资估算10%的，项目单位应当向投资
   * 主管部门或者其他有关部门报告，投资主管部门或者其他有关部门可以要求项目单位重新报送可行性研究报告.
   * The ratio is 10 %: strictly more than 110 % of the feasibility estimate.
   */
  designOverFeasibility: { percent: 10, article: `${investmentRegulation}第十二条第二款` },
  /** 第二十条: 不符合规定的建设条件的，不得开工建设 (an approved preliminary design and estimate among them). */
  constructionStart: `${investmentRegulation}第二十条`,
  /** 第二十一条: 拟变更建设地点或者拟对建设规模、建设内容等作较大变更的，应当按照规定的程序报原审批部门审批. */
  change: `${investmentRegulation}第二十一条`,
  /**
   * 第二十三条: 建设投资原则上不得超过经核定的投资概算；确需增加投资概算的，项目单位应当提出调整方案及资金
   * 来源，按照规定的程序报原初步设计审批部门或者投资概算核定部门核定. No tolerance above the estimate.
   */
  estimate: `${investmentRegulation}第二十三条`,
  /** 第二十五条: 建成后应当按照国家有关规定进行竣工验收，并在竣工验收合格后及时办理竣工财务决算. No number of days. */
  completion: `${investmentRegulation}第二十五条`,
  /**
   * 财建〔2016〕503号第二条: 完工可投入使用或者试运行合格后，应当在 3 个月内编报竣工财务决算；特殊情况确需
   * 延长的，中小型项目不得超过 2 个月，大型项目不得超过 6 个月.
   */
  finalAccounts: { months: 3, maxExtensionMonths: 6, article: `${finalAccountsMeasures}第二条` },
  /**
   * 16号令第五条: 施工单项合同估算价在 400 万元人民币以上; 重要设备、材料等货物的采购，单项合同估算价在 200 万元
   * 人民币以上; 勘察、设计、监理等服务的采购，单项合同估算价在 100 万元人民币以上的，必须招标. The figures were
   * checked; the article number is the one the public-resource-trading family cites.
   */
  tendering: {
    constructionThresholdFen: 400_000_000,
    goodsThresholdFen: 200_000_000,
    servicesThresholdFen: 100_000_000,
    article: `${mandatoryTenderingRules}第五条`,
  },
} as const;
