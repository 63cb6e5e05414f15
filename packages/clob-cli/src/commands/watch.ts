/**
 * `clob watch book <token>`, `clob watch orders`, `clob watch trades`: live streams
 * from the exchange's WebSocket channels (`@clobkit/clob-ws`).
 *
 * - On a terminal the book is redrawn in place (best levels, spread, mid, last trade,
 *   and a STALE banner while the local book is being resynced); without one, a plain
 *   line per change; with `--json`, one JSON object per line (NDJSON).
 * - Ctrl-C / SIGTERM (or `--duration`) closes the socket and exits 0.
 * - The user channel's subscribe message carries the API secret (the exchange's
 *   protocol); it is registered with the output redactor and never printed.
 * @module
 */
import type {
  BookView,
  Level,
  MarketConnection,
  MarketStreamEvent,
  UserConnection,
  UserStreamEvent,
} from '@clobkit/clob-ws'
import { parseDuration, parseNonNegInt, str } from '../args.js'
import { publicClient } from '../client.js'
import type { Context } from '../context.js'
import { CliError, isUnknownToken, tokenNotFound, UsageError } from '../errors.js'
import { untilStopped } from '../interrupt.js'

/** The exchange's REST host and its WebSocket host differ; anything else (a sim) serves both. */
const EXCHANGE_WS: Record<string, string> = {
  'https://clob.polymarket.com': 'wss://ws-subscriptions-clob.polymarket.com',
}

/** `--ws-url`, else `CLOB_WS_URL`, else the exchange's stream host for its REST host, else the REST host. */
export function wsUrl(ctx: Context): string {
  const flag = str(ctx.values, 'ws-url')
  const env = ctx.io.env.CLOB_WS_URL
  const url = flag ?? (env === undefined || env === '' ? undefined : env)
  const chosen = url ?? EXCHANGE_WS[ctx.settings.host.replace(/\/+$/, '')] ?? ctx.settings.host
  if (!/^(?:wss?|https?):\/\/[^/\s]+/i.test(chosen)) {
    throw new UsageError(
      'INVALID_URL',
      flag !== undefined ? '--ws-url' : 'CLOB_WS_URL',
      `expected a ws://, wss://, http:// or https:// URL, got ${JSON.stringify(chosen)}`,
    )
  }
  return chosen
}

const time = (): string => new Date().toISOString()
const clock = (): string => new Date().toISOString().slice(11, 23)

function fmtLevel(l: Level | undefined): string {
  return l === undefined ? '-' : `${l.price} × ${l.size}`
}

type CommonEvent = Extract<
  MarketStreamEvent | UserStreamEvent,
  { type: 'state' | 'malformed' | 'unknown' | 'error' }
>

/**
 * Reports what both channels emit besides data: state changes (NDJSON record, or a note
 * when `notes`), frames that do not parse or are unknown, and stream errors (except
 * those `quiet` says the command reports itself).
 */
function reportCommon(
  ctx: Context,
  e: CommonEvent,
  notes: boolean,
  quiet: (e: unknown) => boolean = () => false,
): void {
  const out = ctx.out
  switch (e.type) {
    case 'state':
      if (out.json) {
        out.line(
          JSON.stringify({
            type: 'state',
            state: e.state,
            previous: e.previous,
            reason: e.reason ?? null,
            time: time(),
          }),
        )
      } else if (notes && e.state !== 'connecting') {
        out.note(`stream ${e.state}${e.reason === undefined ? '' : ` (${String(e.reason)})`}`)
      }
      return
    case 'malformed':
    case 'unknown':
      if (out.json) out.line(JSON.stringify({ ...e, time: time() }))
      else {
        out.warn(
          `the stream sent ${e.type === 'unknown' ? `an unknown event type ${JSON.stringify(e.eventType)}` : 'a frame that does not parse'}; ignored`,
        )
      }
      return
    case 'error':
      if (!quiet(e.error)) out.warn(`stream: ${e.error instanceof Error ? e.error.message : String(e.error)}`)
      return
  }
}

/** `--duration` in ms, if given. */
function durationOf(ctx: Context): number | undefined {
  const flag = str(ctx.values, 'duration')
  return flag === undefined ? undefined : parseDuration(flag, '--duration') * 1000
}

// ---- watch book ---------------------------------------------------------------------

