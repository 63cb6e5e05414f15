/**
 * @clobkit/heartbeat — a drift-free heartbeat keeper that keeps a key's resting
 * orders alive on the Polymarket CLOB and says so loudly when it cannot (PROTOCOL.md §5.6).
 * @module
 */
export { type HeartbeatClient, heartbeatPoster } from './client.js'
export { type Clock, systemClock } from './clock.js'
export { HeartbeatError, HeartbeatErrorCode } from './errors.js'
export {
  type AtRiskEvent,
  type BeatEvent,
  type ErrorEvent,
  type HeartbeatEvent,
  type HeartbeatEventMap,
  type HeartbeatEventType,
  heartbeatEventTypes,
  type LapsedEvent,
  type RecoveredEvent,
  type StallEvent,
  type StoppedEvent,
} from './events.js'
export { type ErrorInfo, failureStatus, findHeartbeatId, isTransient, toErrorInfo } from './failure.js'
export { type HeartbeatKeeper, startHeartbeat } from './keeper.js'
export type { HeartbeatState } from './machine.js'
export * as HeartbeatMachine from './machine.js'
export type { StartOptions } from './options.js'
export type { HeartbeatResponse, PostHeartbeat } from './post.js'
