/**
 * Shared option handling of both channels.
 * @module
 */
import { InvalidParameterError } from '@clobkit/eip712-order'
import { type Backoff, type BackoffOptions, backoffPolicy } from './backoff.js'
import { type Clock, systemClock } from './clock.js'
import type { WebSocketConstructor } from './transport.js'

/** Options common to `connectMarket` and `connectUser`. */
export interface CommonOptions {
  /** Host or channel URL: `wss://ws-subscriptions-clob.polymarket.com`, or a sim's `http://127.0.0.1:port`. */
  readonly url: string
  /** Closes the connection when aborted. */
  readonly signal?: AbortSignal | undefined
  /** Text `PING` interval (default 10 000 ms). */
  readonly pingIntervalMs?: number | undefined
  /** No `PONG` for this long: stale, closed and reopened (default 30 000 ms). */
  readonly pongTimeoutMs?: number | undefined
  readonly backoff?: BackoffOptions | undefined
  /** Events an async iterator may fall behind before the channel's overflow policy applies (default 10 000). */
  readonly queueCapacity?: number | undefined
  /** WebSocket constructor (default: the global one, else the `ws` package). */
  readonly WebSocket?: WebSocketConstructor | undefined
  /** Clock and timers (tests inject a manual one). */
  readonly clock?: Clock | undefined
  /** Jitter source in [0, 1) (default `Math.random`). */
  readonly random?: (() => number) | undefined
}

export interface Common {
  readonly signal: AbortSignal | undefined
  readonly pingIntervalMs: number
  readonly pongTimeoutMs: number
  readonly backoff: Backoff
  readonly queueCapacity: number
  readonly WebSocket: WebSocketConstructor | undefined
  readonly clock: Clock
  readonly random: () => number
}

/** A positive finite millisecond option, or the default; 0 allowed when `allowZero`. */
export function ms(value: number | undefined, fallback: number, param: string, allowZero = false): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new InvalidParameterError(
      'INVALID_OPTION',
      param,
      allowZero ? 'expected a number ≥ 0' : 'expected a number > 0',
    )
  }
  return value
}

export function common(options: CommonOptions): Common {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidParameterError('INVALID_OPTIONS', 'options', 'expected an options object')
  }
  const capacity = options.queueCapacity ?? 10_000
  if (!Number.isSafeInteger(capacity) || capacity < 1) {
    throw new InvalidParameterError('INVALID_OPTION', 'queueCapacity', 'expected an integer ≥ 1')
  }
  if (options.signal !== undefined && !(typeof options.signal === 'object' && 'aborted' in options.signal)) {
    throw new InvalidParameterError('INVALID_OPTION', 'signal', 'expected an AbortSignal')
  }
  return {
    signal: options.signal,
    pingIntervalMs: ms(options.pingIntervalMs, 10_000, 'pingIntervalMs'),
    pongTimeoutMs: ms(options.pongTimeoutMs, 30_000, 'pongTimeoutMs'),
    backoff: backoffPolicy(options.backoff),
    queueCapacity: capacity,
    WebSocket: options.WebSocket,
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
  }
}

const TOKEN = /^\d{1,78}$/

/** Validated, de-duplicated token ids. */
export function tokenIds(value: unknown, param: string): string[] {
  const list = typeof value === 'string' ? [value] : value
  if (!Array.isArray(list)) throw new InvalidParameterError('INVALID_ASSETS', param, 'expected token ids')
  for (const id of list) {
    if (typeof id !== 'string' || !TOKEN.test(id)) {
      throw new InvalidParameterError('INVALID_ASSETS', param, 'expected decimal token id strings')
    }
  }
  return [...new Set(list as string[])]
}

const CONDITION = /^0x[0-9a-fA-F]{64}$/

/** Validated, de-duplicated condition ids. */
export function conditionIds(value: unknown, param: string): string[] {
  const list = typeof value === 'string' ? [value] : value
  if (!Array.isArray(list))
    throw new InvalidParameterError('INVALID_MARKETS', param, 'expected condition ids')
  for (const id of list) {
    if (typeof id !== 'string' || !CONDITION.test(id)) {
      throw new InvalidParameterError('INVALID_MARKETS', param, 'expected 0x-prefixed 32-byte condition ids')
    }
  }
  return [...new Set(list as string[])]
}
