/**
 * Trades (PROTOCOL.md §5.3): the caller's trades, paginated; a market's live
 * activity (public).
 * @module
 */
import { type ClientContext, requireCredentials } from './context.js'
import { type Pager, type PagerOptions, paginate } from './pagination.js'
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
  requireCredentials(ctx, 'listing trades')
  return paginate(
    (cursor, signal) =>
      request(
        ctx,
        {
          method: 'GET',
          path: '/data/trades',
          query: {
            id: params.id,
            maker_address: params.maker_address,
            market: params.market,
            asset_id: params.asset_id,
            before: params.before,
            after: params.after,
            next_cursor: cursor,
          },
          auth: 'l2',
          signal,
          timeouts: options.timeouts,
          retry: options.retry,
        },
        S.TradesPage,
      ),
    options,
  )
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
