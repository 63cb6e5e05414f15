/**
 * WebSocket channels `/ws/market` and `/ws/user` (PROTOCOL-WS.md §1–§3): the
 * subscribe and update messages the official clients send, and every event the
 * server pushes. A frame is one event object or an array of them (arrays may mix
 * event types); every event carries `event_type`. The text frames `PING`/`PONG`
 * are not JSON.
 *
 * Event schemas are loose (new fields survive), but an unknown `event_type` fails
 * validation: filter with {@link MARKET_EVENT_TYPES} / {@link USER_EVENT_TYPES} first
 * if you want to skip events this version does not know.
 *
 * Wire facts the schemas encode: every number is a string (prices may lack the
 * leading zero, `".48"`); absent optional decimals may be `""`; market-channel
 * timestamps are epoch ms, user-channel `match_time`/`last_update`/`created_at`
 * epoch seconds; a trade's match time is `match_time` or `matchtime`.
 * @module
 */
import * as z from 'zod/mini'
import {
  anyCaseOf,
  Bytes32OrEmptySchema,
  Bytes32Schema,
  DecimalStringSchema,
  NonEmptyStringSchema,
  OrderTypeSchema,
  oneOf,
  SideSchema,
  StringOrNumberSchema,
  TraderSideSchema,
  Uint256StringSchema,
} from './common.js'
import { OpenOrderStatus, OrderEventType, TradeStatus } from './constants.js'

/** Keep-alive text frame sent by the client; the server answers {@link WS_PONG}. */
export const WS_PING = 'PING'
export const WS_PONG = 'PONG'

/** Path of the market channel, appended to the WebSocket base URL. */
export const WS_MARKET_PATH = '/ws/market'
/** Path of the user channel, appended to the WebSocket base URL. */
export const WS_USER_PATH = '/ws/user'

/** `event_type`s of the market channel (the last three need `custom_feature_enabled`). */
export const MARKET_EVENT_TYPES = [
  'book',
  'price_change',
  'tick_size_change',
  'last_trade_price',
  'best_bid_ask',
  'new_market',
  'market_resolved',
] as const
/** The market-channel `event_type`s sent only with `custom_feature_enabled: true`. */
export const CUSTOM_MARKET_EVENT_TYPES = ['best_bid_ask', 'new_market', 'market_resolved'] as const
/** `event_type`s of the user channel. */
export const USER_EVENT_TYPES = ['trade', 'order'] as const

/** A WebSocket decimal: `"0.48"`, `".48"` or `"30"` (the docs' examples drop the leading zero). */
export const WsDecimalSchema = /* @__PURE__ */ z.stringFormat('ws_decimal', /^-?(?:\d+(?:\.\d+)?|\.\d+)$/)
/** {@link WsDecimalSchema} or `""`, the server's "no value" (an empty side's best price, an unset fee). */
export const WsDecimalOrEmptySchema = /* @__PURE__ */ z.stringFormat(
  'ws_decimal_or_empty',
  /^(?:-?(?:\d+(?:\.\d+)?|\.\d+))?$/,
)

const TimestampSchema = StringOrNumberSchema
const OptionalString = /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string())

/** One price level `{price, size}` of a `book` event. */
export const WsLevelSchema = /* @__PURE__ */ z.looseObject({ price: WsDecimalSchema, size: WsDecimalSchema })
export type WsLevel = z.infer<typeof WsLevelSchema>

/** `operation` of a subscribe or update message; absent means `"subscribe"`. */
export const WsOperationSchema = /* @__PURE__ */ oneOf(['subscribe', 'unsubscribe'])
const OperationSchema = /* @__PURE__ */ z.optional(WsOperationSchema)

/**
 * User-channel credentials, camelCase inside snake_case messages. The raw API secret
 * and passphrase travel here (no HMAC, no timestamp): never log this object.
 */
export const WsAuthSchema = /* @__PURE__ */ z.looseObject({
  apiKey: NonEmptyStringSchema,
  secret: NonEmptyStringSchema,
  passphrase: NonEmptyStringSchema,
})
export type WsAuth = z.infer<typeof WsAuthSchema>

/**
 * Market channel first message (also an RS update, which repeats `type`):
 * `{type: "market", assets_ids, markets?, initial_dump?, operation?, custom_feature_enabled?}`.
 * `type` may be upper case (the legacy docs' spelling); `auth` may be present and is ignored.
 */