/** The record printed for a book (NDJSON and the plain line share it). */
function bookRecord(b: BookView, depth: number, state: string) {
  const d = b.depth(depth)
  return {
    type: 'book' as const,
    time: time(),
    token: b.tokenId,
    market: b.market ?? null,
    state,
    stale: b.stale,
    staleReason: b.staleReason ?? null,
    bestBid: b.bestBid() ?? null,
    bestAsk: b.bestAsk() ?? null,
    spread: b.spread() ?? null,
    mid: b.mid() ?? null,
    lastTradePrice: b.lastTradePrice ?? null,
    tickSize: b.tickSize ?? null,
    bids: d.bids,
    asks: d.asks,
  }
}

function drawBook(ctx: Context, b: BookView, depth: number, state: string): string[] {
  const out = ctx.out
  const d = b.depth(depth)
  const width = Math.max(8, ...[...d.bids, ...d.asks].map((l) => l.price.length))
  const sizeWidth = Math.max(8, ...[...d.bids, ...d.asks].map((l) => l.size.length))
  const row = (side: 'ASK' | 'BID', l: Level): string =>
    out.paint(
      `${side}  ${l.price.padStart(width)}  ${l.size.padStart(sizeWidth)}`,
      side === 'ASK' ? 'red' : 'green',
    )
  const token = b.tokenId.length > 20 ? `${b.tokenId.slice(0, 10)}…${b.tokenId.slice(-6)}` : b.tokenId
  const banner = b.stale
    ? out.paint(`STALE (${b.staleReason ?? 'waiting for the first snapshot'}): resyncing`, 'yellow')
    : out.paint('live', 'green')
  return [
    `${out.paint(`book ${token}`, 'bold')}  ${banner}  ${out.paint(`[${state}]`, 'dim')}  ${out.paint(clock(), 'dim')}`,
    ...[...d.asks].reverse().map((l) => row('ASK', l)),
    out.paint(
      `     spread ${b.spread() ?? '-'}  mid ${b.mid() ?? '-'}  last trade ${b.lastTradePrice ?? '-'}`,
      'dim',
    ),
    ...d.bids.map((l) => row('BID', l)),
    out.paint('(Ctrl-C to stop)', 'dim'),
  ]
}

