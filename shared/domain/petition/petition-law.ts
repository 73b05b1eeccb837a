/**
 * The limits 《信访工作条例》 (中共中央、国务院, 2022, in force 1 May 2022) sets for the handling of
 * letters and visits, with the article and paragraph each rests on. Every limit is in days (日):
 * calendar days counted by the Civil Code's rules (see `calendar/calendar-days.ts`), not working days.
 *
 * Article numbers checked against the full text of the regulation (50 articles, six chapters) as
 * transcribed at
 * https://github.com/passwordgloo/Comet-law/blob/b2503de85c73090a0a79dae6ec24281aa42b6949/docs/council/2.8.md
 * (a public transcription, not the official gazette). Numbers quoted elsewhere as 第三十三条 (60 日)
 * or 第二十一条/第二十二条 (15 日) come from the former 《信访条例》 (国务院, 2005), which the 2022
 * regulation replaced; in the 2022 text 第三十三条 is on mediation and 第二十二条 on the petition
 * offices' own 15-day handling of what they receive.
 */
export const petitionRegulation = '《信访工作条例》';

export const petitionLimits = {
  /**
   * 第二十三条第二款: 对信访人直接提出的信访事项，能够当场告知的，应当当场书面告知；不能当场告知的，
   * 应当自收到信访事项之日起 15 日内书面告知信访人. (第三款 sets the same 15 日, from receipt, for a
   * matter transferred or assigned by a petition office or a higher body.)
   */
  acceptanceNotice: { days: 15, article: `${petitionRegulation}第二十三条第二款` },
  /** 第三十四条: 对第三十一条第六项规定的信访事项应当自受理之日起 60 日内办结. */
  handling: { days: 60, article: `${petitionRegulation}第三十四条` },
  /** 第三十四条: 情况复杂的，经本机关、单位负责人批准，可以适当延长办理期限，但延长期限不得超过 30 日，并告知信访人延期理由. */
  extension: { days: 30, article: `${petitionRegulation}第三十四条` },
  /** 第三十五条: 收到复查请求的机关、单位应当自收到复查请求之日起 30 日内提出复查意见，并予以书面答复. */
  review: { days: 30, article: `${petitionRegulation}第三十五条` },
  /** 第三十五条: 信访人对信访处理意见不服的，可以自收到书面答复之日起 30 日内请求复查. */
  reviewRequest: { days: 30, article: `${petitionRegulation}第三十五条` },
  /**
   * 第三十六条第一款: 收到复核请求的机关、单位应当自收到复核请求之日起 30 日内提出复核意见. (The
   * petitioner asks within 30 日 of the written review opinion, same paragraph.)
   */
  reReview: { days: 30, article: `${petitionRegulation}第三十六条第一款` },
  /**
   * 第三十六条第二款: 复核机关、单位可以按照本条例第三十一条第六项的规定举行听证，经过听证的复核意见可以依法
   * 向社会公示。听证所需时间不计算在前款规定的期限内. The hearing's days move the re-review limit out.
   */
  reReviewHearing: { article: `${petitionRegulation}第三十六条第二款` },
} as const;
