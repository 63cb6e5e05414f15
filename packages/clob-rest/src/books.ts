/**
 * Order books and prices (PROTOCOL.md §5.1): book(s), price(s), midpoint(s),
 * spread(s), last trade price(s), tick size, neg risk, fee rate, price history.
 * @module
 */
import { InvalidParameterError, type Side, type TickSize } from '@clobkit/eip712-order'
import type { ClientContext } from './context.js'
import * as Info from './market-info.js'
import * as S from './schemas.js'
import { type CallOptions, request } from './transport.js'

/** A token (and optionally a side) for the batch endpoints. */
export interface BookParams {
  readonly token_id: string
  readonly side?: Side | undefined
}

function batch(tokens: readonly (string | BookParams)[], withSide: boolean): string {
  return JSON.stringify(
    tokens.map((t) =>
      typeof t === 'string'
        ? { token_id: t }
        : withSide && t.side !== undefined
          ? { token_id: t.token_id, side: t.side }
          : { token_id: t.token_id },
    ),
  )
}

/** `GET /book`: the order book of a token (bids ascending, asks descending; best last). */
export function book(
  ctx: ClientContext,
  tokenId: string,
  options: CallOptions = {},
): Promise<S.OrderBookSummary> {
  return request(
    ctx,
    { method: 'GET', path: '/book', query: { token_id: tokenId }, ...options },
    S.OrderBookSummary,
  )
}

/** `POST /books`: many books in one request. */
export function books(
  ctx: ClientContext,
  tokens: readonly (string | BookParams)[],
  options: CallOptions = {},
): Promise<S.OrderBookSummary[]> {
  return request(
    ctx,
    { method: 'POST', path: '/books', body: batch(tokens, true), ...options },
    S.OrderBookSummaries,
  )
}

/** `GET /midpoint` → `{mid}`. */
export function midpoint(
  ctx: ClientContext,
  tokenId: string,
  options: CallOptions = {},
): Promise<S.MidpointResponse> {
  return request(
    ctx,
    { method: 'GET', path: '/midpoint', query: { token_id: tokenId }, ...options },
    S.MidpointResponse,
  )
}

/** `POST /midpoints` → `{tokenId: mid}`. */
export function midpoints(
  ctx: ClientContext,
  tokens: readonly (string | BookParams)[],
  options: CallOptions = {},
): Promise<S.MidpointsResponse> {
  return request(
    ctx,
    { method: 'POST', path: '/midpoints', body: batch(tokens, false), ...options },
    S.MidpointsResponse,
  )
}

/** `GET /price?token_id&side` → `{price}`. */
export function price(
  ctx: ClientContext,
  tokenId: string,
  side: Side,
  options: CallOptions = {},
): Promise<S.PriceResponse> {
  return request(
    ctx,
    { method: 'GET', path: '/price', query: { token_id: tokenId, side }, ...options },
    S.PriceResponse,
  )
}

/** `POST /prices` with `[{token_id, side}]` → `{tokenId: {BUY, SELL}}`. */
export function prices(
  ctx: ClientContext,
  tokens: readonly BookParams[],
  options: CallOptions = {},
): Promise<S.PricesResponse> {
  return request(
    ctx,
    { method: 'POST', path: '/prices', body: batch(tokens, true), ...options },
    S.PricesResponse,
  )
}

/** `GET /spread` → `{spread}`. */
export function spread(
  ctx: ClientContext,
  tokenId: string,
  options: CallOptions = {},
): Promise<S.SpreadResponse> {
  return request(
    ctx,
    { method: 'GET', path: '/spread', query: { token_id: tokenId }, ...options },
    S.SpreadResponse,
  )
}

/** `POST /spreads`. */
export function spreads(
  ctx: ClientContext,
  tokens: readonly (string | BookParams)[],
  options: CallOptions = {},
): Promise<S.SpreadsResponse> {
  return request(
    ctx,
    { method: 'POST', path: '/spreads', body: batch(tokens, false), ...options },
    S.SpreadsResponse,
  )
}

/** `GET /last-trade-price` → `{price, side}`. */
export function lastTradePrice(
  ctx: ClientContext,
  tokenId: string,
  options: CallOptions = {},
): Promise<S.LastTradePriceResponse> {
  return request(
    ctx,
    { method: 'GET', path: '/last-trade-price', query: { token_id: tokenId }, ...options },
    S.LastTradePriceResponse,
  )
}

/** `POST /last-trades-prices` → `[{token_id, price, side}]`. */
export function lastTradesPrices(
  ctx: ClientContext,
  tokens: readonly (string | BookParams)[],
  options: CallOptions = {},
): Promise<S.LastTradesPricesResponse> {
  return request(
    ctx,
    { method: 'POST', path: '/last-trades-prices', body: batch(tokens, false), ...options },
    S.LastTradesPricesResponse,
  )
}

/** Minimum tick size (`GET /tick-size`), through the market-info cache. */
export function tickSize(ctx: ClientContext, tokenId: string, options: CallOptions = {}): Promise<TickSize> {
  return Info.tickSize(ctx, tokenId, options)
}

/** Neg-risk flag (`GET /neg-risk`), through the market-info cache. */
export function negRisk(ctx: ClientContext, tokenId: string, options: CallOptions = {}): Promise<boolean> {
  return Info.negRisk(ctx, tokenId, options)
}

/** V1 fee rate in bps (`GET /fee-rate`), through the market-info cache. */
export function feeRate(ctx: ClientContext, tokenId: string, options: CallOptions = {}): Promise<number> {
  return Info.feeRateBps(ctx, tokenId, options)
}

/** `GET /prices-history` parameters: `interval`, or both `startTs` and `endTs`. */
export interface PriceHistoryParams {
  /** The token id (the query parameter is called `market`). */
  readonly market: string
  readonly startTs?: number | undefined
  readonly endTs?: number | undefined
  readonly fidelity?: number | undefined
  readonly interval?: 'max' | '1w' | '1d' | '6h' | '1h' | '1m' | undefined
}

/** `GET /prices-history` → the points `{t, p}` (either response shape). */
export async function priceHistory(
  ctx: ClientContext,
  params: PriceHistoryParams,
  options: CallOptions = {},
): Promise<S.PricePoint[]> {
  if (params.interval === undefined && (params.startTs === undefined || params.endTs === undefined)) {
    throw new InvalidParameterError(
      'INVALID_PRICE_HISTORY_RANGE',
      'interval',
      'getPricesHistory requires either interval or both startTs and endTs',
    )
  }
  const res = await request(
    ctx,
    {
      method: 'GET',
      path: '/prices-history',
      query: {
        market: params.market,
        startTs: params.startTs,
        endTs: params.endTs,
        fidelity: params.fidelity,
        interval: params.interval,
      },
      ...options,
    },
    S.PriceHistoryResponse,
  )
  return Array.isArray(res) ? res : res.history
}
