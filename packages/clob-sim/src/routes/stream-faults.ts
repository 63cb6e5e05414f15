/**
 * Admin endpoints of the WebSocket streams (only when `admin: true`): stream
 * faults (`ws/faults.ts`), the open connections, and the custom-feature events
 * that need an exchange-side trigger (`new_market`, `market_resolved`).
 * @module
 */
import { InvalidParameterError } from '@clobkit/eip712-order'
import { cancel, failNext } from '../engine.js'
import { type Ctx, error, isObject, isTokenId, json, ok, type Reply } from '../http.js'
import { listMarket, parseSeed } from '../seed.js'
import { parseStreamFault } from '../ws/faults.js'
import { type Streams, streamsOf } from '../ws/hub.js'
import { admin, type RouteTable } from './route.js'

function withStreams(fn: (ctx: Ctx, s: Streams) => Reply): (ctx: Ctx) => Reply {
  return (ctx) => {
    const s = streamsOf(ctx.rt)
    return s ? fn(ctx, s) : error(503, 'streams are not running')
  }
}

function addFault(ctx: Ctx, s: Streams): Reply {
  const spec = parseStreamFault(json(ctx))
  if (typeof spec === 'string') return error(400, spec)
  return ok({ ...s.addFault(spec), kind: spec.kind })
}

/** `POST /_sim/resolve {condition_id, winning_asset_id}`: closes the market, cancels its orders, sends `market_resolved`. */
function resolve(ctx: Ctx, s: Streams): Reply {
  const body = json(ctx)
  if (!isObject(body) || typeof body.condition_id !== 'string' || !isTokenId(body.winning_asset_id)) {
    return error(400, 'expected {"condition_id": "0x…", "winning_asset_id": "<token id>"}')
  }
  const state = ctx.rt.state
  const m = state.markets.get(body.condition_id.toLowerCase())
  if (!m) return error(404, 'market not found')
  const winner = m.tokens.find((t) => t.tokenId === body.winning_asset_id)
  if (!winner) return error(400, 'winning_asset_id: not a token of this market')
  m.acceptingOrders = false
  const nowMs = ctx.rt.clock.now()
  let canceled = 0
  for (const t of m.tokens) {
    for (const side of [t.bids, t.asks]) {
      for (const level of [...side.levels]) {
        for (const o of level.orders.slice(level.head))
          if (cancel(state, o, 'market resolved', nowMs)) canceled++
      }
    }
  }
  return ok({
    condition_id: m.conditionId,
    winning_asset_id: winner.tokenId,
    canceled,
    notified: s.announceResolution(m, winner),
  })
}

/** `POST /_sim/ws/new-market {condition_id}`: sends `new_market` for a market the sim has. */
function announce(ctx: Ctx, s: Streams): Reply {
  const body = json(ctx)
  if (!isObject(body) || typeof body.condition_id !== 'string')
    return error(400, 'expected {"condition_id": "0x…"}')
  const m = ctx.rt.state.markets.get(body.condition_id.toLowerCase())
  if (!m) return error(404, 'market not found')
  return ok({ condition_id: m.conditionId, notified: s.announceMarket(m) })
}

/** `POST /_sim/markets <market in the seed format>`: lists a new market and sends `new_market`. */
function addMarket(ctx: Ctx, s: Streams): Reply {
  const body = json(ctx)
  let market: ReturnType<typeof parseSeed>['markets'][number]
  try {
    market = parseSeed({ markets: [body] }).markets[0] as typeof market
  } catch (e) {
    if (e instanceof InvalidParameterError) return error(400, e.message.replace('seed.markets[0]', 'market'))
    throw e
  }
  const m = listMarket(ctx.rt.state, market, ctx.rt.clock.now())
  if (typeof m === 'string') return error(409, m)
  return ok({
    condition_id: m.conditionId,
    tokens: m.tokens.map((t) => t.tokenId),
    notified: s.announceMarket(m),
  })
}

/** `POST /_sim/trades/fail {"count"?: n}`: the next n trades settle RETRYING → FAILED. */
function failTrades(ctx: Ctx): Reply {
  const body = ctx.body.trim() === '' ? {} : json(ctx)
  const count = isObject(body) ? (body.count ?? 1) : undefined
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1_000_000)
    return error(400, 'expected {"count"?: a positive integer}')
  return ok({ failNext: failNext(ctx.rt.state, count) })
}

export const streamAdminRoutes: RouteTable = {
  '/_sim/ws/faults': [
    admin('POST', withStreams(addFault)),
    admin(
      'GET',
      withStreams((_ctx, s) => ok(s.faultsView())),
    ),
    admin(
      'DELETE',
      withStreams((_ctx, s) => ok(s.clearFaults())),
    ),
  ],
  '/_sim/ws/connections': [
    admin(
      'GET',
      withStreams((_ctx, s) => ok(s.connectionsView())),
    ),
  ],
  '/_sim/ws/new-market': [admin('POST', withStreams(announce))],
  '/_sim/markets': [admin('POST', withStreams(addMarket))],
  '/_sim/trades/fail': [admin('POST', failTrades)],
  '/_sim/resolve': [admin('POST', withStreams(resolve))],
}
