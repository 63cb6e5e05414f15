/**
 * Admin endpoints under `/_sim/…` (only when `admin: true`): funding, exchange
 * version, tick size, market state, faults, clock, state dump and reset.
 * @module
 */
import { TickSizes } from '@clobkit/eip712-order'
import { type ApiCredentials, Credentials } from '@clobkit/l2-auth'
import { credit } from '../engine.js'
import { addFault, faultView, parseFault } from '../faults.js'
import { type Ctx, error, isObject, isTokenId, json, ok, type Reply } from '../http.js'
import { check } from '../invariants.js'
import { buildState } from '../seed.js'
import type { MarketState } from '../state.js'
import { formatPrice, formatUnits, parsePrice, parseUnits } from '../units.js'
import { admin, type RouteTable } from './route.js'

const ADDRESS = /^0x[0-9a-fA-F]{40}$/

function balances(ctx: Ctx, address: string): Record<string, unknown> {
  const a = ctx.rt.state.accounts.get(address)
  const tokens: Record<string, string> = {}
  for (const [tid, v] of a?.tokens ?? []) if (v !== 0n) tokens[tid] = formatUnits(v)
  return { address, collateral: formatUnits(a?.collateral ?? 0n), tokens }
}

function fund(ctx: Ctx): Reply {
  const body = json(ctx)
  if (!isObject(body))
    return error(400, 'expected {"address": "0x…", "collateral"?: "1000", "tokens"?: {...}}')
  const address = body.address
  if (typeof address !== 'string' || !ADDRESS.test(address))
    return error(400, 'address: expected a 0x address')
  const credits: [string, bigint][] = []
  if (body.collateral !== undefined) {
    const c = typeof body.collateral === 'string' ? parseUnits(body.collateral) : undefined
    if (c === undefined)
      return error(400, 'collateral: expected a decimal string of whole units, e.g. "1000"')
    credits.push(['', c])
  }
  if (body.tokens !== undefined) {
    if (!isObject(body.tokens)) return error(400, 'tokens: expected {"<tokenId>": "500"}')
    for (const [tid, v] of Object.entries(body.tokens)) {
      if (!ctx.rt.state.tokens.has(tid)) return error(400, `tokens: unknown token id ${tid.slice(0, 80)}`)
      const u = typeof v === 'string' ? parseUnits(v) : undefined
      if (u === undefined)
        return error(400, `tokens.${tid.slice(0, 80)}: expected a decimal string of whole units`)
      credits.push([tid, u])
    }
  }
  const addr = address.toLowerCase()
  for (const [asset, amount] of credits) credit(ctx.rt.state, addr, asset, amount)
  return ok(balances(ctx, addr))
}

function setVersion(ctx: Ctx): Reply {
  const body = json(ctx)
  if (!isObject(body) || (body.version !== 1 && body.version !== 2 && body.version !== 3)) {
    return error(400, 'expected {"version": 1|2|3}')
  }
  ctx.rt.state.config.version = body.version
  return ok({ version: body.version })
}

function marketOf(ctx: Ctx, body: Record<string, unknown>): MarketState | Reply {
  if (typeof body.condition_id === 'string') {
    const m = ctx.rt.state.markets.get(body.condition_id.toLowerCase())
    return m ?? error(404, 'market not found')
  }
  if (isTokenId(body.token_id)) {
    const t = ctx.rt.state.tokens.get(body.token_id)
    return t?.market ?? error(404, 'market not found')
  }
  return error(400, 'expected "condition_id" or "token_id"')
}

function setTickSize(ctx: Ctx): Reply {
  const body = json(ctx)
  if (!isObject(body)) return error(400, 'expected {"token_id" | "condition_id", "tick_size"}')
  const tick = body.tick_size
  if (typeof tick !== 'string' || !(TickSizes as readonly string[]).includes(tick)) {
    return error(400, `tick_size: expected one of ${TickSizes.join(', ')}`)
  }
  const m = marketOf(ctx, body)
  if ('status' in m) return m
  m.tickSize = tick as MarketState['tickSize']
  m.tickMicros = parsePrice(tick) ?? m.tickMicros
  for (const t of m.tokens) t.bookTimestamp = ctx.rt.clock.now()
  return ok({ condition_id: m.conditionId, tick_size: m.tickSize })
}

function setMarket(ctx: Ctx): Reply {
  const body = json(ctx)
  if (!isObject(body))
    return error(400, 'expected {"condition_id" | "token_id", "accepting_orders": boolean}')
  if (typeof body.accepting_orders !== 'boolean') return error(400, 'accepting_orders: expected a boolean')
  const m = marketOf(ctx, body)
  if ('status' in m) return m
  m.acceptingOrders = body.accepting_orders
  return ok({ condition_id: m.conditionId, accepting_orders: m.acceptingOrders })
}

/** The latest instant a JavaScript `Date` can hold: sim time never goes past it. */
const MAX_TIME_MS = 8.64e15

function timeError(field: string, message: string): Reply {
  return error(400, `${field}: ${message}`, { code: 'INVALID_TIME', field })
}