export async function watchBook(ctx: Context): Promise<number> {
  const token = ctx.positionals[0] ?? str(ctx.values, 'token')
  if (token === undefined || !/^\d{1,78}$/.test(token)) {
    throw new UsageError('INVALID_TOKEN', '<token-id>', 'expected a token id (decimal digits)')
  }
  const depthFlag = str(ctx.values, 'depth')
  const depth = depthFlag === undefined ? 5 : parseNonNegInt(depthFlag, '--depth', 1000)
  const url = wsUrl(ctx)
  const rest = publicClient(ctx)
  // An unknown token is said up front (the stream would just stay silent).
  try {
    await rest.books.book(token)
  } catch (e) {
    if (isUnknownToken(e)) throw tokenNotFound([token], ctx.settings.host, e, '<token-id>')
    throw e
  }
  const { connectMarket } = await import('@clobkit/clob-ws')
  const run = untilStopped(durationOf(ctx))
  const out = ctx.out
  const tty = out.stdoutTty && !out.json
  let conn: MarketConnection | undefined
  let drawn = 0
  let lastPlain = ''
  let pending: ReturnType<typeof setTimeout> | undefined
  const render = (): void => {
    pending = undefined
    const b = conn?.book(token)
    if (conn === undefined || b === undefined) return
    if (out.json) {
      out.line(JSON.stringify(bookRecord(b, depth, conn.state)))
      return
    }
    if (tty) {
      const lines = drawBook(ctx, b, depth, conn.state)
      // Up to the first line drawn last time, clear to the end, draw again.
      out.line(`${drawn > 0 ? `\x1b[${drawn}F\x1b[J` : ''}${lines.join('\n')}`)
      drawn = lines.length
      return
    }
    if (!b.ready) return
    const line = `bid ${fmtLevel(b.bestBid())}  ask ${fmtLevel(b.bestAsk())}  spread ${b.spread() ?? '-'}  mid ${b.mid() ?? '-'}  last ${b.lastTradePrice ?? '-'}${b.stale ? '  STALE' : ''}`
    if (line !== lastPlain) out.line(`${clock()} ${line}`)
    lastPlain = line
  }
  // A burst of changes is drawn once on a terminal; NDJSON and plain lines follow every change.
  const schedule = (): void => {
    if (!tty) render()
    else pending ??= setTimeout(render, 50)
  }
  const onEvent = (e: MarketStreamEvent): void => {
    switch (e.type) {
      case 'book':
      case 'price_change':
      case 'last_trade_price':
      case 'tick_size_change':
      case 'snapshot':
        schedule()
        return
      case 'book_stale':
      case 'book_resynced':
        if (out.json) out.line(JSON.stringify({ ...e, time: time() }))
        else if (!tty)
          out.note(
            e.type === 'book_stale'
              ? `book stale (${e.reason}): resyncing`
              : `book resynced from ${e.source}`,
          )
        schedule()
        return
      case 'state':
        reportCommon(ctx, e, !tty)
        if (tty) schedule()
        if (e.state === 'closed' && !run.signal.aborted) run.finish('closed')
        return
      case 'malformed':
      case 'unknown':
      case 'error':
        reportCommon(ctx, e, !tty)
        return
      default:
        return
    }
  }
  try {
    conn = connectMarket({ url, assets: [token], rest, signal: run.signal })
    conn.on('*', onEvent)
    if (!out.json && !tty) out.note(`watching the book of ${token} on ${url} (Ctrl-C to stop)`)
    const reason = await run.done
    if (pending !== undefined) clearTimeout(pending)
    await conn.close()
    if (!out.json) out.note(`stopped (${reason})`)
    return reason === 'closed' ? 1 : 0
  } finally {
    run.dispose()
  }
}

// ---- watch orders / trades ------------------------------------------------------------

async function userStream(ctx: Context, kind: 'order' | 'trade'): Promise<number> {
  const creds = ctx.credentials()
  ctx.out.redactor.add(creds.secret)
  ctx.out.redactor.add(creds.passphrase)
  const markets = ((ctx.values.market as string[] | undefined) ?? []).map((m) => {
    if (!/^0x[0-9a-fA-F]{64}$/.test(m)) {
      throw new UsageError(
        'INVALID_MARKET',
        '--market',
        `expected a condition id (0x + 64 hex), got ${JSON.stringify(m)}`,
      )
    }
    return m
  })
  const url = wsUrl(ctx)
  const { connectUser, WsAuthError } = await import('@clobkit/clob-ws')
  const run = untilStopped(durationOf(ctx))
  const out = ctx.out
  let conn: UserConnection | undefined
  let closedReason: unknown
  const onEvent = (e: UserStreamEvent): void => {
    if (e.type === 'state') {
      reportCommon(ctx, e, true)
      if (e.state === 'closed' && !run.signal.aborted) {
        closedReason = e.reason
        run.finish('closed')
      }
      return
    }
    if (e.type === 'malformed' || e.type === 'unknown' || e.type === 'error') {
      // An auth refusal ends the command with its own error below.
      reportCommon(ctx, e, true, (err) => err instanceof WsAuthError)
      return
    }
    if (e.type !== kind) return
    if (out.json) {
      out.line(JSON.stringify({ ...e.data, time: time() }))
      return
    }
    if (e.type === 'order') {
      const o = e.data
      out.line(
        `${clock()} ${o.type.padEnd(12)} ${o.id}  ${o.side} ${o.price} matched ${o.size_matched}/${o.original_size}  ${o.outcome}`,
      )
    } else if (e.type === 'trade') {
      const t = e.data
      out.line(
        `${clock()} ${String(t.status).padEnd(9)} trade ${t.id}  ${t.side} ${t.size} @ ${t.price}  ${t.outcome}${t.trader_side === undefined ? '' : ` (${t.trader_side})`}`,
      )
    }
  }
  try {
    conn = connectUser({
      url,
      credentials: { key: creds.key, secret: creds.secret, passphrase: creds.passphrase },
      markets,
      signal: run.signal,
    })
    conn.on('*', onEvent)
    if (!out.json) {
      out.note(
        `watching ${kind === 'order' ? 'orders' : 'trades'} of API key ${creds.key}${markets.length > 0 ? ` in ${markets.length} market(s)` : ''} on ${url} (Ctrl-C to stop)`,
      )
    }
    const reason = await run.done
    await conn.close()
    if (conn.error instanceof WsAuthError || closedReason === 'auth_failed') {
      throw new CliError('WS_AUTH_FAILED', `the user channel refused API key ${creds.key}`, {
        cause: conn.error,
        hint: 'check the stored credentials with `clob keys list` or derive them again with `clob keys create-or-derive`',
      })
    }
    if (!out.json) out.note(`stopped (${reason})`)
    return reason === 'closed' ? 1 : 0
  } finally {
    run.dispose()
  }
}

export function watchOrders(ctx: Context): Promise<number> {
  return userStream(ctx, 'order')
}

export function watchTrades(ctx: Context): Promise<number> {
  return userStream(ctx, 'trade')
}
