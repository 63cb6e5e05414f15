/** A manual clock: time moves only when a test advances it; timers fire in time order. */
import type { Clock } from '../../src/index.js'

export interface ManualClock extends Clock {
  advance(ms: number): void
  readonly pending: number
}

export function manualClock(start = 1_700_000_000_000): ManualClock {
  let now = start
  let seq = 0
  const timers = new Map<number, { at: number; fn: () => void; seq: number }>()
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = ++seq
      timers.set(id, { at: now + Math.max(0, ms), fn, seq: id })
      return id
    },
    clearTimeout(handle) {
      timers.delete(handle as number)
    },
    advance(ms) {
      const end = now + ms
      for (;;) {
        let next: [number, { at: number; fn: () => void; seq: number }] | undefined
        for (const entry of timers) {
          if (entry[1].at > end) continue
          if (
            next === undefined ||
            entry[1].at < next[1].at ||
            (entry[1].at === next[1].at && entry[1].seq < next[1].seq)
          )
            next = entry
        }
        if (next === undefined) break
        timers.delete(next[0])
        now = Math.max(now, next[1].at)
        next[1].fn()
      }
      now = end
    },
    get pending() {
      return timers.size
    },
  }
}
