/** The State Council arrangements as the `chinese-days` package ships them (the table the API's calendar reads). */
declare module 'chinese-days/dist/chinese-days.json' {
  /** `YYYY-MM-DD` → `"English name,中文名,days"`. */
  const table: { readonly holidays: Readonly<Record<string, string>>; readonly workdays: Readonly<Record<string, string>> };
  export default table;
}
