/**
 * The keeper's only source of time. Scheduling is measured on a monotonic clock so
 * wall-clock jumps (NTP, suspend, manual changes) never shift or bunch heartbeats.
 * @module
 */

/** A monotonic clock with timers. Inject a fake one in tests. */
export interface Clock {
  /** Monotonic milliseconds (any origin; only differences are used). */
  now(): number
  /** Calls `fn` once after `ms`; the returned handle is passed to `clearTimeout`. */
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/**
 * The default clock: `performance.now()` and timers that do not keep a Node process
 * alive on their own (`unref`), so a forgotten keeper never blocks a clean exit.
 */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout(fn, ms) {
    const handle: unknown = globalThis.setTimeout(fn, ms)
    if (
      typeof handle === 'object' &&
      handle !== null &&
      'unref' in handle &&
      typeof handle.unref === 'function'
    ) {
      handle.unref()
    }
    return handle
  },
  clearTimeout(handle) {
    globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0])
  },
}
