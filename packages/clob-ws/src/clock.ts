/**
 * The stream layer's only source of time and randomness, injectable for tests.
 * @module
 */

/** A clock with timers. Inject a manual one in tests; nothing in this package sleeps for real. */
export interface Clock {
  /** Milliseconds (any origin; only differences are used, except for book timestamps). */
  now(): number
  /** Calls `fn` once after `ms`; the handle goes to `clearTimeout`. */
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** `Date.now()` and the global timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]),
}
