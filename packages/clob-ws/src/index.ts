/**
 * `@clobkit/clob-ws`: live Polymarket CLOB market and user streams (PROTOCOL-WS.md), a
 * self-checking local order book per token, and an order tracker whose orders and fills
 * survive reconnects.
 * @module
 */
export { type Backoff, type BackoffOptions, backoffDelay, backoffPolicy, DEFAULT_BACKOFF } from './backoff.js'
export {
  type Book,
  type BookSide,
  type BookSnapshot,
  type BookView,
  createBook,
  type Level,
  normalizeDecimal,
  type StaleReason,
} from './book.js'
export { type Clock, systemClock } from './clock.js'
export type { ConnectionState, StateReason } from './connection.js'
export { QueueOverflowError, WsAuthError, WsError, WsErrorCode } from './errors.js'
export {
  type BookResyncedEvent,
  type BookStaleEvent,
  type ConnectMarketOptions,
  connectMarket,
  type ErrorEvent,
  type GapEvent,
  type HashUncheckableEvent,
  type MarketConnection,
  type MarketRest,
  type MarketStreamEvent,
  type MarketStreamEventType,
  type SnapshotEvent,
  type StateEvent,
} from './market.js'
export type { CommonOptions } from './options.js'
export {
  type DataEvent,
  type MalformedEvent,
  type MarketEventMap,
  type Parsed,
  parseMarketFrame,
  parseUserFrame,
  type UnknownEvent,
  type UserEventMap,
} from './parse.js'
export { DEFAULT_QUEUE_CAPACITY, type IteratorOptions } from './queue.js'
export {
  type FillLeg,
  type FillStatus,
  type OrderTracker,
  type ReconcileReport,
  type Settlement,
  type Source,
  type TrackedFill,
  type TrackedOrder,
  type TrackedOrderStatus,
  type TrackerEvent,
  type TrackerEventType,
  type TrackerRest,
  type TrackOrdersOptions,
  trackOrders,
} from './tracker.js'
export { channelUrl, type WebSocketConstructor, type WebSocketLike } from './transport.js'
export {
  type ConnectUserOptions,
  connectUser,
  type UserConnection,
  type UserStreamEvent,
  type UserStreamEventType,
} from './user.js'
