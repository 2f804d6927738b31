/**
 * Requests (诉求/求助): intake from every channel, the lifecycle as a table, dispatch, working-day
 * time limits, escalation, rating, the figures' rollup and the messages to residents.
 */
export { createRequestsService, type RequestChange, type RequestsService, type Submitter } from './requests.service.ts';
export { requestsHandlers } from './requests.routes.ts';
export { createResidentChannel, type ResidentChannel } from './resident-channel.service.ts';
export { residentChannelHandlers } from './resident-channel.routes.ts';
export { requestsPolicy } from './requests.policy.ts';
export { followSubtreeMove as followRequestsSubtreeMove, rebuildRollup } from './requests.repository.ts';
export { workflow, type Party } from './request-workflow.ts';
export { amberAt, areaPathOf, deadlines, dueStateOf, requestCode, type WorkClock } from './request.ts';
export { createRequestMetrics, type RequestMetrics } from './requests.metrics.ts';
export { requestMetricsHandlers } from './requests.metrics.routes.ts';
export { figuresOf } from './requests.metrics.ts';
export {
  chinaDaySql,
  countedRequestSql,
  rawCounterSql,
  rawFigures,
  rollupFigures,
  type CountsRow,
} from './requests.metrics.repository.ts';
export { contributionKeys } from './request.ts';
export {
  createRequestsBroadcaster,
  mountRequestEvents,
  requestEventsRoute,
  type RequestCounts,
} from './requests.events.ts';
export { createWorkCalendarService, type WorkCalendarService } from './work-calendar.service.ts';
export { workCalendarHandlers } from './work-calendar.routes.ts';
