import type { Clock } from '@clobkit/heartbeat'

/** A manual monotonic clock: timers run only when the test advances time. */
export interface FakeClock extends Clock {
  /** Runs every timer due within `ms`, in order, letting promises settle between them. */
  advance(ms: number): Promise<void>
  /** Moves time by `ms` without running timers, as a blocked event loop would. */
  jump(ms: number): void
  /** Lets pending promise callbacks run. */
  flush(): Promise<void>
  /** Timers not yet fired. */
  pending(): number
}

interface Timer {
  at: number
  seq: number
  fn: () => void
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * `lateMs` makes every timer fire that much late (scheduler jitter). `settle` replaces
 * the wait between timers (default: two turns of the event loop), e.g. to let real
 * loopback I/O finish while fake time stands still.
 */
export function fakeClock(
  options: { start?: number; lateMs?: number; settle?: () => Promise<void> } = {},
): FakeClock {
  let now = options.start ?? 0
  let seq = 0
  const lateMs = options.lateMs ?? 0
  const timers = new Map<number, Timer>()
  const flush =
    options.settle ??
    (async (): Promise<void> => {
      await tick()
      await tick()
    })
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = ++seq
      timers.set(id, { at: now + Math.max(0, ms) + lateMs, seq: id, fn })
      return id
    },
    clearTimeout(handle) {
      timers.delete(handle as number)
    },
    async advance(ms) {
      const target = now + ms
      await flush()
      for (;;) {
        let next: [number, Timer] | undefined
        for (const entry of timers) {
          if (entry[1].at > target) continue
          if (
            !next ||
            entry[1].at < next[1].at ||
            (entry[1].at === next[1].at && entry[1].seq < next[1].seq)
          ) {
            next = entry
          }
        }
        if (!next) break
        timers.delete(next[0])
        now = Math.max(now, next[1].at)
        next[1].fn()
        await flush()
      }
      now = Math.max(now, target)
      await flush()
    },
    jump(ms) {
      now += ms
    },
    flush,
    pending: () => timers.size,
  }
}
