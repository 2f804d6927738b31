/** The request figures dashboard (诉求统计): rates, trends, drill-down, hot topics and repeated complaints. */
export { RequestDashboard } from './request-dashboard.tsx';
export { presetPeriods, type Period } from './period.ts';
