import { HeartbeatMachine } from '@clobkit/heartbeat'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FakeHttpError } from './support/fake-exchange.js'

type State = HeartbeatMachine.MachineState
type Action = HeartbeatMachine.MachineAction

const CONFIG: HeartbeatMachine.MachineConfig = {
  intervalMs: 5000,
  deadlineMs: 10_000,
  windowMs: 15_000,
  timeoutMs: 2500,
  atRiskMs: 5000,
  retryDelayMs: 500,
  stallThresholdMs: false,
  heartbeatId: '',
}

/**
 * Runs the pure machine by hand: timers are a table of due times, `post` decides each
 * request's fate. No driver, no clock, no promises.
 */
function simulate(
  config: HeartbeatMachine.MachineConfig,
  answer: (n: number, at: number) => { latencyMs: number; ok: boolean; error?: unknown },
  untilMs: number,
) {
  let state: State = HeartbeatMachine.create(config, 0)
  const timers = new Map<string, number>()
  const inFlight = new Map<number, { settleAt: number; ok: boolean; error: unknown; sentAt: number }>()
  const log: { at: number; action: Action; before: State }[] = []
  let sends = 0
  const feed = (input: HeartbeatMachine.MachineInput) => {
    const before = state
    const frozen = JSON.stringify(before)
    const result = HeartbeatMachine.step(before, input)
    // pure: the input state is never touched
    expect(JSON.stringify(before)).toBe(frozen)
    state = result.state
    for (const action of result.actions) {
      log.push({ at: input.at, action, before })
      if (action.type === 'set-timer') timers.set(action.timer, action.at)
      if (action.type === 'clear-timer') timers.delete(action.timer)
      if (action.type === 'send') {
        const fate = answer(sends++, input.at)
        inFlight.set(action.attempt, {
          settleAt: input.at + fate.latencyMs,
          ok: fate.ok,
          error: fate.error,
          sentAt: input.at,
        })
      }
    }
  }
  feed({ type: 'start', at: 0 })
  feed({ type: 'begin', at: 0 })
  for (;;) {
    let next: { at: number; run: () => void } | undefined
    for (const [name, at] of timers) {
      if (!next || at < next.at)
        next = {
          at,
          run: () => {
            timers.delete(name)
            feed({ type: 'timer', timer: name as HeartbeatMachine.TimerName, at })
          },
        }
    }
    for (const [attempt, r] of inFlight) {
      if (!next || r.settleAt < next.at)
        next = {
          at: r.settleAt,
          run: () => {
            inFlight.delete(attempt)
            feed({
              type: 'settled',
              attempt,
              at: r.settleAt,
              outcome: r.ok
                ? { ok: true, value: { heartbeat_id: `hb-${attempt}` } }
                : { ok: false, error: r.error },
            })
          },
        }
    }
    if (!next || next.at > untilMs) break
    next.run()
  }
  return { state: () => state, log, actions: log.map((l) => l.action) }
}

const http = (status: number) => new FakeHttpError(status, { error: 'boom' })

describe('HeartbeatMachine.step', () => {
  it('answers the start with its watch, and the first beat with one send and its abort timer', () => {
    const s0 = HeartbeatMachine.create(CONFIG, 1000)
    const started = HeartbeatMachine.step(s0, { type: 'start', at: 1000 })
    expect(started.actions).toEqual([{ type: 'set-timer', timer: 'watch', at: 1000 + 10_000 - 5000 }])
    const begun = HeartbeatMachine.step(started.state, { type: 'begin', at: 1000 })
    expect(begun.actions).toEqual([
      { type: 'send', attempt: 1, heartbeatId: '' },
      { type: 'set-timer', timer: 'abort', at: 3500 },
    ])
    expect(HeartbeatMachine.view(begun.state, 1000)).toMatchObject({ inFlight: true, beats: 0 })
  })

  it('ignores a settlement of an attempt it already gave up on', () => {
    let s = HeartbeatMachine.step(HeartbeatMachine.create(CONFIG, 0), { type: 'begin', at: 0 }).state
    s = HeartbeatMachine.step(s, { type: 'timer', timer: 'abort', at: 2500 }).state
    s = HeartbeatMachine.step(s, { type: 'timer', timer: 'grace', at: 3000 }).state
    const late = HeartbeatMachine.step(s, {
      type: 'settled',
      attempt: 1,
      at: 3100,
      outcome: { ok: true, value: { heartbeat_id: 'late' } },
    })
    expect(late.actions).toEqual([])
    expect(HeartbeatMachine.view(late.state, 3100)).toMatchObject({ heartbeatId: '', beats: 0 })
  })

  it('regression: plans the retry after 3× 503 and a dropped connection before its deadline', () => {
    const faults = [null, http(503), http(503), http(503), new TypeError('other side closed')]
    const run = simulate(
      CONFIG,
      (n) =>
        n < faults.length && faults[n] !== null
          ? { latencyMs: 0, ok: false, error: faults[n] }
          : { latencyMs: 0, ok: true },
      12_000,
    )
    const beats = run.actions
      .filter((a) => a.type === 'set-timer' && a.timer === 'beat')
      .map((a) => (a as { at: number }).at)
    expect(beats).toEqual([5000, 5500, 6500, 8500, 9500, 10_000, 15_000])
    expect(run.actions.some((a) => a.type === 'emit' && a.event.type === 'lapsed')).toBe(false)
  })

  it('property: every retry with time left lands before the deadline, and a lapse only once the window passed', () => {
    const outcome = fc.record({
      latencyMs: fc.integer({ min: 0, max: 3000 }),
      ok: fc.boolean(),
      status: fc.constantFrom(400, 401, 429, 500, 503, undefined),
    })
    fc.assert(
      fc.property(
        fc.array(outcome, { minLength: 1, maxLength: 40 }),
        fc.record({
          intervalMs: fc.integer({ min: 100, max: 5000 }),
          extraDeadline: fc.integer({ min: 1, max: 10_000 }),
          buffer: fc.integer({ min: 0, max: 10_000 }),
          retryDelayMs: fc.integer({ min: 1, max: 1000 }),
        }),
        (fates, t) => {
          const deadlineMs = t.intervalMs + t.extraDeadline
          const config = {
            ...CONFIG,
            intervalMs: t.intervalMs,
            deadlineMs,
            windowMs: deadlineMs + t.buffer,
            timeoutMs: (deadlineMs - t.intervalMs) / 2,
            atRiskMs: deadlineMs / 2,
            retryDelayMs: t.retryDelayMs,
          }
          const run = simulate(
            config,
            (n) => {
              const f = fates[n % fates.length]!
              return f.ok
                ? { latencyMs: f.latencyMs, ok: true }
                : {
                    latencyMs: f.latencyMs,
                    ok: false,
                    error: f.status === undefined ? new TypeError('socket hang up') : http(f.status),
                  }
            },
            60_000,
          )
          for (const { at, action, before } of run.log) {
            const deadline = HeartbeatMachine.deadlineAt(before)
            if (action.type === 'emit' && action.event.type === 'error' && at < deadline) {
              expect(at + action.event.retryInMs).toBeLessThanOrEqual(deadline + 0.05)
              if (deadline - at >= config.retryDelayMs / 4)
                expect(at + action.event.retryInMs).toBeLessThan(deadline)
            }
            if (action.type === 'emit' && action.event.type === 'lapsed') {
              expect(at).toBeGreaterThanOrEqual(HeartbeatMachine.lapseAt(before))
            }
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
