/**
 * Public endpoints (PROTOCOL.md §5.1): health, time, version, markets, books,
 * prices, midpoints, spreads, last trades, tick size, neg risk, fee rate,
 * price history, rewards listings, live activity and builder fees.
 * @module
 */

import { PRICE_HISTORY_POINTS } from '../engine.js'
import {
  type BadRequest,
  type Ctx,
  END_CURSOR,
  error,
  isObject,
  isTokenId,
  json,
  ok,
  page,
  type Reply,
  reject,
  tokenIdParam,
} from '../http.js'
import type { MarketState, TokenState } from '../state.js'
import { formatPrice, formatUnits } from '../units.js'
import {
  bestAsk,
  bestBid,
  bookView,
  clobMarketView,
  lastTradePrice,
  marketView,
  midpoint,
  simplifiedMarketView,
} from '../views.js'
import { pub, type Route, type RouteTable } from './route.js'

const NO_BOOK = 'No orderbook exists for the requested token id'

function token(ctx: Ctx, id: string): TokenState {
  const t = ctx.rt.state.tokens.get(id)
  if (!t) throw { badRequest: error(404, NO_BOOK) } satisfies BadRequest
  return t
}

function market(ctx: Ctx, cid: string): MarketState {
  const m = ctx.rt.state.markets.get(cid.toLowerCase())
  if (!m) throw { badRequest: error(404, 'market not found') } satisfies BadRequest
  return m
}

/** Reads a JSON array body of `{token_id, side?}` params (max 500). */
function tokenParams(ctx: Ctx): { token_id: string; side?: string }[] {
  const body = json(ctx)
  if (!Array.isArray(body)) throw reject(400, 'Invalid payload: expected an array of {token_id}')
  if (body.length > 500) throw reject(400, 'Invalid payload: at most 500 items')
  return body.map((p) => {
    if (!isObject(p) || !isTokenId(p.token_id))
      throw reject(400, 'Invalid payload: each item needs a token_id')
    if (p.side !== undefined && p.side !== 'BUY' && p.side !== 'SELL') {
      throw reject(400, 'Invalid payload: side must be BUY or SELL')
    }
    return p.side === undefined ? { token_id: p.token_id } : { token_id: p.token_id, side: p.side as string }
  })
}

/** `/price` semantics of the live exchange: side=BUY → best bid, side=SELL → best ask. */
function priceFor(t: TokenState, side: string): number | undefined {
  return side === 'BUY' ? bestBid(t) : bestAsk(t)
}

function spread(t: TokenState): string | undefined {
  const b = bestBid(t)
  const a = bestAsk(t)
  return b === undefined || a === undefined ? undefined : formatPrice(a - b)
}

function lastTrade(t: TokenState): { price: string; side: string } {
  const p = lastTradePrice(t)
  return { price: p === '' ? '0.5' : p, side: t.lastTrade?.side ?? '' }
}

const historySpan: Record<string, number> = {
  max: Infinity,
  '1w': 7 * 86400,
  '1d': 86400,
  '6h': 6 * 3600,
  '1h': 3600,
  '1m': 60,
}

function priceHistory(ctx: Ctx): Reply {
  const id = tokenIdParam(ctx, 'market')
  const t = token(ctx, id)
  const nowS = Math.floor(ctx.rt.clock.now() / 1000)
  const interval = ctx.query.get('interval')
  const startTs = ctx.query.get('startTs')
  const endTs = ctx.query.get('endTs')
  let from = 0
  let to = Infinity
  if (interval !== null) {
    const span = historySpan[interval]
    if (span === undefined)
      return error(400, 'Invalid payload: interval must be one of max, 1w, 1d, 6h, 1h, 1m')
    from = nowS - span
  } else if (startTs !== null && endTs !== null && /^\d{1,12}$/.test(startTs) && /^\d{1,12}$/.test(endTs)) {
    from = Number(startTs)
    to = Number(endTs)
  } else {
    return error(400, 'Invalid payload: either interval or both startTs and endTs are required')
  }
  const history = t.history
    .slice(-PRICE_HISTORY_POINTS)
    .filter((h) => h.t >= from && h.t <= to)
    .map((h) => ({ t: h.t, p: h.p / 1_000_000 }))
  return ok({ history })
}

