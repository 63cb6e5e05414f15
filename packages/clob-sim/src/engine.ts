/**
 * The matching engine, one module per concept; this module is the single entry
 * the routes, the seed, the heartbeat switch and the server import from:
 * - `ledger.ts`: accounts, credits, available balance, reservations;
 * - `price-rules.ts`: level price from signed amounts, tick and range rule, crossing;
 * - `placement.ts`: the insert rules and the `OrderResponse`;
 * - `matching.ts`: price-time matching at the maker's price;
 * - `lifecycle.ts`: resting, cancel, GTD expiry, seeded liquidity;
 * - `settlement.ts`: trade status MATCHED → MINED → CONFIRMED on the sim clock;
 * - `history.ts`: duplicate memory, retention, price history, notifications;
 * - `events.ts`: the observer the streams (`ws/`) listen through.
 * @module
 */
export { type EngineObserver, type OrderEventKind, observe, observerOf } from './events.js'
export {
  clearSeen,
  notificationsOf,
  notify,
  PRICE_HISTORY_POINTS,
} from './history.js'
export { fail, type InsertError, type InsertErrorCode } from './insert-errors.js'
export { account, available, credit, reserve } from './ledger.js'
export { cancel, seedOrder, sweepExpired } from './lifecycle.js'
export {
  type InsertOk,
  type InsertResult,
  type OrderResponse,
  type PlaceInput,
  place,
} from './placement.js'
export { type PriceInfo, priceOf } from './price-rules.js'
export { DEFAULT_TIMELINE, failNext, type SettlementTimeline, settle } from './settlement.js'
