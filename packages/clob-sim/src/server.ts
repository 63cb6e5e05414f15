/**
 * `startSim`: a `node:http` server on loopback that speaks the CLOB API
 * (PROTOCOL.md §4–§6), with body limits, fault injection, a maintenance tick
 * for heartbeats and GTD expiry, and a clean stop.
 * @module
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { type L1Auth, type L2Auth, verifyL1, verifyL2 } from './auth.js'
import { DEFAULT_TIMELINE, type SettlementTimeline, settle, sweepExpired } from './engine.js'
import { invalidOption } from './errors.js'
import { takeFault } from './faults.js'
import { expireHeartbeats } from './heartbeat.js'
import { type Ctx, error, isBadRequest, type Reply, type Runtime } from './http.js'
import { check } from './invariants.js'
import { accountRoutes } from './routes/account.js'
import { adminRoutes } from './routes/admin.js'
import { publicPrefixRoutes, publicRoutes } from './routes/public.js'
import type { Route, RouteTable } from './routes/route.js'
import { streamAdminRoutes } from './routes/stream-faults.js'
import { tradingPrefixRoutes, tradingRoutes } from './routes/trading.js'
import { buildState, defaultSeed, LIQUIDITY_ADDRESS, parseSeed } from './seed.js'
import type { SimConfig, SimState } from './state.js'
import type { SimClock, SimOptions } from './types.js'
import { createStreams, type Streams } from './ws/hub.js'

/** A running sim. */
export interface SimHandle {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly url: string
  readonly port: number
  /** Closes the server and every open connection. Idempotent. */
  stop(): Promise<void>
  /** The live exchange state (read it; mutate only through HTTP or the admin endpoints). */
  readonly state: SimState
  readonly clock: SimClock
  /** Consistency problems of the current state (empty when consistent). */
  check(): string[]
}

const EXACT: RouteTable = { ...publicRoutes, ...accountRoutes, ...tradingRoutes }
const PREFIX: RouteTable = { ...publicPrefixRoutes, ...tradingPrefixRoutes }
const PREFIXES = Object.keys(PREFIX).sort((a, b) => b.length - a.length)
const ADMIN: RouteTable = { ...adminRoutes, ...streamAdminRoutes }

function createClock(base: () => number, onChange: () => void): SimClock {
  let offset = 0
  const now = () => base() + offset
  return {
    now,
    advance(ms: number) {
      offset += ms
      onChange()
      return now()
    },
    set(ms: number) {
      offset = ms - base()
      onChange()
      return now()
    },
  }
}

function posInt(v: number | undefined, name: string, min: number, max: number, dflt: number): number {
  if (v === undefined) return dflt
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw invalidOption(name, `expected an integer between ${min} and ${max}`)
  }
  return v
}

function config(options: SimOptions): SimConfig {
  const chainId = options.chainId ?? 137
  if (chainId !== 137 && chainId !== 80002) throw invalidOption('chainId', 'expected 137 or 80002')
  const version = options.version ?? 2
  if (version !== 1 && version !== 2 && version !== 3) throw invalidOption('version', 'expected 1, 2 or 3')
  const liq = options.seed?.liquidityAddress ?? LIQUIDITY_ADDRESS
  return {
    chainId,
    version,
    heartbeatTimeoutMs: posInt(options.heartbeat?.timeoutMs, 'heartbeat.timeoutMs', 0, 86_400_000, 10_000),
    heartbeatBufferMs: posInt(options.heartbeat?.bufferMs, 'heartbeat.bufferMs', 0, 86_400_000, 5_000),
    authWindowSeconds: posInt(options.authWindowSeconds, 'authWindowSeconds', 0, 86_400 * 365, 300),
    pageSize: posInt(options.pageSize, 'pageSize', 1, 10_000, 100),
    retainOrders: posInt(options.retention?.orders, 'retention.orders', 1, 10_000_000, 20_000),
    retainTrades: posInt(options.retention?.trades, 'retention.trades', 1, 10_000_000, 20_000),
    retainNotifications: posInt(
      options.retention?.notifications,
      'retention.notifications',
      1,
      1_000_000,
      1_000,
    ),
    liquidityAddress: liq.toLowerCase(),
  }
}