function liveActivity(ctx: Ctx): Reply {
  const m = market(ctx, ctx.param)
  const events = ctx.rt.state.trades
    .filter((t) => t.market === m.conditionId)
    .slice(-100)
    .reverse()
    .map((t) => {
      const tok = ctx.rt.state.tokens.get(t.assetId)
      return {
        event_type: 'trade',
        market: {
          condition_id: m.conditionId,
          asset_id: t.assetId,
          question: m.question,
          icon: '',
          slug: m.slug,
        },
        user: {
          address: t.makerAddress,
          username: '',
          profile_picture: '',
          optimized_profile_picture: '',
          pseudonym: '',
        },
        side: t.side,
        size: formatUnits(t.size),
        fee_rate_bps: String(t.feeRateBps),
        price: formatPrice(t.priceMicros),
        outcome: t.outcome,
        outcome_index: tok?.outcomeIndex ?? 0,
        transaction_hash: t.transactionHash,
        timestamp: t.matchTime,
      }
    })
  return ok(events)
}

function builderTrades(ctx: Ctx): Reply {
  const code = ctx.query.get('builder_code')
  if (code === null || !/^0x[0-9a-fA-F]{64}$/.test(code) || /^0x0{64}$/.test(code)) {
    return error(400, 'builder_code is required and cannot be zero')
  }
  const c = code.toLowerCase()
  const items = ctx.rt.state.trades.filter((t) => t.builder === c)
  return page(
    ctx,
    items,
    (t) => {
      const tok = ctx.rt.state.tokens.get(t.assetId)
      const iso = new Date(t.matchTimeMs).toISOString()
      return {
        id: t.id,
        tradeType: 'TAKER',
        takerOrderHash: t.takerOrderId,
        builder: t.builder,
        market: t.market,
        assetId: t.assetId,
        side: t.side,
        size: formatUnits(t.size),
        sizeUsdc: formatUnits((t.size * BigInt(t.priceMicros)) / 1_000_000n),
        price: formatPrice(t.priceMicros),
        status: t.status,
        outcome: t.outcome,
        outcomeIndex: tok?.outcomeIndex ?? 0,
        owner: t.owner,
        maker: t.makerAddress,
        transactionHash: t.transactionHash,
        matchTime: String(t.matchTime),
        bucketIndex: 0,
        fee: '0',
        feeUsdc: '0',
        builderFee: 0,
        builderCode: t.builder,
        createdAt: iso,
        updatedAt: iso,
      }
    },
    ctx.rt.state.config.pageSize,
  )
}

function emptyPage(): Reply {
  return ok({ limit: 0, count: 0, next_cursor: END_CURSOR, data: [] })
}

const health: Route = pub('GET', () => ok('OK'))

function lookup(ctx: Ctx, f: (t: TokenState) => Reply): Reply {
  return f(token(ctx, tokenIdParam(ctx)))
}

