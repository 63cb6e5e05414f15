/**
 * The keeper's options: validation (every bad option throws `InvalidParameterError`
 * naming it) and defaults.
 * @module
 */
import { InvalidParameterError } from '@clobkit/eip712-order'
import { type HeartbeatClient, heartbeatPoster } from './client.js'
import { type Clock, systemClock } from './clock.js'
import type { HeartbeatEvent } from './events.js'
import type { MachineConfig } from './machine.js'
import type { PostHeartbeat } from './post.js'

/** The buffer the exchange adds to its 10 s window (PROTOCOL.md §5.6, the newer doc). */
const EXCHANGE_BUFFER_MS = 5000

/** Options of `startHeartbeat` (also `startHeartbeat.Options`). */
export interface StartOptions {
  /** The function that posts one heartbeat. Give exactly one of `post` and `client`. */
  post?: PostHeartbeat
  /** A `@clobkit/clob-rest` client; shorthand for `post: heartbeatPoster(client)`. */
  client?: HeartbeatClient
  /** Beat period on the monotonic clock. Default 5000 (the exchange docs' advice). Must be below `deadlineMs`. */
  intervalMs?: number
  /** The keeper's own deadline: the exchange's window without its buffer, counted from when the last accepted beat was sent. Retries are planned before it. Default 10000. */
  deadlineMs?: number
  /** The exchange's whole window (10 s + its 5 s buffer), counted from when the last accepted beat was answered: `lapsed` is reported once it has passed. Default `deadlineMs + 5000`; not below `deadlineMs`. */
  windowMs?: number
  /** Budget of one attempt, further bounded by the time left. Default `(deadlineMs − intervalMs) / 2`. */
  timeoutMs?: number
  /** `at-risk` is reported when a failure leaves at most this much time. Default `deadlineMs / 2`. */
  atRiskMs?: number
  /** First retry delay after a transient failure (doubles, capped at the interval). Default `clamp(intervalMs / 10, 10, 500)`. */
  retryDelayMs?: number
  /** A timer firing this late reports a `stall`; `false` disables the probe. Default `clamp(intervalMs / 2, 20, 1000)`. */
  stallThresholdMs?: number | false
  /** Id to continue a chain with. Default `''` (what the official clients send first). */
  heartbeatId?: string
  /** Stops the keeper when aborted. */
  signal?: AbortSignal
  /** Monotonic clock and timers. Default {@link systemClock} (unref'd timers). */
  clock?: Clock
  /** Called for every event, before `on` listeners. */
  onEvent?: (event: HeartbeatEvent) => void
}

function positive(value: unknown, param: string, code: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidParameterError(code, param, 'must be a positive finite number of milliseconds', {
      value: typeof value === 'number' ? value : typeof value,
    })
  }
  return value
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}

/** Validated options: the driver's half and the machine's half. */
export interface ResolvedOptions {
  readonly post: PostHeartbeat
  readonly clock: Clock
  readonly signal: AbortSignal | undefined
  readonly onEvent: ((event: HeartbeatEvent) => void) | undefined
  readonly machine: MachineConfig
}

/** Checks every option (throwing `InvalidParameterError` naming it) and fills in the defaults. */
export function resolveOptions(options: StartOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidParameterError('INVALID_OPTIONS', 'options', 'must be an object')
  }
  if (options.post !== undefined && options.client !== undefined) {
    throw new InvalidParameterError('INVALID_POST', 'post', 'give either post or client, not both')
  }
  const post = options.client !== undefined ? heartbeatPoster(options.client) : options.post
  if (typeof post !== 'function') {
    throw new InvalidParameterError(
      'INVALID_POST',
      'post',
      'must be a function (heartbeatId, signal) => Promise',
    )
  }
  const clock = options.clock ?? systemClock
  if (
    typeof clock !== 'object' ||
    clock === null ||
    typeof clock.now !== 'function' ||
    typeof clock.setTimeout !== 'function' ||
    typeof clock.clearTimeout !== 'function'
  ) {
    throw new InvalidParameterError(
      'INVALID_CLOCK',
      'clock',
      'must have now(), setTimeout() and clearTimeout()',
    )
  }
  const intervalMs = positive(options.intervalMs ?? 5000, 'intervalMs', 'INVALID_INTERVAL')
  const deadlineMs = positive(options.deadlineMs ?? 10_000, 'deadlineMs', 'INVALID_DEADLINE')
  if (intervalMs >= deadlineMs) {
    throw new InvalidParameterError('INVALID_INTERVAL', 'intervalMs', 'must be below deadlineMs', {
      intervalMs,
      deadlineMs,
    })
  }
  const timeoutMs = positive(
    options.timeoutMs ?? (deadlineMs - intervalMs) / 2,
    'timeoutMs',
    'INVALID_TIMEOUT',
  )
  const windowMs = positive(options.windowMs ?? deadlineMs + EXCHANGE_BUFFER_MS, 'windowMs', 'INVALID_WINDOW')
  if (windowMs < deadlineMs) {
    throw new InvalidParameterError('INVALID_WINDOW', 'windowMs', 'must not be below deadlineMs', {
      windowMs,
      deadlineMs,
    })
  }
  const atRiskMs = positive(options.atRiskMs ?? deadlineMs / 2, 'atRiskMs', 'INVALID_AT_RISK')
  if (atRiskMs > deadlineMs) {
    throw new InvalidParameterError('INVALID_AT_RISK', 'atRiskMs', 'must not exceed deadlineMs', {
      atRiskMs,
      deadlineMs,
    })
  }
  const retryDelayMs = positive(
    options.retryDelayMs ?? clamp(intervalMs / 10, 10, 500),
    'retryDelayMs',
    'INVALID_RETRY_DELAY',
  )
  const stallThresholdMs =
    options.stallThresholdMs === false
      ? false
      : positive(
          options.stallThresholdMs ?? clamp(intervalMs / 2, 20, 1000),
          'stallThresholdMs',
          'INVALID_STALL_THRESHOLD',
        )
  const heartbeatId = options.heartbeatId ?? ''
  if (typeof heartbeatId !== 'string' || heartbeatId.length > 512) {
    throw new InvalidParameterError(
      'INVALID_HEARTBEAT_ID',
      'heartbeatId',
      'must be a string of at most 512 characters',
    )
  }
  const signal = options.signal
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new InvalidParameterError('INVALID_SIGNAL', 'signal', 'must be an AbortSignal')
  }
  if (options.onEvent !== undefined && typeof options.onEvent !== 'function') {
    throw new InvalidParameterError('INVALID_LISTENER', 'onEvent', 'must be a function')
  }
  return {
    post,
    clock,
    signal,
    onEvent: options.onEvent,
    machine: {
      intervalMs,
      deadlineMs,
      windowMs,
      timeoutMs,
      atRiskMs,
      retryDelayMs,
      stallThresholdMs,
      heartbeatId,
    },
  }
}