function find(path: string): { routes: Route[]; param: string } | undefined | 'bad' {
  const exact = EXACT[path]
  if (exact) return { routes: exact, param: '' }
  for (const prefix of PREFIXES) {
    if (path.startsWith(prefix) && path.length > prefix.length) {
      const rest = path.slice(prefix.length)
      if (rest.includes('/')) continue
      let param: string
      try {
        param = decodeURIComponent(rest)
      } catch {
        return 'bad'
      }
      return { routes: PREFIX[prefix] as Route[], param }
    }
  }
  return undefined
}

interface Body {
  readonly text: string
  readonly tooLarge: boolean
}

const DRAIN_CAP = 64 * 1024 * 1024

function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0')
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = Number.isFinite(declared) && declared > limit
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) tooLarge = true
      if (tooLarge) {
        if (size > DRAIN_CAP) req.socket.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve({ text: tooLarge ? '' : Buffer.concat(chunks).toString('utf8'), tooLarge }))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return
  const data = reply.body === undefined ? '' : JSON.stringify(reply.body)
  res.writeHead(reply.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(data),
    ...reply.headers,
  })
  res.end(data)
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref())
}

function maintain(rt: Runtime, timeline: SettlementTimeline, streams: Streams | undefined): void {
  streams?.sync()
  const now = rt.clock.now()
  if (rt.state.heartbeats.size > 0) expireHeartbeats(rt.state, now)
  if (rt.state.expiries.length > 0) sweepExpired(rt.state, now)
  settle(rt.state, now, timeline)
  streams?.tick()
}

function timelineOf(options: SimOptions): SettlementTimeline {
  const minedAfterMs = posInt(
    options.trades?.minedAfterMs,
    'trades.minedAfterMs',
    0,
    86_400_000,
    DEFAULT_TIMELINE.minedAfterMs,
  )
  const confirmedAfterMs = posInt(
    options.trades?.confirmedAfterMs,
    'trades.confirmedAfterMs',
    0,
    86_400_000,
    Math.max(minedAfterMs, DEFAULT_TIMELINE.confirmedAfterMs),
  )
  if (confirmedAfterMs < minedAfterMs)
    throw invalidOption('trades.confirmedAfterMs', 'expected at least trades.minedAfterMs')
  return { minedAfterMs, confirmedAfterMs }
}

async function dispatch(rt: Runtime, ctx: Omit<Ctx, 'param'>): Promise<Reply> {
  const isAdmin = ctx.path === '/_sim' || ctx.path.startsWith('/_sim/')
  const found = isAdmin
    ? rt.admin && ADMIN[ctx.path]
      ? { routes: ADMIN[ctx.path] as Route[], param: '' }
      : undefined
    : find(ctx.path)
  if (found === 'bad') return error(400, 'Invalid path encoding')
  if (!found) return error(404, `Not found: ${ctx.method} ${ctx.path.slice(0, 200)}`)
  const route = found.routes.find((r) => r.method === ctx.method)
  if (!route) {
    return {
      status: 405,
      body: { error: `Method ${ctx.method.slice(0, 10)} not allowed on ${ctx.path.slice(0, 200)}` },
      headers: { allow: found.routes.map((r) => r.method).join(', ') },
    }
  }
  const full: Ctx = { ...ctx, param: found.param }
  try {
    switch (route.auth) {
      case 'l1': {
        const a: L1Auth | Reply = verifyL1(full)
        return 'status' in a ? a : await route.handler(full, a)
      }
      case 'l2': {
        const a: L2Auth | Reply = verifyL2(full)
        return 'status' in a ? a : await route.handler(full, a)
      }
      default:
        return await route.handler(full, undefined)
    }
  } catch (e) {
    if (isBadRequest(e)) return e.badRequest
    throw e
  }
}

/**
 * Starts a sim on `127.0.0.1` (port 0 = ephemeral) and resolves once it listens.
 *
 * @example
 * ```ts
 * const sim = await startSim({ admin: true })
 * const res = await fetch(`${sim.url}/book?token_id=${defaultSeed().markets[0].tokens[0].tokenId}`)
 * await sim.stop()
 * ```
 */