function time(ctx: Ctx): Reply {
  if (ctx.method === 'GET') return ok({ nowMs: ctx.rt.clock.now() })
  const body = json(ctx)
  if (!isObject(body)) return timeError('body', 'expected {"advanceMs": n} or {"nowMs": n}')
  for (const k of Object.keys(body)) {
    if (k !== 'advanceMs' && k !== 'nowMs') return timeError(k.slice(0, 40), 'unknown field')
  }
  const { advanceMs, nowMs } = body
  if ((advanceMs === undefined) === (nowMs === undefined)) {
    return timeError('body', 'give exactly one of advanceMs and nowMs')
  }
  const now = ctx.rt.clock.now()
  if (nowMs !== undefined) {
    if (typeof nowMs !== 'number' || !Number.isInteger(nowMs) || nowMs < 0 || nowMs > MAX_TIME_MS) {
      return timeError('nowMs', `expected an integer number of ms since 1970 between 0 and ${MAX_TIME_MS}`)
    }
    return ok({ nowMs: ctx.rt.clock.set(nowMs) })
  }
  if (typeof advanceMs !== 'number' || !Number.isInteger(advanceMs) || advanceMs < 0) {
    return timeError('advanceMs', 'expected a non-negative integer number of ms')
  }
  if (now + advanceMs > MAX_TIME_MS) {
    return timeError(
      'advanceMs',
      `would move the sim past ${MAX_TIME_MS} ms (the last valid Date); at most ${Math.max(0, MAX_TIME_MS - now)}`,
    )
  }
  return ok({ nowMs: ctx.rt.clock.advance(advanceMs) })
}

function dump(ctx: Ctx): Reply {
  const s = ctx.rt.state
  let open = 0
  for (const o of s.orders.values()) if (o.status === 'LIVE') open++
  const accounts: Record<string, unknown> = {}
  for (const [addr, a] of s.accounts) {
    const tokens: Record<string, { balance: string; reserved: string }> = {}
    for (const [tid, v] of a.tokens)
      tokens[tid] = { balance: formatUnits(v), reserved: formatUnits(a.reservedTokens.get(tid) ?? 0n) }
    accounts[addr] = {
      collateral: formatUnits(a.collateral),
      reservedCollateral: formatUnits(a.reservedCollateral),
      tokens,
    }
  }
  return ok({
    nowMs: ctx.rt.clock.now(),
    chainId: s.config.chainId,
    version: s.config.version,
    markets: s.marketList.map((m) => ({
      condition_id: m.conditionId,
      tick_size: m.tickSize,
      neg_risk: m.negRisk,
      accepting_orders: m.acceptingOrders,
      tokens: m.tokens.map((t) => ({
        token_id: t.tokenId,
        bids: t.bids.levels.map((l) => ({
          price: formatPrice(l.priceMicros),
          size: formatUnits(l.size),
          orders: l.orders.length - l.head,
        })),
        asks: t.asks.levels.map((l) => ({
          price: formatPrice(l.priceMicros),
          size: formatUnits(l.size),
          orders: l.orders.length - l.head,
        })),
      })),
    })),
    accounts,
    orders: { open, retained: s.orders.size },
    trades: s.trades.length,
    keys: [...s.keys.values()].map((k) => ({
      apiKey: k.key,
      address: k.address,
      kind: k.kind,
      nonce: k.nonce,
    })),
    heartbeats: [...s.heartbeats.entries()].map(([key, h]) => ({
      apiKey: key,
      lastMs: h.lastMs,
      expired: h.expired,
    })),
    faults: s.faults.map(faultView),
    invariants: check(s),
  })
}

function reset(ctx: Ctx): Reply {
  const body = ctx.body.trim() === '' ? {} : json(ctx)
  if (!isObject(body)) return error(400, 'expected {"keepKeys"?: boolean}')
  const old = ctx.rt.state
  const next = buildState(ctx.rt.seed, old.config, ctx.rt.clock.now())
  if (body.keepKeys === true) {
    for (const [k, v] of old.keys) next.keys.set(k, v)
    for (const [k, v] of old.derived) next.derived.set(k, v)
    for (const [k, v] of old.builderKeys) next.builderKeys.set(k, v)
    for (const [k, v] of old.readonlyKeys) next.readonlyKeys.set(k, v)
  }
  ctx.rt.state = next
  return ok({ reset: true, keptKeys: body.keepKeys === true })
}

function importKey(ctx: Ctx): Reply {
  const body = json(ctx)
  if (!isObject(body)) return error(400, 'expected {"address", "apiKey", "secret", "passphrase"}')
  const { address, apiKey, secret, passphrase } = body
  if (typeof address !== 'string' || !ADDRESS.test(address))
    return error(400, 'address: expected a 0x address')
  let credentials: ApiCredentials
  try {
    credentials = Credentials.from({
      key: apiKey as string,
      secret: secret as string,
      passphrase: passphrase as string,
    })
  } catch (e) {
    return error(400, e instanceof Error ? e.message : 'invalid credentials')
  }
  ctx.rt.state.keys.set(credentials.key, {
    key: credentials.key,
    credentials,
    address: address.toLowerCase(),
    nonce: 'imported',
    createdAt: ctx.rt.clock.now(),
    kind: 'imported',
  })
  return ok({ apiKey: credentials.key, address: address.toLowerCase() })
}

export const adminRoutes: RouteTable = {
  '/_sim/keys': [admin('POST', importKey)],
  '/_sim/fund': [admin('POST', fund)],
  '/_sim/version': [
    admin('POST', setVersion),
    admin('GET', (ctx) => ok({ version: ctx.rt.state.config.version })),
  ],
  '/_sim/tick-size': [admin('POST', setTickSize)],
  '/_sim/market': [admin('POST', setMarket)],
  '/_sim/faults': [
    admin('POST', (ctx) => {
      const spec = parseFault(json(ctx))
      if (typeof spec === 'string') return error(400, spec)
      return ok(faultView(addFault(ctx.rt.state, spec)))
    }),
    admin('GET', (ctx) => ok(ctx.rt.state.faults.map(faultView))),
    admin('DELETE', (ctx) => {
      const n = ctx.rt.state.faults.length
      ctx.rt.state.faults = []
      return ok({ cleared: n })
    }),
  ],
  '/_sim/time': [admin('GET', time), admin('POST', time)],
  '/_sim/state': [admin('GET', dump)],
  '/_sim/reset': [admin('POST', reset)],
}
