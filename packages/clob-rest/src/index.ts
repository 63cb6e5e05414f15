/**
 * @clobkit/clob-rest — the Polymarket CLOB REST client (PROTOCOL.md §5, §6):
 * resource modules over one small transport, a thin `createClient` that binds
 * them, typed errors that are always thrown, and order POSTs that are never
 * retried (an unknown outcome is an `OrderOutcomeUnknownError` to `reconcile`).
 * @module
 */

export * as Account from './account.js'
export * as Books from './books.js'
export * as Builder from './builder.js'
export * as Cancels from './cancels.js'
export { type Client, type ClientOptions, createClient } from './client.js'
export * as Conformance from './conformance.js'
export type { ClientContext } from './context.js'
export { createDefaultTransport } from './default-transport.js'
export {
  AbortedError,
  AuthenticationError,
  type AuthFailureCause,
  ErrorCode,
  GeoblockError,
  HttpError,
  type InsertErrorCode,
  InsertErrorCodes,
  insertErrorCode,
  NetworkError,
  OrderOutcomeUnknownError,
  OrderRejectedError,
  RateLimitError,
  ResponseValidationError,
  TimeoutError,
} from './errors.js'
export * as Heartbeats from './heartbeats.js'
export * as Keys from './keys.js'
export * as MarketInfo from './market-info.js'
export * as Markets from './markets.js'
export type {
  AmountsOrderParams,
  BatchEntry,
  BatchItem,
  CommonOrderParams,
  CreatedOrder,
  CreateOptions,
  LimitOrderParams,
  MarketOrderParams,
  OpenOrderParams,
  Postable,
  PostedOrder,
  PostOptions,
} from './orders.js'
export * as Orders from './orders.js'
export {
  END_CURSOR,
  INITIAL_CURSOR,
  type Page,
  type Pager,
  type PagerOptions,
  paginate,
} from './pagination.js'
export {
  type ReconcileEntry,
  type ReconcileOptions,
  type ReconcileStatus,
  type ReconcileTarget,
  reconcile,
} from './reconcile.js'
export * as Rewards from './rewards.js'
export * as Server from './server.js'
export * as Trades from './trades.js'
export {
  type AuthKind,
  type CallOptions,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUTS,
  type DefaultTransportOptions,
  type HttpMethod,
  type Query,
  RETRY_STATUSES,
  type RequestSpec,
  type RetryOptions,
  request,
  type Schema,
  type Timeouts,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from './transport.js'
export { createDefaultTransport as createFetchTransport } from './transport-fetch.js'
