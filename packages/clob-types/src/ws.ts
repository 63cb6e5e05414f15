/**
 * WebSocket channels `/ws/market` and `/ws/user` (PROTOCOL.md §7): subscribe
 * messages and the events the server pushes. A frame is one event object or an
 * array of them; every event carries `event_type`.
 *
 * Event schemas are loose (new fields survive), but an unknown `event_type` fails
 * validation: filter with {@link MARKET_EVENT_TYPES} / {@link USER_EVENT_TYPES} first
 * if you want to skip events this version does not know.
 * @module
 */
import * as z from 'zod/mini'
import {
  Bytes32OrEmptySchema,
  Bytes32Schema,
  DecimalStringSchema,
  NonEmptyStringSchema,
  oneOf,
  SideSchema,
  StringOrNumberSchema,
  TraderSideSchema,
  Uint256StringSchema,
} from './common.js'
import { OrderEventType } from './constants.js'
import { TradeStatusSchema } from './errors.js'

/** Keep-alive text frame sent by the client; the server answers {@link WS_PONG}. */
export const WS_PING = 'PING'
export const WS_PONG = 'PONG'

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
/** `event_type`s of the user channel. */
export const USER_EVENT_TYPES = ['trade', 'order'] as const

const TimestampSchema = StringOrNumberSchema
const LevelSchema = /* @__PURE__ */ z.looseObject({ price: DecimalStringSchema, size: DecimalStringSchema })
const OperationSchema = /* @__PURE__ */ z.optional(/* @__PURE__ */ oneOf(['subscribe', 'unsubscribe']))

/** Market channel subscribe/unsubscribe: `{type: "market", assets_ids, markets?, initial_dump?, operation?, custom_feature_enabled?}`. */
export const MarketSubscribeSchema = /* @__PURE__ */ z.looseObject({
  type: /* @__PURE__ */ z.literal('market'),
  assets_ids: /* @__PURE__ */ z.array(Uint256StringSchema),
  markets: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.array(/* @__PURE__ */ z.string())),
  initial_dump: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  operation: OperationSchema,
  custom_feature_enabled: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
})
export type MarketSubscribe = z.infer<typeof MarketSubscribeSchema>

/**
 * User channel subscribe/unsubscribe. It carries the raw API secret and passphrase in
 * `auth` (there is no HMAC), so never log it.
 */
export const UserSubscribeSchema = /* @__PURE__ */ z.looseObject({
  auth: /* @__PURE__ */ z.looseObject({
    apiKey: NonEmptyStringSchema,
    secret: NonEmptyStringSchema,
    passphrase: NonEmptyStringSchema,
  }),
  type: /* @__PURE__ */ z.literal('user'),
  markets: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.array(Bytes32Schema)),
  assets_ids: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.array(/* @__PURE__ */ z.string())),
  initial_dump: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  operation: OperationSchema,
})
export type UserSubscribe = z.infer<typeof UserSubscribeSchema>

/** Either subscribe message, told apart by `type`. */
export const SubscribeMessageSchema = /* @__PURE__ */ z.union([MarketSubscribeSchema, UserSubscribeSchema])
export type SubscribeMessage = z.infer<typeof SubscribeMessageSchema>

/** `book`: a full snapshot of one token's book. */
export const BookEventSchema = /* @__PURE__ */ z.looseObject({
  event_type: /* @__PURE__ */ z.literal('book'),
  asset_id: Uint256StringSchema,
  market: Bytes32Schema,
  timestamp: TimestampSchema,
  bids: /* @__PURE__ */ z.array(LevelSchema),
  asks: /* @__PURE__ */ z.array(LevelSchema),
  hash: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
})
export type BookEvent = z.infer<typeof BookEventSchema>

/** One level change inside a `price_change` event; `size` `"0"` removes the level. */
export const PriceChangeSchema = /* @__PURE__ */ z.looseObject({
  asset_id: Uint256StringSchema,
  price: DecimalStringSchema,
  size: /* @__PURE__ */ z.optional(DecimalStringSchema),
  side: SideSchema,
  hash: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  best_bid: /* @__PURE__ */ z.optional(DecimalStringSchema),
  best_ask: /* @__PURE__ */ z.optional(DecimalStringSchema),
})
export type PriceChange = z.infer<typeof PriceChangeSchema>

export const PriceChangeEventSchema = /* @__PURE__ */ z.looseObject({
  event_type: /* @__PURE__ */ z.literal('price_change'),
  market: Bytes32Schema,
  timestamp: TimestampSchema,
  price_changes: /* @__PURE__ */ z.array(PriceChangeSchema),
})
export type PriceChangeEvent = z.infer<typeof PriceChangeEventSchema>

export const TickSizeChangeEventSchema = /* @__PURE__ */ z.looseObject({
  event_type: /* @__PURE__ */ z.literal('tick_size_change'),
  asset_id: Uint256StringSchema,
  market: Bytes32Schema,
  old_tick_size: DecimalStringSchema,
  new_tick_size: DecimalStringSchema,
  timestamp: TimestampSchema,
})
export type TickSizeChangeEvent = z.infer<typeof TickSizeChangeEventSchema>

