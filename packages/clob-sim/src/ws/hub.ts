/**
 * The sim's WebSocket streams (PROTOCOL-WS.md): `/ws/market` and `/ws/user` on
 * the sim's own port through HTTP upgrade. The hub observes the engine
 * (`events.ts`), gathers what one synchronous engine step changed, and sends it
 * in a microtask: per market connection `last_trade_price`, one `price_change` per
 * market, a `book` for each traded asset and, with custom features, `best_bid_ask`;
 * per user connection the key's `order` and `trade` events. One event goes out as
 * an object, several as one array frame. Stream faults (`faults.ts`) apply at
 * delivery.
 * @module
 */
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { WsAuth } from '@clobkit/clob-types/ws'
import type { Side } from '@clobkit/eip712-order'
import { type RawData, type WebSocket, WebSocketServer } from 'ws'
import { invalidOption } from '../errors.js'
import { observe } from '../events.js'
import type { Runtime } from '../http.js'
import type { MarketState, SimState, SimTrade, TokenState } from '../state.js'
import type { SimStreamOptions } from '../types.js'
import { bookView } from '../views.js'
import type { PendingStreamFault, StreamFaultSpec } from './faults.js'
import { type Channel, readFrame } from './requests.js'
import {
  bestBidAskEvent,
  bookEvent,
  lastTradePriceEvent,
  marketResolvedEvent,
  newMarketEvent,
  orderEvent,
  priceChangeEntry,
  priceChangeEvent,
  tickSizeChangeEvent,
  topOf,
  tradeEvent,
  type WireEvent,
} from './wire.js'

/** The close code the sim uses when it refuses user-channel credentials (the exchange documents none). */
export const AUTH_FAILED_CLOSE_CODE = 1008

interface Delayed {
  readonly dueMs: number
  readonly text: string
}

interface Conn {
  readonly id: number
  readonly channel: Channel
  readonly ws: WebSocket
  readonly openedAtMs: number
  /** performance.now() of the last frame received (idle timeout). */
  lastInbound: number
  closed: boolean
  received: number
  sent: number
  invalid: number
  // market channel
  readonly assets: Set<string>
  readonly firstBookSent: Set<string>
  custom: boolean
  // user channel
  apiKey: string | undefined
  allMarkets: boolean
  readonly markets: Set<string>
  readonly excluded: Set<string>
  // faults
  halfOpen: boolean
  pongOnly: boolean
  silentAssets: Set<string> | undefined
  delayMs: number
  readonly delayed: Delayed[]
}

interface UserItem {
  readonly key: string
  readonly market: string
  readonly event: WireEvent
}

interface Level {
  readonly token: TokenState
  readonly side: Side
  readonly priceMicros: number
}

interface Config {
  readonly maxAssets: number
  readonly overCap: 'ignore' | 'close'
  readonly idleTimeoutMs: number
}

/** The hub as the server and the admin routes use it. */
export interface Streams {
  /** The server's `upgrade` handler. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void
  /** Re-attaches after a reset and reports tick-size changes; called after each request. */
  sync(): void
  /** Maintenance: `sync`, due delayed frames, idle connections. */
  tick(): void
  close(): void
  /** Applies a stream fault; returns how many connections it touched now. */
  addFault(spec: StreamFaultSpec): { id: number; connections: number }
  /** Clears every stream fault; held frames are sent at once. */
  clearFaults(): { cleared: number }
  faultsView(): unknown
  connectionsView(): unknown
  /** Sends `new_market` to every custom-feature market connection. */
  announceMarket(m: MarketState): number
  /** Sends `market_resolved` to every custom-feature market connection. */
  announceResolution(m: MarketState, winner: TokenState): number
}

const registry = new WeakMap<Runtime, Streams>()

/** The streams of a running sim (for its admin routes). */
export function streamsOf(rt: Runtime): Streams | undefined {
  return registry.get(rt)
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8')
  const y = Buffer.from(b, 'utf8')
  return x.length === y.length && timingSafeEqual(x, y)
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8')
  return data.toString('utf8')
}

function assetOf(e: WireEvent): string | undefined {
  return typeof e.asset_id === 'string' ? e.asset_id : undefined
}

function int(v: unknown, name: string, min: number, max: number, dflt: number): number {
  if (v === undefined) return dflt
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw invalidOption(name, `expected an integer between ${min} and ${max}`)
  }
  return v
}