export const MarketSubscribeSchema = /* @__PURE__ */ z.looseObject({
  type: /* @__PURE__ */ z.literal(['market', 'MARKET']),
  assets_ids: /* @__PURE__ */ z.array(Uint256StringSchema),
  markets: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.array(/* @__PURE__ */ z.string())),
  initial_dump: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  operation: OperationSchema,
  custom_feature_enabled: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  auth: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.unknown()),
})
export type MarketSubscribe = z.infer<typeof MarketSubscribeSchema>

/**
 * User channel first message: `{auth, type: "user", markets?}` (docs) or RS's
 * `{type, operation, markets, assets_ids: [], initial_dump, auth}`. `markets` are
 * condition ids; absent or empty means all of the key's markets.
 */
export const UserSubscribeSchema = /* @__PURE__ */ z.looseObject({
  auth: WsAuthSchema,
  type: /* @__PURE__ */ z.literal(['user', 'USER']),
  markets: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.array(Bytes32Schema)),
  assets_ids: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.array(/* @__PURE__ */ z.string())),
  initial_dump: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  operation: OperationSchema,
})
export type UserSubscribe = z.infer<typeof UserSubscribeSchema>

/** Either first message, told apart by `type`. */
export const SubscribeMessageSchema = /* @__PURE__ */ z.union([MarketSubscribeSchema, UserSubscribeSchema])
export type SubscribeMessage = z.infer<typeof SubscribeMessageSchema>

/**
 * A dynamic update on an open socket (legacy docs "Subscribe to more assets"):
 * `{operation, assets_ids? | markets?, custom_feature_enabled?}` with `type` optional.
 * `{"assets_ids":["…"],"operation":"unsubscribe"}` and `{"operation":"subscribe","markets":["0x…"]}`
 * are both updates. RS user-channel updates carry `auth` again.
 */
export const SubscriptionUpdateSchema = /* @__PURE__ */ z.looseObject({
  operation: WsOperationSchema,
  type: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.literal(['market', 'MARKET', 'user', 'USER'])),
  assets_ids: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.array(Uint256StringSchema)),
  markets: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.array(/* @__PURE__ */ z.string())),
  initial_dump: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  custom_feature_enabled: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  auth: /* @__PURE__ */ z.optional(WsAuthSchema),
})
export type SubscriptionUpdate = z.infer<typeof SubscriptionUpdateSchema>

/** Any JSON text a client sends on the market socket: a first message or an update. */
export const MarketRequestSchema = /* @__PURE__ */ z.union([MarketSubscribeSchema, SubscriptionUpdateSchema])
export type MarketRequest = z.infer<typeof MarketRequestSchema>

/** Any JSON text a client sends on the user socket: a first message or an update. */
export const UserRequestSchema = /* @__PURE__ */ z.union([UserSubscribeSchema, SubscriptionUpdateSchema])
export type UserRequest = z.infer<typeof UserRequestSchema>

/** `book`: a full snapshot of one token's book. Levels in any order: sort by price. */
export const BookEventSchema = /* @__PURE__ */ z.looseObject({
  event_type: /* @__PURE__ */ z.literal('book'),
  asset_id: Uint256StringSchema,
  market: Bytes32Schema,
  timestamp: TimestampSchema,
  bids: /* @__PURE__ */ z.array(WsLevelSchema),
  asks: /* @__PURE__ */ z.array(WsLevelSchema),
  hash: OptionalString,
  min_order_size: /* @__PURE__ */ z.optional(WsDecimalOrEmptySchema),
  tick_size: /* @__PURE__ */ z.optional(WsDecimalOrEmptySchema),
  neg_risk: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  last_trade_price: /* @__PURE__ */ z.optional(WsDecimalOrEmptySchema),
})
export type BookEvent = z.infer<typeof BookEventSchema>

/**
 * One level change inside a `price_change` event. `size` is the level's new total
 * (not a delta); `"0"` removes the level. `hash`, `best_bid`, `best_ask` describe the
 * asset's book after the change (`""` when that side is empty).
 */
