/**
 * Liquidity rewards: market reward configs and user earnings (PROTOCOL.md §5.1,
 * §5.3, §5.7). Earnings and rates are JSON numbers in the TS client's types; decimal
 * strings are accepted too.
 * @module
 */
import * as z from 'zod/mini'
import {
  AddressSchema,
  Bytes32Schema,
  NumericSchema,
  pageSchema,
  StringOrNumberSchema,
  Uint256StringSchema,
} from './common.js'

/** `{date, condition_id, asset_address, maker_address, earnings, asset_rate}` (`/rewards/user` items). */
export const UserEarningSchema = /* @__PURE__ */ z.looseObject({
  date: /* @__PURE__ */ z.string(),
  condition_id: Bytes32Schema,
  asset_address: AddressSchema,
  maker_address: AddressSchema,
  earnings: NumericSchema,
  asset_rate: NumericSchema,
})
export type UserEarning = z.infer<typeof UserEarningSchema>

export const UserEarningsPageSchema = /* @__PURE__ */ pageSchema(UserEarningSchema)
export type UserEarningsPage = z.infer<typeof UserEarningsPageSchema>

/** Items of `GET /rewards/user/total`. */
export const TotalUserEarningSchema = /* @__PURE__ */ z.looseObject({
  date: /* @__PURE__ */ z.string(),
  asset_address: AddressSchema,
  maker_address: AddressSchema,
  earnings: NumericSchema,
  asset_rate: NumericSchema,
})
export type TotalUserEarning = z.infer<typeof TotalUserEarningSchema>

export const TotalUserEarningsResponseSchema = /* @__PURE__ */ z.array(TotalUserEarningSchema)
export type TotalUserEarningsResponse = z.infer<typeof TotalUserEarningsResponseSchema>

/** `GET /rewards/user/percentages` → `{conditionId: percentage}`. */
export const RewardsPercentagesResponseSchema = /* @__PURE__ */ z.record(
  /* @__PURE__ */ z.string(),
  NumericSchema,
)
export type RewardsPercentagesResponse = z.infer<typeof RewardsPercentagesResponseSchema>

/** A token of a reward market `{token_id, outcome, price}`. */
export const RewardTokenSchema = /* @__PURE__ */ z.looseObject({
  token_id: Uint256StringSchema,
  outcome: /* @__PURE__ */ z.string(),
  price: /* @__PURE__ */ z.optional(NumericSchema),
})
export type RewardToken = z.infer<typeof RewardTokenSchema>

/** A reward period of a market. */
export const RewardsConfigSchema = /* @__PURE__ */ z.looseObject({
  id: /* @__PURE__ */ z.optional(StringOrNumberSchema),
  asset_address: AddressSchema,
  start_date: /* @__PURE__ */ z.string(),
  end_date: /* @__PURE__ */ z.string(),
  rate_per_day: NumericSchema,
  total_rewards: NumericSchema,
  total_days: /* @__PURE__ */ z.optional(NumericSchema),
})
export type RewardsConfig = z.infer<typeof RewardsConfigSchema>

/**
 * A market's rewards (`/rewards/markets/current`, `/rewards/markets/{conditionId}`).
 * The `current` listing carries only the id, configs, spread and size, so the
 * descriptive fields are optional.
 */
export const MarketRewardSchema = /* @__PURE__ */ z.looseObject({
  condition_id: Bytes32Schema,
  question: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  market_slug: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  event_slug: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  image: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  rewards_max_spread: NumericSchema,
  rewards_min_size: NumericSchema,
  market_competitiveness: /* @__PURE__ */ z.optional(NumericSchema),
  tokens: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(/* @__PURE__ */ z.array(RewardTokenSchema))),
  rewards_config: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.array(RewardsConfigSchema)),
})
export type MarketReward = z.infer<typeof MarketRewardSchema>

export const MarketRewardsPageSchema = /* @__PURE__ */ pageSchema(MarketRewardSchema)
export type MarketRewardsPage = z.infer<typeof MarketRewardsPageSchema>

/** One asset's earnings inside {@link UserRewardsEarningSchema}. */
export const EarningSchema = /* @__PURE__ */ z.looseObject({
  asset_address: AddressSchema,
  earnings: NumericSchema,
  asset_rate: NumericSchema,
})
export type Earning = z.infer<typeof EarningSchema>

/** Items of `GET /rewards/user/markets`: market reward fields plus the user's share. */
export const UserRewardsEarningSchema = /* @__PURE__ */ z.extend(MarketRewardSchema, {
  market_competitiveness: NumericSchema,
  maker_address: AddressSchema,
  earning_percentage: NumericSchema,
  earnings: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.array(EarningSchema)),
})
export type UserRewardsEarning = z.infer<typeof UserRewardsEarningSchema>

export const UserRewardsEarningsPageSchema = /* @__PURE__ */ pageSchema(UserRewardsEarningSchema)
export type UserRewardsEarningsPage = z.infer<typeof UserRewardsEarningsPageSchema>
