/**
 * The rules of information sharing between departments (政务信息共享, Measures Art. 17(4)) with the
 * text each rests on. Two national texts apply: 《政务数据共享条例》 (State Council Order No. 809,
 * in force 2025-08-01) and, before it, 《政务信息资源共享管理暂行办法》 (国发〔2016〕51号). Every
 * limit is in working days (工作日), counted on the State Council's holiday arrangement.
 *
 * Checked against public copies of the texts (2026-12):
 * - Order No. 809 and its date of force, and its Art. 4 (principles: 依法共享、合理使用、安全可控):
 *   verified.
 * - The 10 working days for answering a conditional-share (有条件共享) request, and the duty to give
 *   reasons for a refusal, are the 2016 measures' figures as commonly cited and as the provincial
 *   rules that implement them repeat (e.g. 10 工作日 and 不同意共享的应当说明理由): UNVERIFIED against
 *   the official text of the 2016 measures, and the article number (第十四条) is UNVERIFIED.
 * - Whether the 2025 regulation changed the 10 working days, and its article numbers for the
 *   request/answer procedure, are UNVERIFIED: its summaries say it "细化政务数据共享申请、答复的流程及时限要求"
 *   without the figure. The limit is catalogue configuration capped here; correct the cap and the
 *   articles below once the official text is checked.
 *
 * Sources searched for the official texts (2026-12-05), none of which holds either text:
 * - GitHub LawRefBook/Laws, newest snapshot at commit 2f4c5c23716267af9dbebbbbd6cbbf732b101981
 *   (2025-04-19): predates Order No. 809 (adopted 2025-05-09, promulgated 2025-05-28); it holds no
 *   file on 政务数据/政务信息资源共享 in 行政法规/, 部门规章/ or 其他/ (the 2016 measures are a 国发
 *   normative document, not an administrative regulation, and are not transcribed there).
 * - Public-code and web-page indexes: only the opening articles (Art. 1–5) of Order No. 809 and of
 *   the 2016 measures (Art. 1–4) were found, and the structure of Order No. 809 as announced
 *   (8 chapters, 44 articles; Chapter 4 共享使用 holds the request and answer procedure). A secondary
 *   English summary of Order No. 809 gives 1 working day (unconditional), 10 working days
 *   (conditional) and 20 working days (delivery after a grant): it agrees with the cap of 10 below
 *   but is not the official text, so the figure, the delivery limit and every article number stay
 *   UNVERIFIED. Official copies to check: gov.cn/zhengce/content/202506/content_7026294.htm (Order
 *   No. 809) and gov.cn/zhengce/content/2016-09/19/content_5109486.htm (国发〔2016〕51号).
 */
export const sharingRegulation = '《政务数据共享条例》';
export const sharingMeasures2016 = '《政务信息资源共享管理暂行办法》（国发〔2016〕51号）';

export const informationSharingLimits = {
  /**
   * 属于有条件共享类的，提供部门应在 10 个工作日内予以答复 (2016 measures; UNVERIFIED, see above).
   * The legal answer limit: a catalogue may promise a shorter one, never a longer one.
   */
  answer: { workingDays: 10, article: `${sharingMeasures2016}第十四条（条号待核 UNVERIFIED）；${sharingRegulation}` },
} as const;

/** The article each rule cites. */
export const informationSharingArticles = {
  /** The answer limit (see `informationSharingLimits.answer`). */
  answerTimeLimit: informationSharingLimits.answer.article,
  /** 对不予共享的，提供部门应说明理由 (2016 measures Art. 14, UNVERIFIED article number). */
  refusalReasons: `${sharingMeasures2016}第十四条（条号待核 UNVERIFIED）`,
  /**
   * An unconditional-share resource is obtained directly (无条件共享类 … 直接获取), and conditions may not
   * be added to hinder sharing (禁止擅自增设条件阻碍、影响政务数据共享): article numbers UNVERIFIED.
   */
  unconditionalRefused: `${sharingMeasures2016}第九条、第十四条（条号待核 UNVERIFIED）；${sharingRegulation}（条号待核 UNVERIFIED）`,
  /**
   * 同意共享的，及时提供: no figure in the 2016 measures as cited; the catalogue sets the delivery
   * limit. A secondary summary says Order No. 809 sets one (20 working days): UNVERIFIED, see above.
   */
  deliveryTimeLimit: `${sharingMeasures2016}第十四条（条号待核 UNVERIFIED）`,
  /** 合理使用 (2025 regulation Art. 4, verified); use only for the stated purpose (UNVERIFIED article). */
  useBeyondPurpose: `${sharingRegulation}第四条；${sharingMeasures2016}第十五条（条号待核 UNVERIFIED）`,
  /** The procedure: request → answer → delivery (Measures Art. 7(2): true, complete data). */
  stageOrder: '《宁波市行政电子监察管理办法》第七条第（二）项',
} as const;
