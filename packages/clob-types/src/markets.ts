/**
 * Markets: `/markets`, `/markets/{conditionId}`, simplified and sampling markets,
 * `/markets-by-token/{tokenId}` and the compact `/clob-markets/{conditionId}`
 * (PROTOCOL.md §5.1, §5.7).
 *
 * Market fields that the server has been seen to leave out or send as `null` or `""`
 * (RS client) are optional/nullable; everything else is required.
 * @module
 */
import * as z from 'zod/mini'
import {
  AddressSchema,
  Bytes32OrEmptySchema,
  Bytes32Schema,
  NumericSchema,
  pageSchema,
  Uint256StringSchema,
} from './common.js'

/** An outcome token of a market. `price` is a JSON number on the wire. */
export const MarketTokenSchema = /* @__PURE__ */ z.looseObject({
  token_id: Uint256StringSchema,
  outcome: /* @__PURE__ */ z.string(),
  price: /* @__PURE__ */ z.optional(NumericSchema),
  winner: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
})
export type MarketToken = z.infer<typeof MarketTokenSchema>

/** Liquidity-rewards settings of a market. */
export const MarketRewardsSchema = /* @__PURE__ */ z.looseObject({
  rates: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.nullable(
      /* @__PURE__ */ z.array(
        /* @__PURE__ */ z.looseObject({
          asset_address: AddressSchema,
          rewards_daily_rate: NumericSchema,
        }),
      ),
    ),
  ),
  min_size: NumericSchema,
  max_spread: NumericSchema,
})
export type MarketRewards = z.infer<typeof MarketRewardsSchema>

const optionalTimestamp = /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()))

/** `GET /markets/{conditionId}` and the items of `GET /markets` (§5.7). */
export const MarketSchema = /* @__PURE__ */ z.looseObject({
  enable_order_book: /* @__PURE__ */ z.boolean(),
  active: /* @__PURE__ */ z.boolean(),
  closed: /* @__PURE__ */ z.boolean(),
  archived: /* @__PURE__ */ z.boolean(),
  accepting_orders: /* @__PURE__ */ z.boolean(),
  accepting_order_timestamp: optionalTimestamp,
  minimum_order_size: NumericSchema,
  minimum_tick_size: NumericSchema,
  condition_id: Bytes32OrEmptySchema,
  question_id: /* @__PURE__ */ z.optional(Bytes32OrEmptySchema),
  question: /* @__PURE__ */ z.string(),
  description: /* @__PURE__ */ z.string(),
  market_slug: /* @__PURE__ */ z.string(),
  end_date_iso: optionalTimestamp,
  game_start_time: optionalTimestamp,
  seconds_delay: /* @__PURE__ */ z.number(),
  fpmm: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  maker_base_fee: NumericSchema,
  taker_base_fee: NumericSchema,
  notifications_enabled: /* @__PURE__ */ z.boolean(),
  neg_risk: /* @__PURE__ */ z.boolean(),
  neg_risk_market_id: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  neg_risk_request_id: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  icon: /* @__PURE__ */ z.string(),
  image: /* @__PURE__ */ z.string(),
  rewards: MarketRewardsSchema,
  is_50_50_outcome: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  tokens: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(/* @__PURE__ */ z.array(MarketTokenSchema))),
  tags: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.array(/* @__PURE__ */ z.string())),
  ),
})
export type Market = z.infer<typeof MarketSchema>

/** A page of `GET /markets` or `GET /sampling-markets`. */
export const MarketsPageSchema = /* @__PURE__ */ pageSchema(MarketSchema)
export type MarketsPage = z.infer<typeof MarketsPageSchema>

/** Items of `/simplified-markets` and `/sampling-simplified-markets`. */
export const SimplifiedMarketSchema = /* @__PURE__ */ z.looseObject({
  condition_id: Bytes32OrEmptySchema,
  tokens: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(/* @__PURE__ */ z.array(MarketTokenSchema))),
  rewards: MarketRewardsSchema,
  active: /* @__PURE__ */ z.boolean(),
  closed: /* @__PURE__ */ z.boolean(),
  archived: /* @__PURE__ */ z.boolean(),
  accepting_orders: /* @__PURE__ */ z.boolean(),
})
export type SimplifiedMarket = z.infer<typeof SimplifiedMarketSchema>

export const SimplifiedMarketsPageSchema = /* @__PURE__ */ pageSchema(SimplifiedMarketSchema)
export type SimplifiedMarketsPage = z.infer<typeof SimplifiedMarketsPageSchema>

/** `GET /markets-by-token/{tokenId}`: clients use only `condition_id`. */
export const MarketByTokenSchema = /* @__PURE__ */ z.looseObject({
  condition_id: Bytes32Schema,
})
export type MarketByToken = z.infer<typeof MarketByTokenSchema>

/** A `t` entry of {@link MarketDetailsSchema}: `{t: tokenId, o: outcome}`; entries may be `null`. */
export const ClobTokenSchema = /* @__PURE__ */ z.looseObject({
  t: Uint256StringSchema,
  o: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
})
export type ClobToken = z.infer<typeof ClobTokenSchema>

/** Platform fee details `fd`: rate, exponent, taker-only. */
export const FeeDetailsSchema = /* @__PURE__ */ z.looseObject({
  r: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.number()),
  e: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.number()),
  to: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
})
export type FeeDetails = z.infer<typeof FeeDetailsSchema>

/** Rewards `r` of {@link MarketDetailsSchema}. */
export const MarketDetailsRewardsSchema = /* @__PURE__ */ z.looseObject({
  mi: /* @__PURE__ */ z.optional(NumericSchema),
  ma: /* @__PURE__ */ z.optional(NumericSchema),
  e: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  smoa: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  moas: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.number()),
})
export type MarketDetailsRewards = z.infer<typeof MarketDetailsRewardsSchema>

/**
 * `GET /clob-markets/{conditionId}`, compact keys (§5.7): `c` condition id, `t` tokens
 * (YES, NO), `mts` min tick (a number; a string is accepted too), `nr` neg risk
 * (omitted when false), `fd` fee details, `mbf`/`tbf` maker/taker base fee, `r`
 * rewards, `mos` min order size, `sd` seconds delay, `gst` game start time, `cbos`
 * clear book on start, `aot` accepting-orders timestamp, `rfqe` RFQ enabled, `itode`
 * taker order delay enabled, `ibce` blockaid check enabled, `ao` accepting orders.
 */
export const MarketDetailsSchema = /* @__PURE__ */ z.looseObject({
  c: /* @__PURE__ */ z.optional(Bytes32Schema),
  t: /* @__PURE__ */ z.array(/* @__PURE__ */ z.nullable(ClobTokenSchema)),
  mts: NumericSchema,
  nr: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  fd: /* @__PURE__ */ z.optional(FeeDetailsSchema),
  mbf: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.number()),
  tbf: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.number()),
  r: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(MarketDetailsRewardsSchema)),
  mos: /* @__PURE__ */ z.optional(NumericSchema),
  sd: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.number()),
  gst: optionalTimestamp,
  cbos: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  aot: optionalTimestamp,
  rfqe: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  itode: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  ibce: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  ao: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
})
export type MarketDetails = z.infer<typeof MarketDetailsSchema>
