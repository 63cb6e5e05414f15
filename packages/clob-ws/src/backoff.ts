/**
 * Reconnect delays: capped exponential backoff with jitter (PROTOCOL-WS.md §2.2:
 * RS uses 1 s × 2 up to 60 s, ±50 %).
 * @module
 */
import { InvalidParameterError } from '@clobkit/eip712-order'

/** Backoff policy. Delay of attempt n (0-based) = min(maxMs, initialMs × factor^n) × (1 ± jitter). */
export interface BackoffOptions {
  /** First delay (default 1000 ms). */
  readonly initialMs?: number | undefined
  /** Cap before jitter (default 60 000 ms). */
  readonly maxMs?: number | undefined
  /** Growth per attempt (default 2). */
  readonly factor?: number | undefined
  /** Relative spread in [0, 1] (default 0.5: a delay d becomes uniform in [0.5 d, 1.5 d]). */
  readonly jitter?: number | undefined
}

/** The defaults of {@link BackoffOptions}. */
export const DEFAULT_BACKOFF = { initialMs: 1000, maxMs: 60_000, factor: 2, jitter: 0.5 } as const

/** Validated backoff with defaults filled in. */
export type Backoff = {
  readonly initialMs: number
  readonly maxMs: number
  readonly factor: number
  readonly jitter: number
}

function positive(value: number | undefined, fallback: number, param: string, min: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new InvalidParameterError('INVALID_OPTION', param, `expected a finite number ≥ ${min}`)
  }
  return value
}

/**
 * Validates backoff options (throws `InvalidParameterError` code `INVALID_OPTION` naming the field).
 *
 * @example
 * ```ts
 * backoffPolicy({ initialMs: 500 }) // { initialMs: 500, maxMs: 60000, factor: 2, jitter: 0.5 }
 * ```
 */
export function backoffPolicy(options: BackoffOptions = {}): Backoff {
  const initialMs = positive(options.initialMs, DEFAULT_BACKOFF.initialMs, 'backoff.initialMs', 0)
  const maxMs = positive(options.maxMs, DEFAULT_BACKOFF.maxMs, 'backoff.maxMs', initialMs)
  const factor = positive(options.factor, DEFAULT_BACKOFF.factor, 'backoff.factor', 1)
  const jitter = positive(options.jitter, DEFAULT_BACKOFF.jitter, 'backoff.jitter', 0)
  if (jitter > 1)
    throw new InvalidParameterError('INVALID_OPTION', 'backoff.jitter', 'expected a number in [0, 1]')
  return { initialMs, maxMs, factor, jitter }
}

/**
 * The delay before reconnect attempt `attempt` (0-based), using `random()` in [0, 1).
 *
 * @example
 * ```ts
 * backoffDelay(0, backoffPolicy(), () => 0.5) // 1000
 * backoffDelay(10, backoffPolicy(), () => 0.5) // 60000 (capped)
 * backoffDelay(0, backoffPolicy(), () => 0)   // 500 (−50 % jitter)
 * ```
 */
export function backoffDelay(attempt: number, policy: Backoff, random: () => number): number {
  const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.min(attempt, 64))
  const r = Math.min(Math.max(random(), 0), 1)
  return Math.max(0, Math.round(base * (1 + policy.jitter * (2 * r - 1))))
}
