/**
 * Markets (PROTOCOL.md §5.1, §5.7): the paginated lists, one market by condition
 * id or token id, and the compact `clob-markets` details.
 * @module
 */
import type { ClientContext } from './context.js'
import { getPager, type Pager, type PagerOptions } from './pagination.js'
import * as S from './schemas.js'
import { type CallOptions, request } from './transport.js'

/** `GET /markets`: every market, paginated. */
export function list(ctx: ClientContext, options: PagerOptions & CallOptions = {}): Pager<S.Market> {
  return getPager(ctx, '/markets', {}, 'none', S.MarketsPage, options)
}

/** `GET /sampling-markets`: markets with rewards enabled, paginated. */
export function sampling(ctx: ClientContext, options: PagerOptions & CallOptions = {}): Pager<S.Market> {
  return getPager(ctx, '/sampling-markets', {}, 'none', S.MarketsPage, options)
}

/** `GET /simplified-markets`: every market in the short form, paginated. */
export function simplified(
  ctx: ClientContext,
  options: PagerOptions & CallOptions = {},
): Pager<S.SimplifiedMarket> {
  return getPager(ctx, '/simplified-markets', {}, 'none', S.SimplifiedMarketsPage, options)
}

/** `GET /sampling-simplified-markets`: rewarded markets in the short form, paginated. */
export function samplingSimplified(
  ctx: ClientContext,
  options: PagerOptions & CallOptions = {},
): Pager<S.SimplifiedMarket> {
  return getPager(ctx, '/sampling-simplified-markets', {}, 'none', S.SimplifiedMarketsPage, options)
}

/** `GET /markets/{conditionId}`. */
export function get(ctx: ClientContext, conditionId: string, options: CallOptions = {}): Promise<S.Market> {
  return request(
    ctx,
    { method: 'GET', path: `/markets/${encodeURIComponent(conditionId)}`, ...options },
    S.Market,
  )
}

/** `GET /markets-by-token/{tokenId}`: the market a token belongs to (`condition_id`). */
export async function byToken(
  ctx: ClientContext,
  tokenId: string,
  options: CallOptions = {},
): Promise<S.MarketByToken> {
  const res = await request(
    ctx,
    { method: 'GET', path: `/markets-by-token/${encodeURIComponent(tokenId)}`, ...options },
    S.MarketByToken,
  )
  ctx.marketInfo.conditionOf.set(tokenId, res.condition_id)
  return res
}

/** `GET /clob-markets/{conditionId}`: the compact market details (tick, neg risk, fees, tokens). */
export function details(
  ctx: ClientContext,
  conditionId: string,
  options: CallOptions = {},
): Promise<S.MarketDetails> {
  return request(
    ctx,
    { method: 'GET', path: `/clob-markets/${encodeURIComponent(conditionId)}`, ...options },
    S.MarketDetails,
  )
}
