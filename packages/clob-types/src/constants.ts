/**
 * Protocol constants as `as const` objects with matching string/number unions
 * (PROTOCOL.md §1.1, §2.1, §3.1, §5.1, §5.5, §5.7). No zod here: importing
 * `@clobkit/clob-types/constants` costs a few hundred bytes.
 * @module
 */

/** Order side as sent in JSON (§2.1). */
export const Side = { BUY: 'BUY', SELL: 'SELL' } as const
export type Side = (typeof Side)[keyof typeof Side]

/** Time in force (§2.1, §5.4). */
export const OrderType = { GTC: 'GTC', GTD: 'GTD', FOK: 'FOK', FAK: 'FAK' } as const
export type OrderType = (typeof OrderType)[keyof typeof OrderType]

/** Signature type, a JSON number 0..3 (§2.1). POLY_1271 exists only for order versions 2 and 3. */
export const SignatureType = { EOA: 0, POLY_PROXY: 1, POLY_GNOSIS_SAFE: 2, POLY_1271: 3 } as const
export type SignatureType = (typeof SignatureType)[keyof typeof SignatureType]
/** Name of each signature type, indexed by its number. */
export const SignatureTypeName = ['EOA', 'POLY_PROXY', 'POLY_GNOSIS_SAFE', 'POLY_1271'] as const
export type SignatureTypeName = (typeof SignatureTypeName)[number]

/** Tick sizes (TSv2 set, §3.1). `0.005` and `0.0025` are TSv2-only. */
export const TickSizes = ['0.1', '0.01', '0.005', '0.0025', '0.001', '0.0001'] as const
export type TickSize = (typeof TickSizes)[number]

/** Supported chains (§1.1). */
export const Chain = { POLYGON: 137, AMOY: 80002 } as const
export type Chain = (typeof Chain)[keyof typeof Chain]

/** `asset_type` of `/balance-allowance` (§5.3). */
export const AssetType = { COLLATERAL: 'COLLATERAL', CONDITIONAL: 'CONDITIONAL' } as const
export type AssetType = (typeof AssetType)[keyof typeof AssetType]

/** Insert status of `POST /order` (§5.5), lowercase on the wire. */
export const InsertStatus = {
  LIVE: 'live',
  MATCHED: 'matched',
  DELAYED: 'delayed',
  UNMATCHED: 'unmatched',
} as const
export type InsertStatus = (typeof InsertStatus)[keyof typeof InsertStatus]

/** Open-order status (§5.5). The server may send any case; schemas accept upper and lower case. */
export const OpenOrderStatus = {
  LIVE: 'LIVE',
  MATCHED: 'MATCHED',
  CANCELED: 'CANCELED',
  DELAYED: 'DELAYED',
  UNMATCHED: 'UNMATCHED',
} as const
export type OpenOrderStatus = (typeof OpenOrderStatus)[keyof typeof OpenOrderStatus]

/**
 * Trade status (§5.5). `FAILED` is terminal, as is a present `transaction_hash`.
 * `RETRYING` is not in PROTOCOL.md's list but is a status the RS client's enum
 * knows (a settlement transaction being retried); rejecting whole trade pages for it
 * would be worse than accepting it.
 */
export const TradeStatus = {
  MATCHED: 'MATCHED',
  MINED: 'MINED',
  CONFIRMED: 'CONFIRMED',
  RETRYING: 'RETRYING',
  FAILED: 'FAILED',
} as const
export type TradeStatus = (typeof TradeStatus)[keyof typeof TradeStatus]

/** Which side of a trade the user was on (§5.7). */
export const TraderSide = { TAKER: 'TAKER', MAKER: 'MAKER' } as const
export type TraderSide = (typeof TraderSide)[keyof typeof TraderSide]

/** `interval` of `/prices-history` (§5.1); `1m` is RS-only. */
export const PriceHistoryInterval = {
  MAX: 'max',
  ONE_WEEK: '1w',
  ONE_DAY: '1d',
  SIX_HOURS: '6h',
  ONE_HOUR: '1h',
  ONE_MINUTE: '1m',
} as const
export type PriceHistoryInterval = (typeof PriceHistoryInterval)[keyof typeof PriceHistoryInterval]

/** Notification `type` (§5.7). */
export const NotificationType = { ORDER_CANCELLATION: 1, ORDER_FILL: 2, MARKET_RESOLVED: 4 } as const
export type NotificationType = (typeof NotificationType)[keyof typeof NotificationType]

/** `type` of a user-channel `order` event (§7). */
export const OrderEventType = {
  PLACEMENT: 'PLACEMENT',
  UPDATE: 'UPDATE',
  CANCELLATION: 'CANCELLATION',
} as const
export type OrderEventType = (typeof OrderEventType)[keyof typeof OrderEventType]

/** RFQ match types (§5.8). */
export const RfqMatchType = { COMPLEMENTARY: 'COMPLEMENTARY', MINT: 'MINT', MERGE: 'MERGE' } as const
export type RfqMatchType = (typeof RfqMatchType)[keyof typeof RfqMatchType]

/** Maximum number of orders in one `POST /orders` (§5.3, DOCS). */
export const MAX_BATCH_ORDERS = 15
/** Collateral and conditional tokens both use 6 decimals (§0). */
export const TOKEN_DECIMALS = 6
/** Zero bytes32, the default `metadata` and `builder` (§2.4). */
export const ZERO_BYTES32 = '0x0000000000000000000000000000000000000000000000000000000000000000'
/** Substring of a POST /order `error` that signals the wrong exchange version (§2.9). */
export const ORDER_VERSION_MISMATCH = 'order_version_mismatch'