export async function startSim(options: SimOptions = {}): Promise<SimHandle> {
  if (typeof options !== 'object' || options === null) throw invalidOption('options', 'expected an object')
  const port = posInt(options.port, 'port', 0, 65_535, 0)
  const host = options.host ?? '127.0.0.1'
  if (typeof host !== 'string' || host.length === 0)
    throw invalidOption('host', 'expected a host name or address')
  const base = options.now ?? options.clock ?? Date.now
  if (typeof base !== 'function') throw invalidOption('now', 'expected a function returning ms')
  const timeline = timelineOf(options)
  // a clock change settles due trades at once, so tests on an injected clock never sleep
  let onClock = () => {}
  const clock = createClock(base, () => onClock())
  const seed = parseSeed(options.seed ?? defaultSeed())
  const cfg = config(options)
  if (
    options.deriveSecret !== undefined &&
    (typeof options.deriveSecret !== 'string' || options.deriveSecret.length === 0)
  ) {
    throw invalidOption('deriveSecret', 'expected a non-empty string')
  }
  const rt: Runtime = {
    state: buildState(seed, cfg, clock.now()),
    clock,
    admin: options.admin === true,
    bodyLimit: posInt(options.bodyLimitBytes, 'bodyLimitBytes', 1, 100 * 1024 * 1024, 1024 * 1024),
    deriveSecret:
      options.deriveSecret !== undefined
        ? new TextEncoder().encode(options.deriveSecret)
        : new Uint8Array(randomBytes(32)),
    seed,
    log: options.logger,
  }
  const log = rt.log
  const sockets = new Set<Socket>()
  const streams = createStreams(rt, options.streams)
  onClock = () => maintain(rt, timeline, streams)

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now()
    const url = req.url ?? '/'
    const q = url.indexOf('?')
    const path = q < 0 ? url : url.slice(0, q)
    const method = (req.method ?? 'GET').toUpperCase()
    const body = await readBody(req, rt.bodyLimit)
    if (body.tooLarge) {
      send(res, error(413, `Request body too large (limit ${rt.bodyLimit} bytes)`))
      return
    }
    maintain(rt, timeline, streams)
    const isAdmin = path === '/_sim' || path.startsWith('/_sim/')
    const fault = isAdmin ? undefined : takeFault(rt.state, method, path)
    if (fault && fault.latencyMs > 0) await sleep(fault.latencyMs)
    if (fault?.dropBeforeProcess) {
      req.socket.destroy()
      return
    }
    let reply: Reply
    if (fault?.retryAfter !== undefined) {
      reply = {
        status: 429,
        body: { error: 'Too Many Requests' },
        headers: { 'retry-after': String(fault.retryAfter) },
      }
    } else if (fault?.status !== undefined) {
      reply = error(
        fault.status,
        fault.status >= 500 ? 'Internal Server Error (injected fault)' : 'Injected fault',
      )
    } else {
      reply = await dispatch(rt, {
        rt,
        method,
        path,
        query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
        body: body.text,
        headers: req.headers,
      })
      streams.sync()
      if (fault?.dropAfterProcess) {
        req.socket.destroy()
        return
      }
    }
    send(res, reply)
    if (log)
      log({
        level: 'debug',
        msg: 'request',
        method,
        path,
        status: reply.status,
        ms: performance.now() - started,
      })
  }

  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (log)
        log({
          level: 'error',
          msg: 'handler failed',
          detail: e instanceof Error ? e.message : 'unknown error',
        })
      send(res, error(500, 'Internal Server Error'))
    })
  })
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  server.on('upgrade', (req, socket, head) => streams.upgrade(req, socket, head))
  server.on('clientError', (_e, socket) => {
    const body = '{"error":"Bad Request: malformed HTTP"}'
    if (!socket.writable) {
      socket.destroy()
      return
    }
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\nconnection: close\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
    )
  })

  await new Promise<void>((resolve, reject) => {
    const onError = (e: Error) => reject(e)
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve()
    })
  })
  const interval = setInterval(
    () => {
      try {
        maintain(rt, timeline, streams)
      } catch (e) {
        if (log)
          log({
            level: 'error',
            msg: 'maintenance failed',
            detail: e instanceof Error ? e.message : 'unknown',
          })
      }
    },
    posInt(options.heartbeat?.checkIntervalMs, 'heartbeat.checkIntervalMs', 10, 3_600_000, 1_000),
  )
  interval.unref()

  const address = server.address() as AddressInfo
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address
  let stopping: Promise<void> | undefined
  return {
    url: `http://${shown}:${address.port}`,
    port: address.port,
    clock,
    get state() {
      return rt.state
    },
    check: () => check(rt.state),
    stop() {
      if (stopping) return stopping
      clearInterval(interval)
      streams.close()
      stopping = new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
        for (const s of sockets) s.destroy()
      })
      return stopping
    },
  }
}
