/**
 * The limits 《信访工作条例》 (中共中央、国务院, 2022) sets for the handling of letters and visits,
 * with the article each rests on. Every limit is in days (日): calendar days counted by the Civil
 * Code's rules (see `calendar/calendar-days.ts`), not working days.
 */
export const petitionRegulation = '《信访工作条例》';

export const petitionLimits = {
  /** 不能当场告知的，应当自收到信访事项之日起 15 日内书面告知信访人是否受理. */
  acceptanceNotice: { days: 15, article: `${petitionRegulation}第二十五条第二款` },
  /** 信访事项应当自受理之日起 60 日内办结. */
  handling: { days: 60, article: `${petitionRegulation}第三十四条` },
  /** 情况复杂的，经本机关、单位负责人批准，可以适当延长办理期限，但延长期限不得超过 30 日，并告知信访人延期理由. */
  extension: { days: 30, article: `${petitionRegulation}第三十四条` },
  /** 收到复查请求的机关、单位应当自收到复查请求之日起 30 日内提出复查意见. */
  review: { days: 30, article: `${petitionRegulation}第三十五条` },
  /** 信访人可以自收到书面答复之日起 30 日内请求复查. */
  reviewRequest: { days: 30, article: `${petitionRegulation}第三十五条` },
  /** 收到复核请求的机关、单位应当自收到复核请求之日起 30 日内提出复核意见. */
  reReview: { days: 30, article: `${petitionRegulation}第三十六条` },
} as const;
