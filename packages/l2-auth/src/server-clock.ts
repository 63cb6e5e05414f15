/**
 * Server clock offset (PROTOCOL.md §4.5, `useServerTime`). The official clients
 * call `GET /time` before every authenticated request; this measures the offset
 * once (round-trip midpoint) and applies it to every later timestamp without
 * further requests. `sync()` re-measures, e.g. after the server rejects a
 * timestamp; concurrent calls share one request.
 * @module
 */
import { ClobError, InvalidParameterError } from '@clobkit/eip712-order/errors'

/** `ServerClock.create` options. */
export interface Options {
  /** Fetches the server's unix time in seconds (e.g. `GET /time`). */
  readonly fetchTime: () => Promise<number>
  /** Local clock in milliseconds; defaults to `Date.now`. */
  readonly now?: (() => number) | undefined
}

/** A clock that follows the server's time. */
export interface ServerClock {
  /** Server time in unix seconds (local time plus the measured offset), floored. */
  nowSeconds(): number
  /** Server time in unix milliseconds. */
  nowMs(): number
  /** Measures the offset (one `fetchTime` call); concurrent calls share it. */
  sync(): Promise<void>
  /** Server seconds, syncing first if the clock has never synced or was invalidated. */
  timestamp(): Promise<number>
  /** Marks the offset stale so the next `timestamp()` re-syncs; `nowSeconds()` keeps the last offset. */
  invalidate(): void
  /** Server minus local time in milliseconds (0 before the first sync). */
  readonly offsetMs: number
  /** True after a successful sync and until `invalidate()`. */
  readonly synced: boolean
}

/** Unix seconds far beyond any real date: a larger value is almost certainly milliseconds. */
const MAX_SECONDS = 1e11

/**
 * Creates a server-following clock. `offsetMs = serverSeconds*1000 - (t0 + t1)/2`
 * where `t0`/`t1` are the local times just before and after `fetchTime`.
 * `sync()` rejects with `INVALID_SERVER_TIME` if the server returns anything
 * but positive unix seconds, leaving the previous offset in place.
 *
 * @example
 * ```ts
 * import { ServerClock } from '@clobkit/l2-auth'
 * const clock = ServerClock.create({
 *   fetchTime: async () => Number(await (await fetch('https://clob.polymarket.com/time')).text()),
 * })
 * await clock.sync()
 * const timestamp = clock.nowSeconds() // use for POLY_TIMESTAMP / ClobAuth.timestamp
 * ```
 */
export function create(options: Options): ServerClock {
  if (typeof options !== 'object' || options === null || typeof options.fetchTime !== 'function') {
    throw new InvalidParameterError(
      'INVALID_OPTION',
      'fetchTime',
      'expected a function returning unix seconds',
    )
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw new InvalidParameterError('INVALID_OPTION', 'now', 'expected a function returning milliseconds')
  }
  const fetchTime = options.fetchTime
  const now = options.now ?? Date.now
  let offsetMs = 0
  let synced = false
  let inflight: Promise<void> | undefined

  async function measure(): Promise<void> {
    const t0 = now()
    const server = await fetchTime()
    const t1 = now()
    if (typeof server !== 'number' || !Number.isFinite(server) || server <= 0 || server >= MAX_SECONDS) {
      throw new ClobError('INVALID_SERVER_TIME', 'server time: expected positive unix seconds', {
        param: 'fetchTime',
        details: { type: typeof server },
      })
    }
    offsetMs = server * 1000 - (t0 + t1) / 2
    synced = true
  }

  const clock: ServerClock = {
    nowMs: () => now() + offsetMs,
    nowSeconds: () => Math.floor((now() + offsetMs) / 1000),
    sync() {
      if (inflight === undefined) {
        inflight = measure().finally(() => {
          inflight = undefined
        })
      }
      return inflight
    },
    async timestamp() {
      if (!synced) await clock.sync()
      return clock.nowSeconds()
    },
    invalidate() {
      synced = false
    },
    get offsetMs() {
      return offsetMs
    },
    get synced() {
      return synced
    },
  }
  return clock
}