export const PriceChangeSchema = /* @__PURE__ */ z.looseObject({
  asset_id: Uint256StringSchema,
  price: WsDecimalSchema,
  size: /* @__PURE__ */ z.optional(WsDecimalSchema),
  side: SideSchema,
  hash: OptionalString,
  best_bid: /* @__PURE__ */ z.optional(WsDecimalOrEmptySchema),
  best_ask: /* @__PURE__ */ z.optional(WsDecimalOrEmptySchema),
})
export type PriceChange = z.infer<typeof PriceChangeSchema>

/** `price_change` (schema live since 2025-09-15): level changes, possibly for several assets of one market. */
export const PriceChangeEventSchema = /* @__PURE__ */ z.looseObject({
  event_type: /* @__PURE__ */ z.literal('price_change'),
  market: Bytes32Schema,
  timestamp: TimestampSchema,
  price_changes: /* @__PURE__ */ z.array(PriceChangeSchema),
})
export type PriceChangeEvent = z.infer<typeof PriceChangeEventSchema>

/**
 * The pre-2025-09-15 `price_change`: one asset, `changes[]`, one top-level hash. Not in
 * {@link MarketEventSchema}; a client that meets `changes` may parse it with this and
 * normalize it.
 */
export const LegacyPriceChangeEventSchema = /* @__PURE__ */ z.looseObject({
  event_type: /* @__PURE__ */ z.literal('price_change'),
  asset_id: Uint256StringSchema,
  market: Bytes32Schema,
  timestamp: TimestampSchema,
  hash: OptionalString,
  changes: /* @__PURE__ */ z.array(
    /* @__PURE__ */ z.looseObject({ price: WsDecimalSchema, side: SideSchema, size: WsDecimalSchema }),
  ),
})
export type LegacyPriceChangeEvent = z.infer<typeof LegacyPriceChangeEventSchema>

/** `tick_size_change`: the token's tick changed (levels are not re-bucketed). */
export const TickSizeChangeEventSchema = /* @__PURE__ */ z.looseObject({
  event_type: /* @__PURE__ */ z.literal('tick_size_change'),
  asset_id: Uint256StringSchema,
  market: Bytes32Schema,
  old_tick_size: /* @__PURE__ */ z.optional(DecimalStringSchema),
  new_tick_size: DecimalStringSchema,
  timestamp: TimestampSchema,
})
export type TickSizeChangeEvent = z.infer<typeof TickSizeChangeEventSchema>

/** `last_trade_price`: a trade executed (`side` is the taker's). */
export const LastTradePriceEventSchema = /* @__PURE__ */ z.looseObject({
  event_type: /* @__PURE__ */ z.literal('last_trade_price'),
  asset_id: Uint256StringSchema,
  market: Bytes32Schema,
  price: WsDecimalSchema,
  side: /* @__PURE__ */ z.optional(SideSchema),
  size: /* @__PURE__ */ z.optional(WsDecimalSchema),
  fee_rate_bps: /* @__PURE__ */ z.optional(WsDecimalOrEmptySchema),
  timestamp: TimestampSchema,
  transaction_hash: /* @__PURE__ */ z.optional(Bytes32OrEmptySchema),
})
export type LastTradePriceEvent = z.infer<typeof LastTradePriceEventSchema>

/** `best_bid_ask` (custom feature): the top of book moved. */
export const BestBidAskEventSchema = /* @__PURE__ */ z.looseObject({
  event_type: /* @__PURE__ */ z.literal('best_bid_ask'),
  market: Bytes32Schema,
  asset_id: Uint256StringSchema,
  best_bid: WsDecimalOrEmptySchema,
  best_ask: WsDecimalOrEmptySchema,
  spread: WsDecimalOrEmptySchema,
  timestamp: TimestampSchema,
})
export type BestBidAskEvent = z.infer<typeof BestBidAskEventSchema>

/** The fields of `new_market` (a function, so a bundle that never uses these events drops them). */
function newMarketShape() {
  return {
    id: StringOrNumberSchema,
    question: z.string(),
    market: Bytes32Schema,
    slug: z.string(),
    description: z.string(),
    assets_ids: z.array(Uint256StringSchema),
    outcomes: z.array(z.string()),
    event_message: z.optional(
      z.looseObject({
        id: z.optional(StringOrNumberSchema),
        ticker: OptionalString,
        slug: OptionalString,
        title: OptionalString,
        description: OptionalString,
      }),
    ),
    timestamp: TimestampSchema,
    tags: z.optional(z.array(z.string())),
    condition_id: z.optional(Bytes32Schema),
    active: z.optional(z.boolean()),
    clob_token_ids: z.optional(z.array(Uint256StringSchema)),
    order_price_min_tick_size: z.optional(WsDecimalOrEmptySchema),
  }
}