function config(options: SimStreamOptions): Config {
  if (typeof options !== 'object' || options === null) throw invalidOption('streams', 'expected an object')
  const overCap = options.overCap ?? 'ignore'
  if (overCap !== 'ignore' && overCap !== 'close')
    throw invalidOption('streams.overCap', 'expected "ignore" or "close"')
  return {
    maxAssets: int(options.maxAssetsPerConnection, 'streams.maxAssetsPerConnection', 1, 1_000_000, 500),
    overCap,
    idleTimeoutMs: int(options.idleTimeoutMs, 'streams.idleTimeoutMs', 0, 86_400_000, 60_000),
  }
}

export function createStreams(rt: Runtime, options: SimStreamOptions = {}): Streams {
  const cfg = config(options)
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024, clientTracking: false })
  const conns = new Map<number, Conn>()
  const byAsset = new Map<string, Set<Conn>>()
  const byKey = new Map<string, Set<Conn>>()
  let nextConn = 0
  let nextFault = 0
  let pendingFaults: PendingStreamFault[] = []
  const applied: { id: number; spec: StreamFaultSpec; connections: number[] }[] = []

  // what one engine step changed, sent in a microtask
  let scheduled = false
  const levels = new Map<string, Level>()
  const trades: SimTrade[] = []
  const userItems: UserItem[] = []
  const lastTop = new Map<TokenState, string>()
  const ticks = new Map<MarketState, string>()
  let attached: SimState | undefined
  let releaseTimer: NodeJS.Timeout | undefined
  let closed = false

  const log = rt.log
  const now = () => rt.clock.now()

  function schedule(): void {
    if (scheduled) return
    scheduled = true
    queueMicrotask(flush)
  }

  const observer = {
    level(token: TokenState, side: Side, priceMicros: number) {
      if (!byAsset.has(token.tokenId)) return
      levels.set(`${token.tokenId}|${side}|${priceMicros}`, { token, side, priceMicros })
      schedule()
    },
    order(o: Parameters<typeof orderEvent>[0], kind: Parameters<typeof orderEvent>[1], nowMs: number) {
      if (!byKey.has(o.owner)) return
      userItems.push({ key: o.owner, market: o.market, event: orderEvent(o, kind, nowMs) })
      schedule()
    },
    trade(t: SimTrade, nowMs: number) {
      if (t.status === 'MATCHED' && byAsset.has(t.assetId)) trades.push(t)
      const keys = new Set<string>()
      if (t.owner !== '') keys.add(t.owner)
      for (const m of t.makerOrders) if (m.owner !== '') keys.add(m.owner)
      for (const key of keys) {
        if (byKey.has(key)) userItems.push({ key, market: t.market, event: tradeEvent(t, key, nowMs) })
      }
      schedule()
    },
  }

  function attach(): void {
    const state = rt.state
    if (state === attached) return
    const first = attached === undefined
    if (attached) observe(attached, undefined)
    attached = state
    observe(state, observer)
    levels.clear()
    trades.length = 0
    lastTop.clear()
    ticks.clear()
    for (const m of state.marketList) ticks.set(m, m.tickSize)
    if (first) return
    // after a reset every subscriber gets the new books
    for (const c of conns.values()) {
      if (c.channel !== 'market') continue
      const events: WireEvent[] = []
      for (const a of c.assets) {
        const t = state.tokens.get(a)
        if (t) events.push(bookEvent(t, false))
      }
      deliver(c, events)
    }
  }

  function checkTicks(): void {
    const state = rt.state
    for (const m of state.marketList) {
      const prev = ticks.get(m)
      if (prev === m.tickSize) continue
      ticks.set(m, m.tickSize)
      if (prev === undefined) continue
      const nowMs = now()
      for (const t of m.tokens) {
        const subs = byAsset.get(t.tokenId)
        if (!subs) continue
        const e = tickSizeChangeEvent(t, prev, nowMs)
        for (const c of subs) deliver(c, [e])
      }
    }
  }

  function flush(): void {
    scheduled = false
    if (closed) return
    const nowMs = now()
    // market channel: gather per token, then per connection
    const entriesByMarket = new Map<string, { asset: string; entry: Record<string, unknown> }[]>()
    const hashes = new Map<TokenState, string>()
    const touched = new Set<TokenState>()
    for (const l of levels.values()) {
      touched.add(l.token)
      let hash = hashes.get(l.token)
      if (hash === undefined) {
        hash = bookView(l.token).hash as string
        hashes.set(l.token, hash)
      }
      const market = l.token.market.conditionId
      let list = entriesByMarket.get(market)
      if (!list) {
        list = []
        entriesByMarket.set(market, list)
      }
      list.push({ asset: l.token.tokenId, entry: priceChangeEntry(l.token, l.side, l.priceMicros, hash) })
    }
    levels.clear()
    const traded = new Set<TokenState>()
    const lastTrades: WireEvent[] = []
    for (const t of trades) {
      lastTrades.push(lastTradePriceEvent(t))
      const token = rt.state.tokens.get(t.assetId)
      if (token) traded.add(token)
    }
    trades.length = 0
    const topMoved: TokenState[] = []
    for (const t of touched) {
      const top = JSON.stringify(topOf(t))
      if (lastTop.get(t) !== top) {
        lastTop.set(t, top)
        topMoved.push(t)
      }
    }
    const books = new Map<TokenState, WireEvent>()
    const bbas = new Map<TokenState, WireEvent>()
    if (touched.size > 0 || lastTrades.length > 0) {
      const targets = new Set<Conn>()
      for (const t of touched) for (const c of byAsset.get(t.tokenId) ?? []) targets.add(c)
      for (const e of lastTrades) for (const c of byAsset.get(assetOf(e) ?? '') ?? []) targets.add(c)
      for (const c of targets) {
        const out: WireEvent[] = []
        for (const e of lastTrades) if (c.assets.has(assetOf(e) ?? '')) out.push(e)
        for (const [market, list] of entriesByMarket) {
          const mine = list.filter((x) => c.assets.has(x.asset)).map((x) => x.entry)
          if (mine.length > 0) out.push(priceChangeEvent(market, nowMs, mine))
        }
        for (const t of traded) {
          if (!c.assets.has(t.tokenId)) continue
          let b = books.get(t)
          if (!b) {
            b = bookEvent(t, false)
            books.set(t, b)
          }
          out.push(b)
        }
        if (c.custom) {
          for (const t of topMoved) {
            if (!c.assets.has(t.tokenId)) continue
            let e = bbas.get(t)
            if (!e) {
              e = bestBidAskEvent(t, nowMs)
              bbas.set(t, e)
            }
            out.push(e)
          }
        }
        deliver(c, out)
      }
    }
    // user channel: in the order the engine reported them
    if (userItems.length > 0) {
      const perConn = new Map<Conn, WireEvent[]>()
      for (const item of userItems) {
        for (const c of byKey.get(item.key) ?? []) {
          if (!wantsMarket(c, item.market)) continue
          let list = perConn.get(c)
          if (!list) {
            list = []
            perConn.set(c, list)
          }
          list.push(item.event)
        }
      }
      userItems.length = 0
      for (const [c, list] of perConn) deliver(c, list)
    }
  }

  function wantsMarket(c: Conn, market: string): boolean {
    if (c.excluded.has(market)) return false
    return c.allMarkets || c.markets.has(market)
  }

  // ------------------------------------------------------------ delivery and faults

  function takeDrop(c: Conn, e: WireEvent): boolean {
    for (let i = 0; i < pendingFaults.length; i++) {
      const f = pendingFaults[i] as PendingStreamFault
      const s = f.spec
      if (s.kind !== 'drop-message') continue
      if (s.channel !== undefined && s.channel !== c.channel) continue
      if (s.connection !== undefined && s.connection !== c.id) continue
      if (s.eventType !== undefined && s.eventType !== e.event_type) continue
      f.remaining--
      if (f.remaining <= 0) pendingFaults.splice(i, 1)
      return true
    }
    return false
  }

  function silence(c: Conn, events: WireEvent[]): WireEvent[] {
    const silent = c.silentAssets
    if (!silent) return []
    const out: WireEvent[] = []
    for (const e of events) {
      if (e.event_type === 'price_change') {
        const entries = (e.price_changes as { asset_id: string }[]).filter((x) => !silent.has(x.asset_id))
        if (entries.length === 0) continue
        out.push(
          entries.length === (e.price_changes as unknown[]).length ? e : { ...e, price_changes: entries },
        )
        continue
      }
      const a = assetOf(e)
      if (a !== undefined && silent.has(a)) continue
      out.push(e)
    }
    return out
  }

  function deliver(c: Conn, input: WireEvent[]): void {
    if (c.closed || c.halfOpen || input.length === 0) return
    let events = c.pongOnly ? silence(c, input) : input
    if (pendingFaults.length > 0) events = events.filter((e) => !takeDrop(c, e))
    if (events.length === 0) return
    const text = JSON.stringify(events.length === 1 ? events[0] : events)
    if (c.delayMs > 0 || c.delayed.length > 0) {
      c.delayed.push({ dueMs: now() + c.delayMs, text })
      armRelease(c.delayMs)
      return
    }
    send(c, text)
  }

  function send(c: Conn, text: string): void {
    if (c.closed) return
    c.sent++
    c.ws.send(text, (err) => {
      if (err && log) log({ level: 'debug', msg: 'ws send failed', detail: err.message })
    })
  }

  function armRelease(ms: number): void {
    if (releaseTimer || closed) return
    releaseTimer = setTimeout(
      () => {
        releaseTimer = undefined
        release()
      },
      Math.max(10, ms),
    )
    releaseTimer.unref()
  }

  function release(): void {
    const nowMs = now()
    let next = Number.POSITIVE_INFINITY
    for (const c of conns.values()) {
      let i = 0
      while (i < c.delayed.length && (c.delayed[i] as Delayed).dueMs <= nowMs && !c.halfOpen) {
        send(c, (c.delayed[i] as Delayed).text)
        i++
      }
      if (i > 0) c.delayed.splice(0, i)
      const head = c.delayed[0]
      if (head) next = Math.min(next, head.dueMs - nowMs)
    }
    if (next !== Number.POSITIVE_INFINITY) armRelease(next)
  }

  // ------------------------------------------------------------ connections

  function refuse(c: Conn): void {
    if (c.closed) return
    c.ws.close(AUTH_FAILED_CLOSE_CODE, 'auth failed')
  }

  function forget(c: Conn): void {
    if (c.closed) return
    c.closed = true
    conns.delete(c.id)
    for (const a of c.assets) unindexAsset(c, a)
    if (c.apiKey !== undefined) {
      const set = byKey.get(c.apiKey)
      set?.delete(c)
      if (set && set.size === 0) byKey.delete(c.apiKey)
    }
  }

  function unindexAsset(c: Conn, a: string): void {
    const set = byAsset.get(a)
    set?.delete(c)
    if (set && set.size === 0) byAsset.delete(a)
  }

  function checkAuth(auth: WsAuth | undefined): string | undefined {
    const refusal = pendingFaults.findIndex((f) => f.spec.kind === 'refuse-auth')
    if (refusal >= 0) {
      const f = pendingFaults[refusal] as PendingStreamFault
      f.remaining--
      if (f.remaining <= 0) pendingFaults.splice(refusal, 1)
      return undefined
    }
    if (!auth) return undefined
    const rec = rt.state.keys.get(auth.apiKey)
    if (!rec) return undefined
    const ok =
      sameSecret(rec.credentials.secret, auth.secret) &&
      sameSecret(rec.credentials.passphrase, auth.passphrase)
    return ok ? rec.key : undefined
  }

  function onMarketRequest(c: Conn, r: Extract<ReturnType<typeof readFrame>, { kind: 'request' }>): void {
    if (r.custom !== undefined) c.custom = r.custom
    if (r.operation === 'unsubscribe') {
      for (const a of r.assets) {
        if (c.assets.delete(a)) unindexAsset(c, a)
      }
      return
    }
    const books: WireEvent[] = []
    for (const a of r.assets) {
      if (!c.assets.has(a)) {
        if (c.assets.size >= cfg.maxAssets) {
          if (cfg.overCap === 'close') {
            c.ws.close(1008, 'too many assets')
            return
          }
          continue // silently nothing, as production does past its cap
        }
        c.assets.add(a)
        let set = byAsset.get(a)
        if (!set) {
          set = new Set()
          byAsset.set(a, set)
        }
        set.add(c)
      }
      if (!r.initialDump) continue
      const t = rt.state.tokens.get(a)
      if (!t) continue
      books.push(bookEvent(t, !c.firstBookSent.has(a)))
      c.firstBookSent.add(a)
    }
    deliver(c, books)
  }

  function onUserRequest(c: Conn, r: Extract<ReturnType<typeof readFrame>, { kind: 'request' }>): void {
    if (c.apiKey === undefined || r.auth !== undefined) {
      const key = checkAuth(r.auth)
      if (key === undefined || (c.apiKey !== undefined && key !== c.apiKey)) {
        refuse(c)
        return
      }
      if (c.apiKey === undefined) {
        c.apiKey = key
        let set = byKey.get(key)
        if (!set) {
          set = new Set()
          byKey.set(key, set)
        }
        set.add(c)
      }
    }
    if (r.operation === 'unsubscribe') {
      if (r.markets.length === 0) {
        c.allMarkets = false
        c.markets.clear()
        c.excluded.clear()
      }
      for (const m of r.markets) {
        c.markets.delete(m)
        if (c.allMarkets) c.excluded.add(m)
      }
      return
    }
    if (r.markets.length === 0) {
      c.allMarkets = true
      c.excluded.clear()
    }
    for (const m of r.markets) {
      c.markets.add(m)
      c.excluded.delete(m)
    }
  }

  function onMessage(c: Conn, data: RawData, isBinary: boolean): void {
    c.lastInbound = performance.now()
    c.received++
    if (c.halfOpen || isBinary) return
    const frame = readFrame(c.channel, textOf(data))
    if (frame.kind === 'ping') {
      send(c, 'PONG')
      return
    }
    if (frame.kind === 'invalid') {
      c.invalid++
      // a user subscription whose credentials are missing or malformed is an auth failure
      if (c.channel === 'user' && c.apiKey === undefined && frame.userShaped) {
        refuse(c)
        return
      }
      if (log)
        log({ level: 'debug', msg: 'ws frame ignored', detail: `${c.channel} #${c.id}: ${frame.reason}` })
      return
    }
    if (c.channel === 'market') onMarketRequest(c, frame)
    else onUserRequest(c, frame)
  }

  function open(ws: WebSocket, channel: Channel): void {
    nextConn++
    const c: Conn = {
      id: nextConn,
      channel,
      ws,
      openedAtMs: now(),
      lastInbound: performance.now(),
      closed: false,
      received: 0,
      sent: 0,
      invalid: 0,
      assets: new Set(),
      firstBookSent: new Set(),
      custom: false,
      apiKey: undefined,
      allMarkets: false,
      markets: new Set(),
      excluded: new Set(),
      halfOpen: false,
      pongOnly: false,
      silentAssets: undefined,
      delayMs: 0,
      delayed: [],
    }
    conns.set(c.id, c)
    ws.on('message', (data, isBinary) => {
      try {
        onMessage(c, data, isBinary)
      } catch (e) {
        // a client frame never takes the sim down
        if (log)
          log({
            level: 'error',
            msg: 'ws handler failed',
            detail: e instanceof Error ? e.message : 'unknown',
          })
      }
    })
    ws.on('error', (e) => {
      if (log) log({ level: 'debug', msg: 'ws connection error', detail: e.message })
    })
    ws.on('close', () => forget(c))
  }

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy())
    const url = req.url ?? '/'
    const q = url.indexOf('?')
    const path = (q < 0 ? url : url.slice(0, q)).replace(/\/+$/, '')
    const channel: Channel | undefined =
      path === '/ws/market' ? 'market' : path === '/ws/user' ? 'user' : undefined
    if (!channel || closed) {
      const body = `{"error":"Not found: ${channel ? 'sim stopping' : 'no stream at this path'}"}`
      socket.end(
        `HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\nconnection: close\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
      )
      return
    }
    attach()
    wss.handleUpgrade(req, socket, head, (ws) => open(ws, channel))
  }

  function targets(spec: StreamFaultSpec): Conn[] {
    const out: Conn[] = []
    for (const c of conns.values()) {
      if (spec.channel !== undefined && spec.channel !== c.channel) continue
      if (spec.connection !== undefined && spec.connection !== c.id) continue
      out.push(c)
    }
    return out
  }

  /** A user connection whose key was deleted (or reset away) loses its stream, as a revoked key would. */
  function checkKeys(): void {
    if (byKey.size === 0) return
    for (const [key, set] of byKey) {
      if (rt.state.keys.has(key)) continue
      for (const c of [...set]) refuse(c)
    }
  }

  const streams: Streams = {
    upgrade,
    sync() {
      attach()
      checkTicks()
      checkKeys()
    },
    tick() {
      attach()
      checkTicks()
      release()
      if (cfg.idleTimeoutMs > 0) {
        const limit = performance.now() - cfg.idleTimeoutMs
        for (const c of conns.values()) if (c.lastInbound < limit) c.ws.close(1000, 'idle')
      }
    },
    close() {
      closed = true
      if (releaseTimer) clearTimeout(releaseTimer)
      for (const c of [...conns.values()]) {
        c.ws.terminate()
        forget(c)
      }
      if (attached) observe(attached, undefined)
      wss.close()
    },
    addFault(spec) {
      nextFault++
      const id = nextFault
      if (spec.kind === 'drop-message' || spec.kind === 'refuse-auth') {
        pendingFaults.push({ id, spec, remaining: spec.count })
        return { id, connections: 0 }
      }
      const hit = targets(spec)
      for (const c of hit) {
        switch (spec.kind) {
          case 'drop':
            c.ws.terminate()
            forget(c)
            break
          case 'half-open':
            c.halfOpen = true
            break
          case 'pong-only':
            c.pongOnly = true
            c.silentAssets = spec.assets ? new Set(spec.assets) : undefined
            break
          case 'delay':
            c.delayMs = spec.delayMs
            break
        }
      }
      if (spec.kind !== 'drop') applied.push({ id, spec, connections: hit.map((c) => c.id) })
      return { id, connections: hit.length }
    },
    clearFaults() {
      const cleared = pendingFaults.length + applied.length
      pendingFaults = []
      applied.length = 0
      for (const c of conns.values()) {
        c.halfOpen = false
        c.pongOnly = false
        c.silentAssets = undefined
        c.delayMs = 0
        for (const d of c.delayed) send(c, d.text)
        c.delayed.length = 0
      }
      return { cleared }
    },
    faultsView() {
      return [
        ...applied.map((a) => ({ id: a.id, ...specView(a.spec), connections: a.connections })),
        ...pendingFaults.map((f) => ({ id: f.id, ...specView(f.spec), remaining: f.remaining })),
      ]
    },
    connectionsView() {
      return [...conns.values()].map((c) => ({
        id: c.id,
        channel: c.channel,
        openedAtMs: c.openedAtMs,
        authenticated: c.channel === 'user' ? c.apiKey !== undefined : undefined,
        apiKey: c.apiKey ?? null,
        assets: [...c.assets],
        markets: c.allMarkets ? 'all' : [...c.markets],
        customFeatures: c.custom,
        received: c.received,
        sent: c.sent,
        invalid: c.invalid,
        faults: {
          halfOpen: c.halfOpen,
          pongOnly: c.pongOnly,
          silentAssets: c.silentAssets ? [...c.silentAssets] : null,
          delayMs: c.delayMs,
          held: c.delayed.length,
        },
      }))
    },
    announceMarket(m) {
      const e = newMarketEvent(m, gammaId(m), now())
      return broadcastCustom(e)
    },
    announceResolution(m, winner) {
      const e = marketResolvedEvent(m, gammaId(m), winner, now())
      return broadcastCustom(e)
    },
  }

  function gammaId(m: MarketState): string {
    return String(1_000_000 + rt.state.marketList.indexOf(m))
  }

  function broadcastCustom(e: WireEvent): number {
    let n = 0
    for (const c of conns.values()) {
      if (c.channel !== 'market' || !c.custom) continue
      deliver(c, [e])
      n++
    }
    return n
  }

  attach()
  registry.set(rt, streams)
  return streams
}

function specView(s: StreamFaultSpec): Record<string, unknown> {
  return {
    kind: s.kind,
    channel: s.channel ?? null,
    connection: s.connection ?? null,
    ...(s.kind === 'delay' ? { delayMs: s.delayMs } : {}),
    ...(s.kind === 'drop-message' ? { eventType: s.eventType ?? null } : {}),
    ...(s.assets ? { assets: [...s.assets] } : {}),
  }
}