/** Exact-path public routes. */
export const publicRoutes: RouteTable = {
  '/': [health],
  '/ok': [health],
  '/time': [pub('GET', (ctx) => ok(Math.floor(ctx.rt.clock.now() / 1000)))],
  '/version': [pub('GET', (ctx) => ok({ version: ctx.rt.state.config.version }))],
  '/markets': [
    pub('GET', (ctx) => page(ctx, ctx.rt.state.marketList, (m) => marketView(ctx.rt.state, m), 500)),
  ],
  '/sampling-markets': [
    pub('GET', (ctx) =>
      page(
        ctx,
        ctx.rt.state.marketList.filter((m) => m.rewards),
        (m) => marketView(ctx.rt.state, m),
        500,
      ),
    ),
  ],
  '/simplified-markets': [
    pub('GET', (ctx) =>
      page(ctx, ctx.rt.state.marketList, (m) => simplifiedMarketView(ctx.rt.state, m), 1000),
    ),
  ],
  '/sampling-simplified-markets': [
    pub('GET', (ctx) =>
      page(
        ctx,
        ctx.rt.state.marketList.filter((m) => m.rewards),
        (m) => simplifiedMarketView(ctx.rt.state, m),
        1000,
      ),
    ),
  ],
  '/clob-markets': [pub('GET', (ctx) => page(ctx, ctx.rt.state.marketList, clobMarketView, 1000))],
  '/book': [pub('GET', (ctx) => lookup(ctx, (t) => ok(bookView(t))))],
  '/books': [pub('POST', (ctx) => ok(tokenParams(ctx).map((p) => bookView(token(ctx, p.token_id)))))],
  '/midpoint': [
    pub('GET', (ctx) =>
      lookup(ctx, (t) => {
        const mid = midpoint(t)
        return mid === undefined
          ? error(404, 'No midpoint: the book has an empty side')
          : ok({ mid: formatPrice(mid) })
      }),
    ),
  ],
  '/midpoints': [
    pub('POST', (ctx) => {
      const out: Record<string, string> = {}
      for (const p of tokenParams(ctx)) {
        const mid = midpoint(token(ctx, p.token_id))
        if (mid !== undefined) out[p.token_id] = formatPrice(mid)
      }
      return ok(out)
    }),
  ],
  '/price': [
    pub('GET', (ctx) => {
      const side = ctx.query.get('side')
      if (side !== 'BUY' && side !== 'SELL') return error(400, 'Invalid payload: side must be BUY or SELL')
      return lookup(ctx, (t) => {
        const p = priceFor(t, side)
        return p === undefined
          ? error(404, 'No orders on that side of the book')
          : ok({ price: formatPrice(p) })
      })
    }),
  ],
  '/prices': [
    pub('POST', (ctx) => {
      const out: Record<string, Record<string, string>> = {}
      for (const p of tokenParams(ctx)) {
        const t = token(ctx, p.token_id)
        const entry = out[p.token_id] ?? {}
        for (const side of p.side ? [p.side] : ['BUY', 'SELL']) {
          const price = priceFor(t, side)
          if (price !== undefined) entry[side] = formatPrice(price)
        }
        out[p.token_id] = entry
      }
      return ok(out)
    }),
    pub('GET', (ctx) => {
      const out: Record<string, Record<string, string>> = {}
      for (const t of ctx.rt.state.tokens.values()) {
        const entry: Record<string, string> = {}
        const b = bestBid(t)
        const a = bestAsk(t)
        if (b !== undefined) entry.BUY = formatPrice(b)
        if (a !== undefined) entry.SELL = formatPrice(a)
        out[t.tokenId] = entry
      }
      return ok(out)
    }),
  ],
  '/spread': [
    pub('GET', (ctx) =>
      lookup(ctx, (t) => {
        const s = spread(t)
        return s === undefined ? error(404, 'No spread: the book has an empty side') : ok({ spread: s })
      }),
    ),
  ],
  '/spreads': [
    pub('POST', (ctx) => {
      const out: Record<string, string> = {}
      for (const p of tokenParams(ctx)) {
        const s = spread(token(ctx, p.token_id))
        if (s !== undefined) out[p.token_id] = s
      }
      return ok(out)
    }),
  ],
  '/last-trade-price': [pub('GET', (ctx) => lookup(ctx, (t) => ok(lastTrade(t))))],
  '/last-trades-prices': ['POST', 'GET'].map((method) =>
    pub(method, (ctx) =>
      ok(tokenParams(ctx).map((p) => ({ token_id: p.token_id, ...lastTrade(token(ctx, p.token_id)) }))),
    ),
  ),
  '/tick-size': [
    pub('GET', (ctx) => lookup(ctx, (t) => ok({ minimum_tick_size: Number(t.market.tickSize) }))),
  ],
  '/neg-risk': [pub('GET', (ctx) => lookup(ctx, (t) => ok({ neg_risk: t.market.negRisk })))],
  '/fee-rate': [pub('GET', (ctx) => lookup(ctx, (t) => ok({ base_fee: t.market.fees.baseFeeBps })))],
  '/prices-history': [pub('GET', priceHistory)],
  '/rewards/markets/current': [pub('GET', emptyPage)],
  '/builder/trades': [pub('GET', builderTrades)],
}

/** Prefix routes `/<prefix>/{param}` (the param is one path segment). */
export const publicPrefixRoutes: RouteTable = {
  '/markets/': [pub('GET', (ctx) => ok(marketView(ctx.rt.state, market(ctx, ctx.param))))],
  '/clob-markets/': [pub('GET', (ctx) => ok(clobMarketView(market(ctx, ctx.param))))],
  '/markets-by-token/': [
    pub('GET', (ctx) => {
      if (!isTokenId(ctx.param))
        return error(400, 'Invalid payload: token id must be a uint256 decimal string')
      const t = token(ctx, ctx.param)
      const [yes, no] = t.market.tokens
      return ok({
        condition_id: t.market.conditionId,
        primary_token_id: yes?.tokenId ?? '',
        secondary_token_id: no?.tokenId ?? '',
      })
    }),
  ],
  '/rewards/markets/': [
    pub('GET', (ctx) => {
      market(ctx, ctx.param)
      return emptyPage()
    }),
  ],
  '/markets/live-activity/': [pub('GET', liveActivity)],
  '/live-activity/events/': [pub('GET', liveActivity)],
  '/fees/builder-fees/': [
    pub('GET', (ctx) => {
      if (!/^0x[0-9a-fA-F]{64}$/.test(ctx.param))
        return error(400, 'Invalid payload: builder code must be bytes32 hex')
      return ok({ builder_maker_fee_rate_bps: 0, builder_taker_fee_rate_bps: 0 })
    }),
  ],
}
