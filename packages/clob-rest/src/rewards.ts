/**
 * Liquidity rewards (PROTOCOL.md §5.1, §5.3): the caller's earnings and reward
 * percentages (L2), and the markets' reward configurations (public).
 * @module
 */
import { type ClientContext, requireCredentials } from './context.js'
import { getPager, type Pager, type PagerOptions } from './pagination.js'
import * as S from './schemas.js'
import { type CallOptions, request } from './transport.js'

/** `GET /rewards/user?date=YYYY-MM-DD`: the caller's earnings of one day, paginated. */
export function earnings(
  ctx: ClientContext,
  date: string,
  options: PagerOptions & CallOptions = {},
): Pager<S.UserEarning> {
  return getPager(
    ctx,
    '/rewards/user',
    { date, signature_type: ctx.signatureType },
    'l2',
    S.UserEarningsPage,
    options,
  )
}

/** `GET /rewards/user/total?date=`: the caller's total earnings of one day. */
export function totalEarnings(
  ctx: ClientContext,
  date: string,
  options: CallOptions = {},
): Promise<S.TotalUserEarning[]> {
  requireCredentials(ctx, 'reading reward earnings')
  return request(
    ctx,
    {
      method: 'GET',
      path: '/rewards/user/total',
      query: { date, signature_type: ctx.signatureType },
      auth: 'l2',
      ...options,
    },
    S.TotalUserEarnings,
  )
}

/** `GET /rewards/user/percentages`: the caller's share per market (`{conditionId: percent}`). */
export function percentages(ctx: ClientContext, options: CallOptions = {}): Promise<Record<string, number>> {
  requireCredentials(ctx, 'reading reward percentages')
  return request(
    ctx,
    {
      method: 'GET',
      path: '/rewards/user/percentages',
      query: { signature_type: ctx.signatureType },
      auth: 'l2',
      ...options,
    },
    S.RewardsPercentages,
  ) as Promise<Record<string, number>>
}

/** Filters of `GET /rewards/user/markets`. */
export interface UserMarketsParams {
  readonly date?: string | undefined
  readonly order_by?: string | undefined
  readonly position?: string | undefined
  readonly no_competition?: boolean | undefined
}

/** `GET /rewards/user/markets`: the caller's earnings per rewarded market, paginated. */
export function userMarkets(
  ctx: ClientContext,
  params: UserMarketsParams = {},
  options: PagerOptions & CallOptions = {},
): Pager<S.UserRewardsEarning> {
  return getPager(
    ctx,
    '/rewards/user/markets',
    {
      date: params.date,
      signature_type: ctx.signatureType,
      order_by: params.order_by,
      position: params.position,
      no_competition: params.no_competition,
    },
    'l2',
    S.UserRewardsEarningsPage,
    options,
  )
}

/** `GET /rewards/markets/current`: markets with active rewards, paginated (public). */
export function currentMarkets(
  ctx: ClientContext,
  options: PagerOptions & CallOptions = {},
): Pager<S.MarketReward> {
  return getPager(ctx, '/rewards/markets/current', {}, 'none', S.MarketRewardsPage, options)
}

/** `GET /rewards/markets/{conditionId}`: reward configuration of one market, paginated (public). */
export function market(
  ctx: ClientContext,
  conditionId: string,
  options: PagerOptions & CallOptions = {},
): Pager<S.MarketReward> {
  return getPager(
    ctx,
    `/rewards/markets/${encodeURIComponent(conditionId)}`,
    {},
    'none',
    S.MarketRewardsPage,
    options,
  )
}