export const LastTradePriceEventSchema = /* @__PURE__ */ z.looseObject({
  event_type: /* @__PURE__ */ z.literal('last_trade_price'),
  asset_id: Uint256StringSchema,
  market: Bytes32Schema,
  price: DecimalStringSchema,
  side: /* @__PURE__ */ z.optional(SideSchema),
  size: /* @__PURE__ */ z.optional(DecimalStringSchema),
  fee_rate_bps: /* @__PURE__ */ z.optional(DecimalStringSchema),
  timestamp: TimestampSchema,
})
export type LastTradePriceEvent = z.infer<typeof LastTradePriceEventSchema>

export const BestBidAskEventSchema = /* @__PURE__ */ z.looseObject({
  event_type: /* @__PURE__ */ z.literal('best_bid_ask'),
  market: Bytes32Schema,
  asset_id: Uint256StringSchema,
  best_bid: DecimalStringSchema,
  best_ask: DecimalStringSchema,
  spread: DecimalStringSchema,
  timestamp: TimestampSchema,
})
export type BestBidAskEvent = z.infer<typeof BestBidAskEventSchema>

const newMarketShape = {
  id: StringOrNumberSchema,
  question: /* @__PURE__ */ z.string(),
  market: Bytes32Schema,
  slug: /* @__PURE__ */ z.string(),
  description: /* @__PURE__ */ z.string(),
  assets_ids: /* @__PURE__ */ z.array(Uint256StringSchema),
  outcomes: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
  event_message: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.looseObject({
      id: /* @__PURE__ */ z.optional(StringOrNumberSchema),
      ticker: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
      slug: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
      title: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
      description: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
    }),
  ),
  timestamp: TimestampSchema,
}

export const NewMarketEventSchema = /* @__PURE__ */ z.looseObject({
  event_type: /* @__PURE__ */ z.literal('new_market'),
  ...newMarketShape,
})
export type NewMarketEvent = z.infer<typeof NewMarketEventSchema>

export const MarketResolvedEventSchema = /* @__PURE__ */ z.looseObject({
  event_type: /* @__PURE__ */ z.literal('market_resolved'),
  ...newMarketShape,
  winning_asset_id: Uint256StringSchema,
  winning_outcome: /* @__PURE__ */ z.string(),
})
export type MarketResolvedEvent = z.infer<typeof MarketResolvedEventSchema>

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

/** A maker side inside a user-channel `trade` event. */
export const WsMakerOrderSchema = /* @__PURE__ */ z.looseObject({
  asset_id: Uint256StringSchema,
  matched_amount: DecimalStringSchema,
  order_id: Bytes32Schema,
  outcome: /* @__PURE__ */ z.string(),
  owner: /* @__PURE__ */ z.string(),
  price: DecimalStringSchema,
})
export type WsMakerOrder = z.infer<typeof WsMakerOrderSchema>

/** User channel `trade` (a fill of one of the user's orders; `status` e.g. MATCHED). */
export const TradeEventSchema = /* @__PURE__ */ z.looseObject({
  event_type: /* @__PURE__ */ z.literal('trade'),
  id: NonEmptyStringSchema,
  market: Bytes32Schema,
  asset_id: Uint256StringSchema,
  side: SideSchema,
  size: DecimalStringSchema,
  price: DecimalStringSchema,
  status: TradeStatusSchema,
  type: /* @__PURE__ */ z.string(),
  last_update: TimestampSchema,
  matchtime: TimestampSchema,
  timestamp: TimestampSchema,
  outcome: /* @__PURE__ */ z.string(),
  owner: /* @__PURE__ */ z.string(),
  trade_owner: /* @__PURE__ */ z.string(),
  taker_order_id: Bytes32Schema,
  maker_orders: /* @__PURE__ */ z.array(WsMakerOrderSchema),
  fee_rate_bps: /* @__PURE__ */ z.optional(DecimalStringSchema),
  transaction_hash: /* @__PURE__ */ z.optional(Bytes32OrEmptySchema),
  trader_side: /* @__PURE__ */ z.optional(TraderSideSchema),
})
export type TradeEvent = z.infer<typeof TradeEventSchema>

/** User channel `order`: `type` is PLACEMENT, UPDATE or CANCELLATION. */
export const OrderEventSchema = /* @__PURE__ */ z.looseObject({
  event_type: /* @__PURE__ */ z.literal('order'),
  id: Bytes32Schema,
  market: Bytes32Schema,
  asset_id: Uint256StringSchema,
  side: SideSchema,
  price: DecimalStringSchema,
  type: /* @__PURE__ */ oneOf(/* @__PURE__ */ Object.values(OrderEventType)),
  outcome: /* @__PURE__ */ z.string(),
  owner: /* @__PURE__ */ z.string(),
  order_owner: /* @__PURE__ */ z.string(),
  original_size: DecimalStringSchema,
  size_matched: DecimalStringSchema,
  timestamp: TimestampSchema,
  associate_trades: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.array(/* @__PURE__ */ z.string())),
  ),
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
