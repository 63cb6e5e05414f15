import { isClobError } from '@clobkit/eip712-order'
import {
  type HeartbeatEvent,
  type HeartbeatEventType,
  type PostHeartbeat,
  startHeartbeat,
} from '@clobkit/heartbeat'
import { describe, expect, it } from 'vitest'
import { fakeClock } from './support/fake-clock.js'
import { FakeHttpError, fakeExchange } from './support/fake-exchange.js'

type Options = Parameters<typeof startHeartbeat>[0]

/** A keeper on a fake clock against the in-memory exchange, recording every event. */
function setup(
  opts: Partial<Options> & {
    latencyMs?: number | ((n: number) => number)
    staleShape?: 'top' | 'nested' | 'official-object'
    lateMs?: number
  } = {},
) {
  const { latencyMs, staleShape, lateMs, ...rest } = opts
  const clock = fakeClock(lateMs === undefined ? {} : { lateMs })
  const ex = fakeExchange(clock, {
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(staleShape === undefined ? {} : { staleShape }),
  })
  const events: HeartbeatEvent[] = []
  const keeper = startHeartbeat({
    post: ex.post,
    clock,
    intervalMs: 1000,
    deadlineMs: 3000,
    // the exchange's window equal to the deadline unless a test is about the difference
    windowMs: rest.deadlineMs ?? 3000,
    onEvent: (e) => events.push(e),
    ...rest,
  })
  const of = <K extends HeartbeatEventType>(type: K) =>
    events.filter((e): e is Extract<HeartbeatEvent, { type: K }> => e.type === type)
  return { clock, ex, keeper, events, of }
}

/** Leaves interval, deadline and window at the keeper's own defaults (5 s, 10 s, 15 s). */
const DEFAULTS = {
  intervalMs: undefined,
  deadlineMs: undefined,
  windowMs: undefined,
} as unknown as Partial<Options>

const http = (status: number, body: unknown = { error: 'boom' }) => ({
  kind: 'throw' as const,
  error: new FakeHttpError(status, body),
})

