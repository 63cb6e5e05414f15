/**
 * Trades (PROTOCOL.md §5.3): the caller's trades, paginated; a market's live
 * activity (public).
 * @module
 */
import type { ClientContext } from './context.js'
import { getPager, type Pager, type PagerOptions } from './pagination.js'
import * as S from './schemas.js'
import { type CallOptions, request } from './transport.js'

/** Filters of `GET /data/trades`. */
export interface TradeParams {
  readonly id?: string | undefined
  readonly maker_address?: string | undefined
  readonly market?: string | undefined
  readonly asset_id?: string | undefined
  readonly before?: number | string | undefined
  readonly after?: number | string | undefined
}

/** `GET /data/trades`: the caller's trades, paginated. */
export function list(
  ctx: ClientContext,
  params: TradeParams = {},
  options: PagerOptions & CallOptions = {},
): Pager<S.Trade> {
  const { id, maker_address, market, asset_id, before, after } = params
  const query = { id, maker_address, market, asset_id, before, after }
  return getPager(ctx, '/data/trades', query, 'l2', S.TradesPage, options)
}

/** `GET /markets/live-activity/{conditionId}`: recent trades of a market (public). */
export function liveActivity(
  ctx: ClientContext,
  conditionId: string,
  options: CallOptions = {},
): Promise<S.MarketTradeEvent[]> {
  return request(
    ctx,
    { method: 'GET', path: `/markets/live-activity/${encodeURIComponent(conditionId)}`, ...options },
    S.MarketTradeEvents,
  )
}