function newMarketEventShape() {
  return { event_type: z.literal('new_market'), ...newMarketShape() }
}

function marketResolvedShape() {
  return {
    event_type: z.literal('market_resolved'),
    ...newMarketShape(),
    question: OptionalString,
    slug: OptionalString,
    description: OptionalString,
    assets_ids: z.optional(z.array(Uint256StringSchema)),
    outcomes: z.optional(z.array(z.string())),
    timestamp: z.optional(TimestampSchema),
    winning_asset_id: Uint256StringSchema,
    winning_outcome: z.string(),
  }
}

/** `new_market` (custom feature): a market was listed. Global: it arrives for markets not subscribed to. */
export const NewMarketEventSchema = /* @__PURE__ */ z.looseObject(/* @__PURE__ */ newMarketEventShape())
export type NewMarketEvent = z.infer<typeof NewMarketEventSchema>

/**
 * `market_resolved` (custom feature): the `new_market` fields plus the winner. Only
 * `id`, `market` and the winner are required (TSSDK makes the rest optional).
 */
export const MarketResolvedEventSchema = /* @__PURE__ */ z.looseObject(/* @__PURE__ */ marketResolvedShape())
export type MarketResolvedEvent = z.infer<typeof MarketResolvedEventSchema>

/** The four events every market subscription gets. */
export const StandardMarketEventSchema = /* @__PURE__ */ z.union([
  BookEventSchema,
  PriceChangeEventSchema,
  TickSizeChangeEventSchema,
  LastTradePriceEventSchema,
])
export type StandardMarketEvent = z.infer<typeof StandardMarketEventSchema>

/** The three events sent only with `custom_feature_enabled: true`. */
export const CustomMarketEventSchema = /* @__PURE__ */ z.union([
  BestBidAskEventSchema,
  NewMarketEventSchema,
  MarketResolvedEventSchema,
])
export type CustomMarketEvent = z.infer<typeof CustomMarketEventSchema>

/** Any market-channel event, discriminated by `event_type`. */
export const MarketEventSchema = /* @__PURE__ */ z.union([
  BookEventSchema,
  PriceChangeEventSchema,
  TickSizeChangeEventSchema,
  LastTradePriceEventSchema,
  BestBidAskEventSchema,
  NewMarketEventSchema,
  MarketResolvedEventSchema,
])
export type MarketEvent = z.infer<typeof MarketEventSchema>

/** A market-channel frame: one event or an array of events. */
export const MarketChannelMessageSchema = /* @__PURE__ */ z.union([
  MarketEventSchema,
  /* @__PURE__ */ z.array(MarketEventSchema),
])
export type MarketChannelMessage = z.infer<typeof MarketChannelMessageSchema>

/**
 * A user-channel trade status: the REST statuses in any case, `MATCHED_NOT_BROADCASTED`,
 * and the same with a `TRADE_STATUS_` prefix (TSSDK's normalized spelling).
 */
export const WsTradeStatusSchema = /* @__PURE__ */ z.custom<WsTradeStatus>((value) => {
  if (typeof value !== 'string') return false
  const bare = value.toUpperCase().replace(/^TRADE_STATUS_/, '')
  return bare === 'MATCHED_NOT_BROADCASTED' || (TRADE_STATUSES as readonly string[]).includes(bare)
}, 'expected a trade status')
type WsTradeStatusName = TradeStatus | 'MATCHED_NOT_BROADCASTED'
export type WsTradeStatus =
  | WsTradeStatusName
  | Lowercase<WsTradeStatusName>
  | `TRADE_STATUS_${WsTradeStatusName}`
const TRADE_STATUSES = /* @__PURE__ */ Object.values(TradeStatus)

