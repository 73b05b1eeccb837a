/** ExcelJS's browser build without polyfills (a UMD bundle): the same API as the package's own types. */
declare module 'exceljs/dist/exceljs.bare.min.js' {
  const ExcelJS: typeof import('exceljs');
  export default ExcelJS;
}
