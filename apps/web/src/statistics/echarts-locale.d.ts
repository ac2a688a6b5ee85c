// ECharts ships its Vietnamese locale as an ES module without a declaration of its own.
declare module 'echarts/lib/i18n/langVI.js' {
  const locale: Parameters<typeof import('echarts/core').registerLocale>[1];
  export default locale;
}