/** A maker side inside a user-channel `trade` event. */
export const WsMakerOrderSchema = /* @__PURE__ */ z.looseObject({
  asset_id: Uint256StringSchema,
  matched_amount: WsDecimalSchema,
  order_id: Bytes32Schema,
  outcome: /* @__PURE__ */ z.string(),
  owner: /* @__PURE__ */ z.string(),
  price: WsDecimalSchema,
  maker_address: OptionalString,
  fee_rate_bps: /* @__PURE__ */ z.optional(WsDecimalOrEmptySchema),
  outcome_index: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.number()),
  side: /* @__PURE__ */ z.optional(SideSchema),
})
export type WsMakerOrder = z.infer<typeof WsMakerOrderSchema>

/**
 * User channel `trade`: a fill involving one of the key's orders, sent again on each
 * status change (MATCHED → MINED → CONFIRMED, or RETRYING → FAILED) with the same `id`.
 * The match time (epoch seconds) is `match_time` or `matchtime` depending on the server
 * version: read `match_time ?? matchtime`.
 */
export const TradeEventSchema = /* @__PURE__ */ z.looseObject({
  event_type: /* @__PURE__ */ z.literal('trade'),
  id: NonEmptyStringSchema,
  market: Bytes32Schema,
  asset_id: Uint256StringSchema,
  side: SideSchema,
  size: WsDecimalSchema,
  price: WsDecimalSchema,
  status: WsTradeStatusSchema,
  type: /* @__PURE__ */ z.string(),
  last_update: TimestampSchema,
  match_time: /* @__PURE__ */ z.optional(TimestampSchema),
  matchtime: /* @__PURE__ */ z.optional(TimestampSchema),
  timestamp: TimestampSchema,
  outcome: /* @__PURE__ */ z.string(),
  owner: /* @__PURE__ */ z.string(),
  trade_owner: /* @__PURE__ */ z.string(),
  taker_order_id: Bytes32Schema,
  maker_orders: /* @__PURE__ */ z.array(WsMakerOrderSchema),
  fee_rate_bps: /* @__PURE__ */ z.optional(WsDecimalOrEmptySchema),
  transaction_hash: /* @__PURE__ */ z.optional(Bytes32OrEmptySchema),
  trader_side: /* @__PURE__ */ z.optional(TraderSideSchema),
  maker_address: OptionalString,
  bucket_index: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.number()),
})
export type TradeEvent = z.infer<typeof TradeEventSchema>

/**
 * User channel `order`: `type` is PLACEMENT (accepted), UPDATE (partly matched) or
 * CANCELLATION. A full fill is an UPDATE whose `size_matched` equals `original_size`.
 */
export const OrderEventSchema = /* @__PURE__ */ z.looseObject({
  event_type: /* @__PURE__ */ z.literal('order'),
  id: Bytes32Schema,
  market: Bytes32Schema,
  asset_id: Uint256StringSchema,
  side: SideSchema,
  price: WsDecimalSchema,
  type: /* @__PURE__ */ oneOf(/* @__PURE__ */ Object.values(OrderEventType)),
  outcome: /* @__PURE__ */ z.string(),
  owner: /* @__PURE__ */ z.string(),
  order_owner: /* @__PURE__ */ z.string(),
  original_size: WsDecimalSchema,
  size_matched: WsDecimalSchema,
  timestamp: TimestampSchema,
  associate_trades: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.array(/* @__PURE__ */ z.string())),
  ),
  created_at: /* @__PURE__ */ z.optional(TimestampSchema),
  expiration: /* @__PURE__ */ z.optional(TimestampSchema),
  order_type: /* @__PURE__ */ z.optional(OrderTypeSchema),
  status: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ anyCaseOf(/* @__PURE__ */ Object.values(OpenOrderStatus)),
  ),
  maker_address: OptionalString,
})
export type OrderEvent = z.infer<typeof OrderEventSchema>

/** Any user-channel event, discriminated by `event_type`. */
export const UserEventSchema = /* @__PURE__ */ z.union([TradeEventSchema, OrderEventSchema])
export type UserEvent = z.infer<typeof UserEventSchema>

/** A user-channel frame: one event or an array of events. */
export const UserChannelMessageSchema = /* @__PURE__ */ z.union([
  UserEventSchema,
  /* @__PURE__ */ z.array(UserEventSchema),
])
export type UserChannelMessage = z.infer<typeof UserChannelMessageSchema>