describe('startHeartbeat', () => {
  describe('chaining', () => {
    it('sends "" first, then always the id of the previous response', async () => {
      const { clock, ex, keeper, of } = setup({ latencyMs: 50 })
      await clock.advance(4100)
      expect(ex.calls.map((c) => c.id)).toEqual(['', 'hb-1', 'hb-2', 'hb-3', 'hb-4'])
      expect(of('beat').map((e) => [e.at, e.latencyMs, e.heartbeatId])).toEqual([
        [50, 50, 'hb-1'],
        [1050, 50, 'hb-2'],
        [2050, 50, 'hb-3'],
        [3050, 50, 'hb-4'],
        [4050, 50, 'hb-5'],
      ])
      expect(keeper.state()).toMatchObject({
        heartbeatId: 'hb-5',
        beats: 5,
        consecutiveFailures: 0,
        lapses: 0,
      })
      await keeper.stop()
    })

    it('continues a chain from a given heartbeatId', async () => {
      const { clock, ex, keeper } = setup({ heartbeatId: 'hb-41' })
      ex.rotate('hb-41')
      await clock.advance(0)
      expect(ex.calls[0]?.id).toBe('hb-41')
      expect(keeper.state().heartbeatId).toBe('hb-1')
      await keeper.stop()
    })

    it('uses the documented defaults: a beat every 5 s', async () => {
      const { clock, ex, keeper } = setup({ ...DEFAULTS })
      await clock.advance(20_000)
      expect(ex.calls.map((c) => c.at)).toEqual([0, 5000, 10_000, 15_000, 20_000])
      expect(keeper.state().timeLeftMs).toBe(10_000)
      await keeper.stop()
    })

    it('never has two requests in flight, even when a request outlasts the interval', async () => {
      const { clock, ex, keeper, of } = setup({ latencyMs: 2500, deadlineMs: 10_000, timeoutMs: 4000 })
      await clock.advance(20_000)
      expect(ex.maxInFlight).toBe(1)
      for (let i = 1; i < ex.calls.length; i++) {
        expect(ex.calls[i]!.at).toBeGreaterThanOrEqual(ex.calls[i - 1]!.settledAt!)
      }
      // the next beat goes out as soon as the slow one returns, never earlier
      expect(ex.calls.slice(0, 5).map((c) => c.at)).toEqual([0, 2500, 5000, 7500, 10_000])
      expect(of('lapsed')).toEqual([])
      await keeper.stop()
    })
  })

  describe('drift-free schedule', () => {
    it('times beats from the start on a fixed grid, whatever the latency', async () => {
      const { clock, ex, keeper } = setup({ latencyMs: (n) => (n * 137) % 900 })
      await clock.advance(60_000)
      expect(ex.calls).toHaveLength(61)
      ex.calls.forEach((c, n) => {
        expect(c.at).toBe(n * 1000)
      })
      await keeper.stop()
    })

    it('does not accumulate timer lateness', async () => {
      // every timer fires 7 ms late; a schedule chained on "previous end + interval" would drift by ~7 s
      const { clock, ex, keeper, of } = setup({ latencyMs: (n) => 200 + (n % 3) * 100, lateMs: 7 })
      await clock.advance(60_100)
      expect(ex.calls.length).toBe(61)
      ex.calls.forEach((c, n) => {
        expect(c.at - n * 1000).toBeGreaterThanOrEqual(0)
        expect(c.at - n * 1000).toBeLessThanOrEqual(7)
      })
      expect(of('stall')).toEqual([])
      await keeper.stop()
    })

    it('keeps the grid after an off-grid retry', async () => {
      const { clock, ex, keeper } = setup({ latencyMs: 10 })
      await clock.advance(900)
      ex.fail(http(503))
      await clock.advance(2000)
      // 1000 fails at 1010, retried at 1110 (backoff 100), then back on the grid at 2000
      expect(ex.calls.map((c) => c.at)).toEqual([0, 1000, 1110, 2000])
      await keeper.stop()
    })
  })

  describe('recovery from a stale id', () => {
    for (const staleShape of ['top', 'nested', 'official-object'] as const) {
      it(`adopts the id of a 400 (${staleShape} body) and retries at once, without a lapse`, async () => {
        const { clock, ex, keeper, of } = setup({ latencyMs: 10, staleShape })
        await clock.advance(2500)
        ex.rotate('srv-9')
        await clock.advance(1510)
        const ids = ex.calls.map((c) => [c.at, c.id, c.result])
        expect(ids.slice(3, 6)).toEqual([
          [3000, 'hb-3', 'stale'],
          [3010, 'srv-9', 'ok'],
          [4000, 'hb-4', 'ok'],
        ])
        expect(of('recovered')).toEqual([
          { type: 'recovered', at: 3020, from: 'stale_id', failures: 1, heartbeatId: 'hb-4' },
        ])
        expect(of('error')).toEqual([])
        expect(of('lapsed')).toEqual([])
        expect(keeper.state().lastSuccessAt).toBe(4000)
        await keeper.stop()
      })
    }

    it('backs off after three stale answers in a row', async () => {
      const clock = fakeClock()
      let n = 0
      const calls: [number, string][] = []
      const post: PostHeartbeat = async (id) => {
        calls.push([clock.now(), id])
        throw new FakeHttpError(400, { error: 'Invalid Heartbeat ID', heartbeat_id: `x${++n}` })
      }
      const events: HeartbeatEvent[] = []
      const keeper = startHeartbeat({
        post,
        clock,
        intervalMs: 1000,
        deadlineMs: 3000,
        onEvent: (e) => events.push(e),
      })
      await clock.advance(999)
      expect(calls).toEqual([
        [0, ''],
        [0, 'x1'],
        [0, 'x2'],
        [0, 'x3'],
      ])
      expect(events.filter((e) => e.type === 'error')).toMatchObject([
        { consecutiveFailures: 4, transient: false, retryInMs: 1000, error: { status: 400 } },
      ])
      expect(keeper.state().heartbeatId).toBe('x4')
      await clock.advance(1)
      expect(calls[4]).toEqual([1000, 'x4'])
      await keeper.stop()
    })

    it('treats a 400 that repeats the id it was sent as an ordinary error', async () => {
      const clock = fakeClock()
      const post: PostHeartbeat = async (id) => {
        throw new FakeHttpError(400, { error: 'bad', heartbeat_id: id === '' ? 'same' : id })
      }
      const events: HeartbeatEvent[] = []
      const keeper = startHeartbeat({
        post,
        clock,
        intervalMs: 1000,
        deadlineMs: 3000,
        heartbeatId: 'same',
        onEvent: (e) => events.push(e),
      })
      await clock.advance(0)
      expect(events).toMatchObject([{ type: 'error', consecutiveFailures: 1, transient: false }])
      await keeper.stop()
    })
  })

  describe('failures', () => {
    it('retries transient failures with a doubling backoff and reports the recovery', async () => {
      const { clock, ex, keeper, of } = setup()
      await clock.advance(500)
      ex.fail(http(503), { kind: 'throw', error: new TypeError('fetch failed') })
      await clock.advance(1000)
      expect(ex.calls.map((c) => [c.at, c.result])).toEqual([
        [0, 'ok'],
        [1000, 'fault'],
        [1100, 'fault'],
        [1300, 'ok'],
      ])
      expect(
        of('error').map((e) => [e.at, e.error.code, e.transient, e.retryInMs, e.consecutiveFailures]),
      ).toEqual([
        [1000, 'HTTP_503', true, 100, 1],
        [1100, 'TypeError', true, 200, 2],
      ])
      expect(of('recovered')).toEqual([
        { type: 'recovered', at: 1300, from: 'error', failures: 2, heartbeatId: 'hb-2' },
      ])
      expect(keeper.state().consecutiveFailures).toBe(0)
      await keeper.stop()
    })

    it('waits for the next regular beat after a non-transient failure', async () => {
      const { clock, ex, keeper, of } = setup()
      await clock.advance(500)
      ex.fail(http(401, { error: 'Unauthorized/Invalid api key' }))
      await clock.advance(1600)
      expect(of('error')).toMatchObject([
        {
          at: 1000,
          transient: false,
          retryInMs: 1000,
          error: { code: 'HTTP_401', status: 401, message: 'POST /v1/heartbeats: HTTP 401' },
        },
      ])
      expect(ex.calls.map((c) => c.at)).toEqual([0, 1000, 2000])
      await keeper.stop()
    })

    it('honours a Retry-After that fits in the time left', async () => {
      const { clock, ex, keeper, of } = setup()
      await clock.advance(500)
      ex.fail({ kind: 'throw', error: Object.assign(new FakeHttpError(429, {}), { retryAfter: 0.4 }) })
      await clock.advance(1000)
      expect(of('error')[0]).toMatchObject({ retryInMs: 400, transient: true })
      expect(ex.calls[2]?.at).toBe(1400)
      await keeper.stop()
    })

    it('waits out a Retry-After beyond the next beat when the deadline allows, not otherwise', async () => {
      const { clock, ex, keeper, of } = setup({ deadlineMs: 5000 })
      await clock.advance(500)
      ex.fail(
        { kind: 'throw', error: Object.assign(new FakeHttpError(429, {}), { retryAfter: 1.5 }) },
        { kind: 'throw', error: Object.assign(new FakeHttpError(429, {}), { retryAfter: 30 }) },
      )
      await clock.advance(3000)
      // 1000 + 1500 fits in the deadline (5000) → 2500; 30 s does not → backoff (200 ms)
      expect(of('error').map((e) => e.retryInMs)).toEqual([1500, 200])
      expect(ex.calls.slice(1, 4).map((c) => c.at)).toEqual([1000, 2500, 2700])
      await keeper.stop()
    })

    it('treats an error object resolved by an official-style client as a failure', async () => {
      const { clock, ex, keeper, of } = setup()
      ex.fail({ kind: 'resolve', value: { error: 'Internal Server Error', status: 500 } })
      await clock.advance(0)
      expect(of('error')).toMatchObject([
        { error: { status: 500, message: 'Internal Server Error' }, transient: true },
      ])
      expect(keeper.state().beats).toBe(0)
      await clock.advance(100)
      expect(keeper.state().beats).toBe(1)
      await keeper.stop()
    })

    it('rejects a response without a heartbeat_id string', async () => {
      const { clock, ex, keeper, of } = setup()
      ex.fail({ kind: 'resolve', value: { heartbeat_id: 7 } })
      await clock.advance(0)
      expect(of('error')).toMatchObject([{ error: { code: 'INVALID_HEARTBEAT_RESPONSE' }, transient: false }])
      expect(keeper.state().heartbeatId).toBe('')
      await keeper.stop()
    })

    it('survives a post function that throws synchronously', async () => {
      const clock = fakeClock()
      let n = 0
      const post: PostHeartbeat = (id) => {
        if (n++ === 0) throw new Error('sync boom')
        return Promise.resolve({ heartbeat_id: `${id}+` })
      }
      const events: HeartbeatEvent[] = []
      const keeper = startHeartbeat({
        post,
        clock,
        intervalMs: 1000,
        deadlineMs: 3000,
        onEvent: (e) => events.push(e),
      })
      await clock.advance(200)
      expect(events.map((e) => e.type)).toEqual(['error', 'beat', 'recovered'])
      expect(keeper.state().heartbeatId).toBe('+')
      await keeper.stop()
    })

    it('bounds each attempt by its timeout and by the time left before the deadline', async () => {
      const { clock, ex, keeper, of } = setup()
      await clock.advance(500)
      ex.failAll({ kind: 'hang' })
      await clock.advance(2700)
      // timeout (3000 − 1000) / 2 = 1000; the retry at 2100 only has 900 ms left; once lapsed,
      // an attempt gets the full timeout again
      expect(ex.calls.slice(1).map((c) => [c.at, c.settledAt])).toEqual([
        [1000, 2000],
        [2100, 3000],
        [3200, undefined],
      ])
      expect(isClobError(ex.calls[1]?.signal.reason) && ex.calls[1]?.signal.reason.code).toBe(
        'HEARTBEAT_TIMEOUT',
      )
      expect(of('error').map((e) => e.error.code)).toEqual(['HEARTBEAT_TIMEOUT', 'HEARTBEAT_TIMEOUT'])
      expect(of('lapsed')).toMatchObject([{ at: 3000 }])
      await keeper.stop()
    })
    it('is never wedged by a post that ignores its signal', async () => {
      const clock = fakeClock()
      const calls: number[] = []
      const post: PostHeartbeat = (id) => {
        calls.push(clock.now())
        return calls.length === 2 ? new Promise(() => {}) : Promise.resolve({ heartbeat_id: `${id}+` })
      }
      const events: HeartbeatEvent[] = []
      const keeper = startHeartbeat({
        post,
        clock,
        intervalMs: 1000,
        deadlineMs: 3000,
        onEvent: (e) => events.push(e),
      })
      await clock.advance(2500)
      // aborted at 2000 (timeout 1000), given up on after the 100 ms grace, retried 100 ms later
      expect(calls).toEqual([0, 1000, 2200])
      expect(events.filter((e) => e.type !== 'beat')).toMatchObject([
        { type: 'error', at: 2100, error: { code: 'HEARTBEAT_TIMEOUT' }, retryInMs: 100 },
        { type: 'at-risk', at: 2100, timeLeftMs: 900 },
        { type: 'recovered', at: 2200, from: 'error' },
      ])
      await keeper.stop()
    })
  })

  describe('deadline arithmetic', () => {
    it('regression: after 3× 503 and a dropped connection it retries before its deadline, and reports no lapse', async () => {
      // defaults: beat every 5 s, deadline 10 s, window 15 s, retry 500 ms doubling. Beat at 0 ok;
      // 5000, 5500, 6500 answer 503 and 8500 loses its connection: the doubled backoff (4000)
      // would land on 12 500, capped at the next slot 10 000 — exactly the deadline, where the
      // keeper used to report `lapsed` although the exchange (15 s) had cancelled nothing.
      const { clock, ex, keeper, of } = setup({ ...DEFAULTS })
      await clock.advance(4000)
      ex.fail(http(503), http(503), http(503), { kind: 'throw', error: new TypeError('other side closed') })
      await clock.advance(8000)
      expect(ex.calls.slice(0, 7).map((c) => [c.at, c.result])).toEqual([
        [0, 'ok'],
        [5000, 'fault'],
        [5500, 'fault'],
        [6500, 'fault'],
        [8500, 'fault'],
        // min(timeoutMs, retryDelayMs) = 500 before the deadline: room for one real attempt
        [9500, 'ok'],
        [10_000, 'ok'],
      ])
      expect(of('error').map((e) => [e.at, e.retryInMs, e.timeLeftMs])).toEqual([
        [5000, 500, 5000],
        [5500, 1000, 4500],
        [6500, 2000, 3500],
        [8500, 1000, 1500],
      ])
      expect(of('at-risk')).toMatchObject([{ at: 5000, timeLeftMs: 5000 }])
      expect(of('recovered')).toMatchObject([{ at: 9500, from: 'error', failures: 4 }])
      expect(of('lapsed')).toEqual([])
      expect(keeper.state()).toMatchObject({ lapses: 0, lapsed: false, consecutiveFailures: 0 })
      await keeper.stop()
    })

    it('regression: reports lapsed only once the exchange’s window (deadline + 5 s buffer) has passed', async () => {
      // the last accepted beat was sent at 0 and answered at 300: the exchange received it by 300,
      // so it cancels no earlier than 300 + 10 000 + 5 000
      const { clock, ex, keeper, of } = setup({
        ...DEFAULTS,
        latencyMs: 300,
      })
      await clock.advance(1000)
      ex.failAll(http(503))
      await clock.advance(14_299)
      expect(of('at-risk')).toHaveLength(1)
      expect(of('lapsed')).toEqual([])
      expect(keeper.state()).toMatchObject({ lapsed: false, lapses: 0, timeLeftMs: 0 })
      await clock.advance(1)
      expect(of('lapsed')).toEqual([
        { type: 'lapsed', at: 15_300, sinceLastSuccessMs: 15_300, lastSuccessAt: 0 },
      ])
      expect(keeper.state()).toMatchObject({ lapsed: true, lapses: 1 })
      await keeper.stop()
    })

    it('counts its deadline from the send and the exchange’s window from the answer, warns, then reports the lapse', async () => {
      const { clock, ex, keeper, of } = setup({ latencyMs: 300 })
      await clock.advance(500)
      expect(keeper.state()).toMatchObject({
        lastSuccessAt: 0,
        lastLatencyMs: 300,
        timeLeftMs: 2500,
        windowLeftMs: 2800,
      })
      ex.failAll(http(503))
      await clock.advance(1000)
      expect(keeper.state()).toMatchObject({ consecutiveFailures: 1, timeLeftMs: 1500, lapsed: false })
      expect(of('at-risk')).toEqual([
        {
          type: 'at-risk',
          at: 1500,
          timeLeftMs: 1500,
          error: { code: 'HTTP_503', message: expect.any(String), status: 503 },
        },
      ])
      await clock.advance(1500)
      // the keeper's own deadline: 3000 after the send at 0 …
      expect(keeper.state()).toMatchObject({ timeLeftMs: 0, windowLeftMs: 300, lapsed: false, lapses: 0 })
      await clock.advance(299)
      expect(of('lapsed')).toEqual([])
      await clock.advance(1)
      // … the exchange's window: 3000 after it answered at 300 (it may have received the beat that late)
      expect(of('lapsed')).toEqual([{ type: 'lapsed', at: 3300, sinceLastSuccessMs: 3300, lastSuccessAt: 0 }])
      expect(keeper.state()).toMatchObject({ timeLeftMs: 0, windowLeftMs: 0, lapsed: true, lapses: 1 })
      expect(of('at-risk')).toHaveLength(1)
      await clock.advance(5000)
      expect(of('lapsed')).toHaveLength(1)

      ex.failAll(undefined)
      await clock.advance(1300)
      expect(of('recovered')).toMatchObject([{ from: 'error' }])
      expect(keeper.state()).toMatchObject({ lapsed: false, lapses: 1, consecutiveFailures: 0 })
      // a second outage is a second lapse
      ex.failAll(http(502))
      await clock.advance(4000)
      expect(of('lapsed')).toHaveLength(2)
      expect(keeper.state().lapses).toBe(2)
      await keeper.stop()
    })

    it('reports at-risk when a failure leaves less than atRiskMs', async () => {
      const { clock, ex, keeper, of } = setup({ atRiskMs: 800 })
      await clock.advance(2100)
      ex.failAll(http(500))
      await clock.advance(950)
      // beat at 2000 ok; 3000 fails with 2000 left (> 800): no warning yet
      expect(of('error')).toHaveLength(1)
      expect(of('at-risk')).toEqual([])
      await clock.advance(1450)
      expect(of('at-risk')).toMatchObject([
        { at: 2000 + 3000 - 800, timeLeftMs: 800, error: { status: 500 } },
      ])
      await keeper.stop()
    })

    it('presumes a lapse from the start when no beat was ever accepted', async () => {
      const { clock, ex, keeper, of } = setup()
      ex.failAll({ kind: 'throw', error: new TypeError('connect ECONNREFUSED') })
      await clock.advance(3000)
      expect(of('lapsed')).toEqual([
        { type: 'lapsed', at: 3000, sinceLastSuccessMs: 3000, lastSuccessAt: null },
      ])
      await keeper.stop()
    })
  })

  describe('stall detection', () => {
    it('reports a blocked event loop and then resumes on the grid', async () => {
      const { clock, ex, keeper, of } = setup()
      await clock.advance(2000)
      expect(of('stall')).toEqual([])
      clock.jump(1200) // the loop is blocked from 2000 to 3200
      await clock.advance(1000)
      expect(of('stall')).toEqual([{ type: 'stall', at: 3200, delayMs: 700 }])
      expect(ex.calls.map((c) => c.at)).toEqual([0, 1000, 2000, 3200, 4000])
      expect(of('lapsed')).toEqual([])
      await keeper.stop()
    })

    it('reports a lapse when the stall outlasts the deadline', async () => {
      const { clock, keeper, of } = setup()
      await clock.advance(2000)
      clock.jump(4000)
      await clock.advance(0)
      expect(of('stall')).toEqual([{ type: 'stall', at: 6000, delayMs: 3500 }])
      expect(of('lapsed')).toEqual([
        { type: 'lapsed', at: 6000, sinceLastSuccessMs: 4000, lastSuccessAt: 2000 },
      ])
      await keeper.stop()
    })

    it('can be disabled', async () => {
      const { clock, keeper, of } = setup({ stallThresholdMs: false })
      await clock.advance(2000)
      clock.jump(1200)
      await clock.advance(0)
      expect(of('stall')).toEqual([])
      await keeper.stop()
    })
  })

  describe('stop', () => {
    it('sends nothing when stopped synchronously after start', async () => {
      const { clock, ex, keeper, events } = setup()
      const stopped = keeper.stop()
      await clock.advance(10_000)
      await stopped
      expect(ex.calls).toEqual([])
      expect(events).toEqual([{ type: 'stopped', at: 0, reason: 'stop', beats: 0, lapses: 0 }])
      expect(clock.pending()).toBe(0)
      await expect(keeper.closed).resolves.toMatchObject({ running: false, beats: 0 })
    })

    it('aborts the request in flight, waits for it, then never sends again', async () => {
      const { clock, ex, keeper, events } = setup({ latencyMs: 500 })
      await clock.advance(1100)
      expect(ex.inFlight).toBe(1)
      const stopping = keeper.stop()
      expect(keeper.stop()).toBe(stopping)
      const call = ex.calls[1]!
      expect(call.signal.aborted).toBe(true)
      expect(isClobError(call.signal.reason) && call.signal.reason.code).toBe('HEARTBEAT_STOPPED')
      await stopping
      expect(ex.inFlight).toBe(0)
      await clock.advance(10_000)
      expect(ex.calls).toHaveLength(2)
      expect(events.at(-1)).toEqual({ type: 'stopped', at: 1100, reason: 'stop', beats: 1, lapses: 0 })
      expect(events.filter((e) => e.type === 'error')).toEqual([])
      expect(keeper.state()).toMatchObject({ running: false, inFlight: false })
      expect(clock.pending()).toBe(0)
    })

    it('never lets a half-built request out', async () => {
      const clock = fakeClock()
      const sent: string[] = []
      const post: PostHeartbeat = async (id, signal) => {
        // building the request (signing, serialising) takes a while
        await new Promise<void>((resolve) => clock.setTimeout(resolve, 100))
        signal.throwIfAborted()
        sent.push(id)
        return { heartbeat_id: `${id}x` }
      }
      const keeper = startHeartbeat({ post, clock, intervalMs: 1000, deadlineMs: 3000 })
      await clock.advance(1050)
      // the second beat is being built (1000–1100) when stop() arrives
      expect(sent).toEqual([''])
      const stopping = keeper.stop()
      await clock.advance(200)
      await stopping
      await clock.advance(5000)
      expect(sent).toEqual([''])
    })

    it('can be stopped from an event listener', async () => {
      const { clock, ex, keeper } = setup()
      keeper.on('beat', () => {
        void keeper.stop()
      })
      await clock.advance(10_000)
      expect(ex.calls).toHaveLength(1)
      expect(keeper.state().running).toBe(false)
    })

    it('waits for a post that ignores its signal no longer than that attempt’s budget', async () => {
      const clock = fakeClock()
      const keeper = startHeartbeat({
        post: () => new Promise(() => {}),
        clock,
        intervalMs: 1000,
        deadlineMs: 3000,
      })
      await clock.advance(0)
      let done = false
      void keeper.stop().then(() => {
        done = true
      })
      await clock.advance(999)
      expect(done).toBe(false)
      await clock.advance(1)
      expect(done).toBe(true)
    })

    it('stops when its AbortSignal fires', async () => {
      const controller = new AbortController()
      const { clock, ex, keeper, of } = setup({ signal: controller.signal })
      await clock.advance(1500)
      controller.abort()
      await clock.advance(5000)
      expect(ex.calls).toHaveLength(2)
      expect(of('stopped')).toMatchObject([{ reason: 'signal', beats: 2 }])
      await expect(keeper.closed).resolves.toMatchObject({ running: false, beats: 2 })
    })

    it('never starts with an already aborted signal', async () => {
      const { clock, ex, of } = setup({ signal: AbortSignal.abort() })
      await clock.advance(5000)
      expect(ex.calls).toEqual([])
      expect(of('stopped')).toMatchObject([{ reason: 'signal' }])
    })

    it('supports await using (Symbol.asyncDispose)', async () => {
      const clock = fakeClock()
      const ex = fakeExchange(clock)
      const events: HeartbeatEvent[] = []
      {
        await using keeper = startHeartbeat({ post: ex.post, clock, onEvent: (e) => events.push(e) })
        await clock.advance(5000)
        expect(keeper.state().beats).toBe(2)
      }
      await clock.advance(20_000)
      expect(ex.calls).toHaveLength(2)
      expect(events.at(-1)).toMatchObject({ type: 'stopped', reason: 'dispose' })
    })

    it('keeps counting down after stop so an observer sees the lapse coming', async () => {
      const { clock, keeper } = setup()
      await clock.advance(1500)
      await keeper.stop()
      expect(keeper.state()).toMatchObject({ timeLeftMs: 2500, lapsed: false })
      clock.jump(2500)
      expect(keeper.state()).toMatchObject({ timeLeftMs: 0, lapsed: true, running: false })
    })
  })

  describe('events', () => {
    it('delivers to on() listeners, which can unsubscribe', async () => {
      const { clock, keeper } = setup()
      const seen: number[] = []
      const off = keeper.on('beat', (e) => seen.push(e.at))
      await clock.advance(1000)
      off()
      await clock.advance(2000)
      expect(seen).toEqual([0, 1000])
      await keeper.stop()
    })

    it('keeps beating when a listener throws, and reports it', async () => {
      const { clock, keeper, of } = setup()
      keeper.on('beat', () => {
        throw new Error('listener bug')
      })
      await clock.advance(3000)
      expect(keeper.state().beats).toBe(4)
      expect(of('error').map((e) => e.error.code)).toEqual(Array(4).fill('HEARTBEAT_LISTENER_ERROR'))
      await keeper.stop()
    })

    it('are plain JSON-serialisable objects', async () => {
      const { clock, ex, keeper, events } = setup({ latencyMs: 10 })
      await clock.advance(1500)
      ex.rotate('srv')
      await clock.advance(1000)
      ex.failAll(http(503))
      clock.jump(1200)
      await clock.advance(4000)
      await keeper.stop()
      const types = new Set(events.map((e) => e.type))
      expect([...types].sort()).toEqual([
        'at-risk',
        'beat',
        'error',
        'lapsed',
        'recovered',
        'stall',
        'stopped',
      ])
      for (const e of events) {
        expect(JSON.parse(JSON.stringify(e))).toEqual(e)
        expect(typeof e.at).toBe('number')
      }
    })
  })

  describe('options', () => {
    const post: PostHeartbeat = async () => ({ heartbeat_id: 'x' })
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['no post', { post: undefined }, 'INVALID_POST', 'post'],
      ['zero interval', { intervalMs: 0 }, 'INVALID_INTERVAL', 'intervalMs'],
      ['NaN interval', { intervalMs: Number.NaN }, 'INVALID_INTERVAL', 'intervalMs'],
      ['interval ≥ deadline', { intervalMs: 10_000, deadlineMs: 10_000 }, 'INVALID_INTERVAL', 'intervalMs'],
      ['string deadline', { deadlineMs: '10000' }, 'INVALID_DEADLINE', 'deadlineMs'],
      ['negative timeout', { timeoutMs: -1 }, 'INVALID_TIMEOUT', 'timeoutMs'],
      ['at-risk beyond deadline', { atRiskMs: 20_000 }, 'INVALID_AT_RISK', 'atRiskMs'],
      [
        'infinite retry delay',
        { retryDelayMs: Number.POSITIVE_INFINITY },
        'INVALID_RETRY_DELAY',
        'retryDelayMs',
      ],
      ['zero stall threshold', { stallThresholdMs: 0 }, 'INVALID_STALL_THRESHOLD', 'stallThresholdMs'],
      ['window below the deadline', { deadlineMs: 10_000, windowMs: 9999 }, 'INVALID_WINDOW', 'windowMs'],
      ['infinite window', { windowMs: Number.POSITIVE_INFINITY }, 'INVALID_WINDOW', 'windowMs'],
      ['numeric heartbeat id', { heartbeatId: 5 }, 'INVALID_HEARTBEAT_ID', 'heartbeatId'],
      ['bad signal', { signal: {} }, 'INVALID_SIGNAL', 'signal'],
      ['bad clock', { clock: { now: () => 0 } }, 'INVALID_CLOCK', 'clock'],
      ['bad onEvent', { onEvent: 'log' }, 'INVALID_LISTENER', 'onEvent'],
    ]
    for (const [name, patch, code, param] of cases) {
      it(`rejects ${name} with ${code}`, () => {
        let caught: unknown
        try {
          startHeartbeat({ post, ...patch } as Options)
        } catch (e) {
          caught = e
        }
        expect(isClobError(caught)).toBe(true)
        expect(caught).toMatchObject({ code, param, name: 'InvalidParameterError' })
      })
    }

    it('rejects a non-object and unknown listener types', async () => {
      expect(() => startHeartbeat(null as never)).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTIONS' }),
      )
      const clock = fakeClock()
      const keeper = startHeartbeat({ post, clock })
      expect(() => keeper.on('tick' as never, () => {})).toThrow(
        expect.objectContaining({ code: 'INVALID_EVENT' }),
      )
      expect(() => keeper.on('beat', 1 as never)).toThrow(
        expect.objectContaining({ code: 'INVALID_LISTENER' }),
      )
      await keeper.stop()
    })
  })
})
