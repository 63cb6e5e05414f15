/**
 * Trades: `/data/trades`, builder trades and fees, market live activity
 * (PROTOCOL.md §5.1, §5.3, §5.7).
 * @module
 */
import * as z from 'zod/mini'
import {
  AddressSchema,
  Bytes32OrEmptySchema,
  Bytes32Schema,
  DecimalStringSchema,
  HexSchema,
  NonEmptyStringSchema,
  NumericSchema,
  pageSchema,
  SideSchema,
  StringOrNumberSchema,
  TraderSideSchema,
  Uint256StringSchema,
} from './common.js'
import { TradeStatusSchema } from './errors.js'

const optionalText = /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()))

/** A maker side of a trade (§5.7). */
export const MakerOrderSchema = /* @__PURE__ */ z.looseObject({
  order_id: Bytes32Schema,
  owner: /* @__PURE__ */ z.string(),
  maker_address: AddressSchema,
  matched_amount: DecimalStringSchema,
  price: DecimalStringSchema,
  fee_rate_bps: DecimalStringSchema,
  asset_id: Uint256StringSchema,
  outcome: /* @__PURE__ */ z.string(),
  side: SideSchema,
  builder_fee: /* @__PURE__ */ z.optional(NumericSchema),
  builder_code: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
})
export type MakerOrder = z.infer<typeof MakerOrderSchema>

/**
 * A trade (§5.7). `transaction_hash` is empty or absent until the trade is mined;
 * `FAILED` status and a present hash are terminal. The error text comes as `err_msg`
 * or `error_msg`.
 */
export const TradeSchema = /* @__PURE__ */ z.looseObject({
  id: NonEmptyStringSchema,
  taker_order_id: Bytes32Schema,
  market: Bytes32Schema,
  asset_id: Uint256StringSchema,
  side: SideSchema,
  size: DecimalStringSchema,
  fee_rate_bps: DecimalStringSchema,
  price: DecimalStringSchema,
  status: TradeStatusSchema,
  match_time: /* @__PURE__ */ z.string(),
  match_time_nano: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  last_update: /* @__PURE__ */ z.string(),
  outcome: /* @__PURE__ */ z.string(),
  bucket_index: /* @__PURE__ */ z.number(),
  owner: /* @__PURE__ */ z.string(),
  maker_address: AddressSchema,
  maker_orders: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.array(MakerOrderSchema)),
  transaction_hash: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(Bytes32OrEmptySchema)),
  err_msg: optionalText,
  error_msg: optionalText,
  trader_side: TraderSideSchema,
})
export type Trade = z.infer<typeof TradeSchema>

/** A page of `GET /data/trades`. */
export const TradesPageSchema = /* @__PURE__ */ pageSchema(TradeSchema)
export type TradesPage = z.infer<typeof TradesPageSchema>

/** A builder-attributed trade (camelCase, §5.7). */
export const BuilderTradeSchema = /* @__PURE__ */ z.looseObject({
  id: NonEmptyStringSchema,
  tradeType: /* @__PURE__ */ z.string(),
  takerOrderHash: Bytes32Schema,
  builder: HexSchema,
  market: Bytes32Schema,
  assetId: Uint256StringSchema,
  side: SideSchema,
  size: DecimalStringSchema,
  sizeUsdc: DecimalStringSchema,
  price: DecimalStringSchema,
  status: TradeStatusSchema,
  outcome: /* @__PURE__ */ z.string(),
  outcomeIndex: /* @__PURE__ */ z.number(),
  owner: /* @__PURE__ */ z.string(),
  maker: AddressSchema,
  transactionHash: Bytes32OrEmptySchema,
  matchTime: /* @__PURE__ */ z.string(),
  bucketIndex: /* @__PURE__ */ z.number(),
  fee: DecimalStringSchema,
  feeUsdc: DecimalStringSchema,
  builderFee: /* @__PURE__ */ z.optional(NumericSchema),
  builderCode: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  err_msg: optionalText,
  createdAt: optionalText,
  updatedAt: optionalText,
})
export type BuilderTrade = z.infer<typeof BuilderTradeSchema>

/** `GET /builder/trades` → `{data, next_cursor, limit, count}`. */
export const BuilderTradesPageSchema = /* @__PURE__ */ pageSchema(BuilderTradeSchema)
export type BuilderTradesPage = z.infer<typeof BuilderTradesPageSchema>

/** `GET /fees/builder-fees/{builderCode}` → rates in bps (divide by 10000). */
export const BuilderFeesResponseSchema = /* @__PURE__ */ z.looseObject({
  builder_maker_fee_rate_bps: /* @__PURE__ */ z.number(),
  builder_taker_fee_rate_bps: /* @__PURE__ */ z.number(),
})
export type BuilderFeesResponse = z.infer<typeof BuilderFeesResponseSchema>

/** An item of `GET /markets/live-activity/{conditionId}` (§5.7). */
export const MarketTradeEventSchema = /* @__PURE__ */ z.looseObject({
  event_type: /* @__PURE__ */ z.string(),
  market: /* @__PURE__ */ z.looseObject({
    condition_id: Bytes32Schema,
    asset_id: Uint256StringSchema,
    question: /* @__PURE__ */ z.string(),
    icon: /* @__PURE__ */ z.string(),
    slug: /* @__PURE__ */ z.string(),
  }),
  user: /* @__PURE__ */ z.looseObject({
    address: AddressSchema,
    username: /* @__PURE__ */ z.string(),
    profile_picture: /* @__PURE__ */ z.string(),
    optimized_profile_picture: /* @__PURE__ */ z.string(),
    pseudonym: /* @__PURE__ */ z.string(),
  }),
  side: SideSchema,
  size: DecimalStringSchema,
  fee_rate_bps: DecimalStringSchema,
  price: DecimalStringSchema,
  outcome: /* @__PURE__ */ z.string(),
  outcome_index: /* @__PURE__ */ z.number(),
  transaction_hash: Bytes32OrEmptySchema,
  timestamp: StringOrNumberSchema,
})
export type MarketTradeEvent = z.infer<typeof MarketTradeEventSchema>

export const MarketTradeEventsSchema = /* @__PURE__ */ z.array(MarketTradeEventSchema)
export type MarketTradeEvents = z.infer<typeof MarketTradeEventsSchema>
