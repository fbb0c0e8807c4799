/**
 * @module The notification dispatcher's public surface: routes, the dispatcher, delivery with
 * retries, its records and the persistent state.
 */
export {
  DEFAULT_ROUTE_ID,
  matchRoutes,
  parseRoute,
  ROUTE_TIMING,
  routeMatches,
  routeSpecSchema,
} from './route.js';
export type { RoutableAlert, RouteSpec } from './route.js';
export { Dispatcher } from './dispatcher.js';
export type { Deliver, DispatcherOptions } from './dispatcher-options.js';
export { deliverWithRetry, RETRY_DEFAULTS } from './delivery.js';
export type { RetryOptions, SendAttempt } from './delivery.js';
export { DeliveryLog } from './delivery-log.js';
export type { DeliveryQuery } from './delivery-log.js';
export { dispatcherStateSchema, emptyDispatcherState, parseDispatcherState } from './state.js';
export type { DispatcherState } from './state.js';
export { ManualScheduler, systemScheduler } from './scheduler.js';
export type { Scheduler, TimerHandle } from './scheduler.js';
export type { ActiveAlert, ChannelSettings, DeliveryRecord, MuteReason } from './types.js';
