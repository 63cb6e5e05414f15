import { isClobError } from '@clobkit/eip712-order'
import { ServerClock } from '@clobkit/l2-auth'
import { describe, expect, it } from 'vitest'

/** A fake local clock whose time advances only when told to. */
function fakeClock(startMs: number) {
  let t = startMs
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

/** A fetchTime that takes `latencyMs` on the fake clock and answers `serverSeconds()`. */
function fakeServer(clock: ReturnType<typeof fakeClock>, serverSeconds: () => number, latencyMs: number) {
  const calls = { n: 0 }
  const fetchTime = async () => {
    calls.n++
    clock.advance(latencyMs / 2)
    await Promise.resolve()
    const s = serverSeconds()
    clock.advance(latencyMs / 2)
    return s
  }
  return { fetchTime, calls }
}

describe('ServerClock.create', () => {
  it('uses the local clock before the first sync', () => {
    const c = fakeClock(1_700_000_000_999)
    const clock = ServerClock.create({ fetchTime: async () => 1, now: c.now })
    expect(clock.synced).toBe(false)
    expect(clock.offsetMs).toBe(0)
    expect(clock.nowSeconds()).toBe(1_700_000_000)
  })

  it('measures offset = server − round-trip midpoint, and applies it without further requests', async () => {
    const c = fakeClock(1_000_000)
    const server = fakeServer(c, () => 1_700_000_000, 200)
    const clock = ServerClock.create({ fetchTime: server.fetchTime, now: c.now })
    await clock.sync()
    // t0 = 1_000_000, t1 = 1_000_200, midpoint 1_000_100.
    expect(clock.offsetMs).toBe(1_700_000_000_000 - 1_000_100)
    expect(clock.synced).toBe(true)
    expect(clock.nowSeconds()).toBe(1_700_000_000)
    c.advance(900)
    expect(clock.nowSeconds()).toBe(1_700_000_001)
    c.advance(3_600_000)
    expect(clock.nowSeconds()).toBe(1_700_003_601)
    expect(clock.nowMs()).toBe(c.now() + clock.offsetMs)
    expect(server.calls.n).toBe(1)
  })

  it('handles a server behind the local clock (negative offset)', async () => {
    const c = fakeClock(1_700_000_100_000)
    const clock = ServerClock.create({ fetchTime: async () => 1_700_000_000, now: c.now })
    await clock.sync()
    expect(clock.offsetMs).toBe(-100_000)
    expect(clock.nowSeconds()).toBe(1_700_000_000)
  })

  it('shares one request between concurrent sync() calls', async () => {
    const c = fakeClock(0)
    let release: (v: number) => void = () => {}
    let calls = 0
    const clock = ServerClock.create({
      now: c.now,
      fetchTime: () => {
        calls++
        return new Promise<number>((r) => {
          release = r
        })
      },
    })
    const a = clock.sync()
    const b = clock.sync()
    const t = clock.timestamp()
    expect(a).toBe(b)
    release(50)
    await Promise.all([a, b, t])
    expect(calls).toBe(1)
    expect(await t).toBe(50)
    const again = clock.sync()
    expect(again).not.toBe(a)
    release(60)
    await again
    expect(calls).toBe(2)
    expect(clock.nowSeconds()).toBe(60)
  })

  it('re-measures on sync() and after invalidate() in timestamp()', async () => {
    const c = fakeClock(0)
    let server = 100
    let calls = 0
    const clock = ServerClock.create({
      now: c.now,
      fetchTime: async () => {
        calls++
        return server
      },
    })
    expect(await clock.timestamp()).toBe(100)
    expect(await clock.timestamp()).toBe(100)
    expect(calls).toBe(1)
    server = 500
    clock.invalidate()
    expect(clock.synced).toBe(false)
    expect(clock.nowSeconds()).toBe(100) // keeps the last offset until re-synced
    expect(await clock.timestamp()).toBe(500)
    expect(calls).toBe(2)
    expect(clock.offsetMs).toBe(500_000)
  })

  it('rejects a bad server time with INVALID_SERVER_TIME and keeps the previous offset', async () => {
    const c = fakeClock(0)
    const answers: unknown[] = [100, Number.NaN, 'soon', -1, 1_700_000_000_000]
    const clock = ServerClock.create({ now: c.now, fetchTime: async () => answers.shift() as number })
    await clock.sync()
    for (let i = 0; i < 4; i++) {
      const err = await clock.sync().then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(isClobError(err) && err.code === 'INVALID_SERVER_TIME').toBe(true)
      expect(clock.offsetMs).toBe(100_000)
    }
  })

  it('propagates a fetch failure and allows a retry', async () => {
    let fail = true
    const clock = ServerClock.create({
      now: () => 0,
      fetchTime: async () => {
        if (fail) throw new Error('network down')
        return 7
      },
    })
    await expect(clock.sync()).rejects.toThrow('network down')
    expect(clock.synced).toBe(false)
    fail = false
    await clock.sync()
    expect(clock.nowSeconds()).toBe(7)
  })

  it('validates its options', () => {
    expect(() => ServerClock.create({} as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', param: 'fetchTime' }),
    )
    expect(() => ServerClock.create({ fetchTime: async () => 1, now: 5 as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', param: 'now' }),
    )
  })
})
