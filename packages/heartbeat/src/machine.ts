/**
 * The keeper's decisions as a pure state machine (PROTOCOL.md §5.6): inputs (the
 * start, a timer that fired, a request that settled, a stop) go in with the clock
 * time they happened at; the next state and a list of actions (send, abort, arm or
 * clear a timer, emit an event, close) come out. It does no I/O, reads no clock and
 * arms no timer itself — `keeper.ts` does that — so every schedule can be checked by
 * feeding it times.
 *
 * Two clocks of the exchange's dead-man switch are kept apart:
 * - the keeper's own **deadline** (`deadlineMs`, 10 s): counted from when the last
 *   accepted beat was *sent* (the earliest moment the exchange can have received it),
 *   so `timeLeftMs` never overstates. Retries are planned before it; `at-risk` is
 *   measured against it.
 * - the exchange's **window** (`windowMs`, 10 s + its 5 s buffer): counted from when the
 *   last accepted beat was *answered* (the latest moment the exchange can have received
 *   it). `lapsed` is reported only once it has passed, so a lapse is never a false alarm.
 * @module
 */
import { HeartbeatError, HeartbeatErrorCode } from './errors.js'
import type { HeartbeatEvent } from './events.js'
import { type ErrorInfo, failureRetryAfterMs, findHeartbeatId, isTransient, toErrorInfo } from './failure.js'

/** Timings the machine works with (validated by `startHeartbeat`). */
export interface MachineConfig {
  readonly intervalMs: number
  readonly deadlineMs: number
  readonly windowMs: number
  readonly timeoutMs: number
  readonly atRiskMs: number
  readonly retryDelayMs: number
  readonly stallThresholdMs: number | false
  readonly heartbeatId: string
}

/** The machine's timers; arming one that is armed replaces it. */
export type TimerName = 'beat' | 'watch' | 'probe' | 'abort' | 'grace' | 'stop'

/** How a post ended: resolved with a value (maybe an official-client error object) or threw. */
export type Outcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: unknown }

export type StopReason = 'stop' | 'signal' | 'dispose'

/** Something that happened, at clock time `at`. */
export type MachineInput =
  /** The keeper started: arms the watch and the stall probe. */
  | { readonly type: 'start'; readonly at: number }
  /** The first beat (the driver sends it on the microtask after start). */
  | { readonly type: 'begin'; readonly at: number }
  | { readonly type: 'timer'; readonly timer: TimerName; readonly at: number }
  | { readonly type: 'settled'; readonly attempt: number; readonly at: number; readonly outcome: Outcome }
  | { readonly type: 'stop'; readonly at: number; readonly reason: StopReason }

/** What the driver must do, in order. */
export type MachineAction =
  | { readonly type: 'send'; readonly attempt: number; readonly heartbeatId: string }
  | { readonly type: 'abort'; readonly attempt: number; readonly reason: HeartbeatError }
  | { readonly type: 'set-timer'; readonly timer: TimerName; readonly at: number }
  | { readonly type: 'clear-timer'; readonly timer: TimerName }
  | { readonly type: 'emit'; readonly event: HeartbeatEvent }
  /** Stopped: nothing is in flight and nothing will be sent. */
  | { readonly type: 'closed' }

interface Attempt {
  readonly id: number
  readonly sentAt: number
  readonly sentId: string
  readonly budgetMs: number
  /** Clock time the attempt's own abort fires. */
  readonly abortAt: number
  /** Set once its budget ran out and it was aborted. */
  readonly timeout: HeartbeatError | null
}

export interface MachineState {
  readonly config: MachineConfig
  readonly phase: 'running' | 'stopping' | 'stopped'
  readonly startedAt: number
  readonly heartbeatId: string
  /** Clock time the last accepted beat was sent. */
  readonly lastSuccessAt: number | null
  /** Clock time the last accepted beat was answered. */
  readonly lastAnsweredAt: number | null
  readonly lastLatencyMs: number | null
  readonly consecutiveFailures: number
  /** Consecutive failures that were not stale-id 400s (drives the backoff). */
  readonly errorFailures: number
  readonly staleStreak: number
  readonly beats: number
  readonly lapses: number
  readonly lastError: ErrorInfo | null
  readonly lapseReported: boolean
  readonly atRiskReported: boolean
  readonly attempt: Attempt | null
  readonly attempts: number
  /** When the armed stall probe is due. */
  readonly probeDue: number | null
  readonly stopReason: StopReason | null
}

/** A point-in-time view of the keeper. Times are on the keeper's clock. */
export interface HeartbeatState {
  /** False once stopped. */
  readonly running: boolean
  /** The id the next beat will carry (`''` before the first accepted beat). */
  readonly heartbeatId: string
  /** Clock time the last accepted beat was sent; `null` before the first. */
  readonly lastSuccessAt: number | null
  /** Latency of the last accepted beat. */
  readonly lastLatencyMs: number | null
  /** Failed attempts since the last accepted beat (stale-id 400s included). */
  readonly consecutiveFailures: number
  /** Milliseconds until the keeper's own deadline (`deadlineMs` after the last accepted beat was sent). Keeps counting after stop. */
  readonly timeLeftMs: number
  /** Milliseconds until the exchange's window (`windowMs` after the last accepted beat was answered) has passed; 0 when lapsed. */
  readonly windowLeftMs: number
  /** True while the exchange's window has passed without an accepted beat: orders must be presumed cancelled. */
  readonly lapsed: boolean
  /** Accepted beats so far. */
  readonly beats: number
  /** Lapses reported so far (a CLI exits non-zero when this is above 0). */
  readonly lapses: number
  /** True while a request is in flight. */
  readonly inFlight: boolean
  /** The last failure, if any since start. */
  readonly lastError: ErrorInfo | null
}

/** Stale-id 400s answered back to back with an immediate retry before backing off. */
const MAX_STALE_STREAK = 3

const round1 = (ms: number): number => Math.round(ms * 10) / 10

/** A machine that has not started yet; feed it `start` at the same time. */
export function create(config: MachineConfig, startedAt: number): MachineState {
  return {
    config,
    phase: 'running',
    startedAt,
    heartbeatId: config.heartbeatId,
    lastSuccessAt: null,
    lastAnsweredAt: null,
    lastLatencyMs: null,
    consecutiveFailures: 0,
    errorFailures: 0,
    staleStreak: 0,
    beats: 0,
    lapses: 0,
    lastError: null,
    lapseReported: false,
    atRiskReported: false,
    attempt: null,
    attempts: 0,
    probeDue: null,
    stopReason: null,
  }
}

/** The keeper's deadline: `deadlineMs` after the last accepted beat was sent (or the start). */
export const deadlineAt = (s: MachineState): number => (s.lastSuccessAt ?? s.startedAt) + s.config.deadlineMs

/** The end of the exchange's window: `windowMs` after the last accepted beat was answered (or the start). */
export const lapseAt = (s: MachineState): number => (s.lastAnsweredAt ?? s.startedAt) + s.config.windowMs

/** The public view of a state at clock time `now`. */
export function view(s: MachineState, now: number): HeartbeatState {
  const windowLeft = lapseAt(s) - now
  return {
    running: s.phase === 'running',
    heartbeatId: s.heartbeatId,
    lastSuccessAt: s.lastSuccessAt,
    lastLatencyMs: s.lastLatencyMs,
    consecutiveFailures: s.consecutiveFailures,
    timeLeftMs: Math.max(0, round1(deadlineAt(s) - now)),
    windowLeftMs: Math.max(0, round1(windowLeft)),
    lapsed: windowLeft <= 0,
    beats: s.beats,
    lapses: s.lapses,
    inFlight: s.attempt !== null,
    lastError: s.lastError,
  }
}

/** The next state and what to do, for one input. Never mutates `state`. */
export function step(
  state: MachineState,
  input: MachineInput,
): { state: MachineState; actions: MachineAction[] } {
  const c: Step = { s: { ...state }, out: [], cfg: state.config }
  handle(c, input)
  return { state: c.s, actions: c.out }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** One step's working copy of the state and the actions it produced. */
interface Step {
  readonly s: Mutable<MachineState>
  readonly out: MachineAction[]
  readonly cfg: MachineConfig
}

function handle(c: Step, input: MachineInput): void {
  const { s } = c
  if (s.phase === 'stopped') return
  switch (input.type) {
    case 'start':
      armWatch(c, input.at)
      armProbe(c, input.at)
      return
    case 'begin':
      if (s.phase === 'running') send(c, input.at)
      return
    case 'stop':
      onStop(c, input.at, input.reason)
      return
    case 'settled':
      onSettled(c, input.attempt, input.at, input.outcome)
      return
    case 'timer':
      onTimer(c, input.timer, input.at)
      return
  }
}

function emit(c: Step, event: HeartbeatEvent): void {
  c.out.push({ type: 'emit', event })
}

function setTimer(c: Step, timer: TimerName, at: number): void {
  c.out.push({ type: 'set-timer', timer, at })
}

function clearTimer(c: Step, timer: TimerName): void {
  c.out.push({ type: 'clear-timer', timer })
}

function onTimer(c: Step, timer: TimerName, at: number): void {
  const { s } = c
  if (timer === 'stop') {
    // A post that ignores its signal is waited for no longer than its own budget.
    if (s.phase === 'stopping') finishStop(c, at)
    return
  }
  if (s.phase !== 'running') return
  switch (timer) {
    case 'beat':
      checkLapse(c, at)
      send(c, at)
      return
    case 'watch':
      checkLapse(c, at)
      if (s.consecutiveFailures > 0 && at >= deadlineAt(s) - c.cfg.atRiskMs) reportAtRisk(c, at)
      armWatch(c, at)
      return
    case 'probe': {
      const threshold = c.cfg.stallThresholdMs
      if (threshold === false || s.probeDue === null) return
      const late = at - s.probeDue
      if (late >= threshold) emit(c, { type: 'stall', at, delayMs: round1(late) })
      checkLapse(c, at)
      armProbe(c, at)
      return
    }
    case 'abort': {
      const a = s.attempt
      if (a === null || a.timeout !== null) return
      const timeout = new HeartbeatError(
        HeartbeatErrorCode.timeout,
        `heartbeat request exceeded ${round1(a.budgetMs)} ms`,
        { details: { budgetMs: round1(a.budgetMs) } },
      )
      s.attempt = { ...a, timeout }
      c.out.push({ type: 'abort', attempt: a.id, reason: timeout })
      // A post that ignores its signal must not wedge the keeper: give up on it shortly after.
      setTimer(c, 'grace', at + Math.min(c.cfg.retryDelayMs, a.budgetMs))
      return
    }
    case 'grace': {
      const a = s.attempt
      if (a?.timeout) onSettled(c, a.id, at, { ok: false, error: a.timeout })
      return
    }
  }
}

/** Reports a lapse once per passed window. Called first from every input that can see one. */
function checkLapse(c: Step, at: number): void {
  const { s } = c
  if (s.lapseReported || at < lapseAt(s)) return
  s.lapseReported = true
  s.lapses++
  emit(c, {
    type: 'lapsed',
    at,
    sinceLastSuccessMs: round1(at - (s.lastSuccessAt ?? s.startedAt)),
    lastSuccessAt: s.lastSuccessAt,
  })
}

function reportAtRisk(c: Step, at: number): void {
  const { s } = c
  if (s.atRiskReported || s.lapseReported || s.phase !== 'running') return
  s.atRiskReported = true
  emit(c, {
    type: 'at-risk',
    at,
    timeLeftMs: Math.max(0, round1(deadlineAt(s) - at)),
    error: s.lastError,
  })
}

/** The first grid point `startedAt + n·interval` strictly after `t`. */
function nextSlotAfter(c: Step, t: number): number {
  const { startedAt } = c.s
  const n = Math.floor((t - startedAt) / c.cfg.intervalMs) + 1
  return startedAt + n * c.cfg.intervalMs
}

function scheduleBeat(c: Step, at: number): void {
  setTimer(c, 'beat', at)
}

/** Arms one timer for the next of: the at-risk point, the end of the exchange's window. */
function armWatch(c: Step, at: number): void {
  const { s } = c
  if (s.phase !== 'running' || s.lapseReported) {
    clearTimer(c, 'watch')
    return
  }
  const riskAt = deadlineAt(s) - c.cfg.atRiskMs
  setTimer(c, 'watch', !s.atRiskReported && riskAt > at ? riskAt : lapseAt(s))
}

function armProbe(c: Step, at: number): void {
  const threshold = c.cfg.stallThresholdMs
  if (threshold === false || c.s.phase !== 'running') return
  c.s.probeDue = at + threshold
  setTimer(c, 'probe', at + threshold)
}

function send(c: Step, at: number): void {
  const { s } = c
  if (s.phase !== 'running' || s.attempt !== null) return
  const left = deadlineAt(s) - at
  const budgetMs = left > 0 ? Math.min(c.cfg.timeoutMs, left) : c.cfg.timeoutMs
  s.attempts++
  s.attempt = {
    id: s.attempts,
    sentAt: at,
    sentId: s.heartbeatId,
    budgetMs,
    abortAt: at + budgetMs,
    timeout: null,
  }
  c.out.push({ type: 'send', attempt: s.attempts, heartbeatId: s.heartbeatId })
  setTimer(c, 'abort', at + budgetMs)
}

function onSettled(c: Step, id: number, at: number, outcome: Outcome): void {
  const { s } = c
  const a = s.attempt
  // Given up on (grace, or stop's bound) already: a late settlement changes nothing.
  if (a === null || a.id !== id) return
  s.attempt = null
  clearTimer(c, 'abort')
  clearTimer(c, 'grace')
  if (s.phase === 'stopping') {
    finishStop(c, at)
    return
  }
  checkLapse(c, at)
  if (outcome.ok) {
    const value = outcome.value
    const rec = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined
    const hasError = rec !== undefined && 'error' in rec && rec.error != null
    const next = rec?.heartbeat_id
    if (rec !== undefined && !hasError && typeof next === 'string' && next.length <= 512) {
      onSuccess(c, a, at, next)
      return
    }
    // The official clients return `{error, status, ...}` instead of throwing.
    onFailure(
      c,
      a,
      at,
      hasError
        ? value
        : new HeartbeatError(
            HeartbeatErrorCode.invalidResponse,
            'heartbeat response has no heartbeat_id string',
          ),
    )
    return
  }
  onFailure(c, a, at, a.timeout ?? outcome.error)
}

function onSuccess(c: Step, a: Attempt, at: number, id: string): void {
  const { s } = c
  const failures = s.consecutiveFailures
  const from = s.errorFailures > 0 ? 'error' : 'stale_id'
  s.heartbeatId = id
  s.lastSuccessAt = a.sentAt
  s.lastAnsweredAt = at
  s.lastLatencyMs = round1(at - a.sentAt)
  s.consecutiveFailures = 0
  s.errorFailures = 0
  s.staleStreak = 0
  s.beats++
  // A new anchor starts a new risk episode.
  s.lapseReported = false
  s.atRiskReported = false
  armWatch(c, at)
  emit(c, { type: 'beat', at, latencyMs: s.lastLatencyMs, heartbeatId: id })
  if (failures > 0) emit(c, { type: 'recovered', at, from, failures, heartbeatId: id })
  scheduleBeat(c, nextSlotAfter(c, a.sentAt))
}

function onFailure(c: Step, a: Attempt, at: number, failure: unknown): void {
  const { s, cfg } = c
  s.consecutiveFailures++
  const correctId = findHeartbeatId(failure)
  const info = toErrorInfo(failure)
  s.lastError = info
  if (
    correctId !== undefined &&
    correctId !== a.sentId &&
    (info.status === undefined || info.status === 400)
  ) {
    // §5.6: an expired or wrong id gets a 400 whose body has the correct one: adopt it and retry
    // at once (a server that keeps answering so gets the ordinary backoff after a few).
    s.heartbeatId = correctId
    if (s.staleStreak < MAX_STALE_STREAK) {
      s.staleStreak++
      scheduleBeat(c, at)
      return
    }
  }
  s.staleStreak = 0
  s.errorFailures++
  const transient = isTransient(failure)
  const retryAt = planRetry(c, at, failure, transient)
  const left = deadlineAt(s) - at
  emit(c, {
    type: 'error',
    at,
    error: info,
    consecutiveFailures: s.consecutiveFailures,
    transient,
    retryInMs: round1(retryAt - at),
    timeLeftMs: Math.max(0, round1(left)),
  })
  if (left <= cfg.atRiskMs) reportAtRisk(c, at)
  scheduleBeat(c, retryAt)
}

/**
 * When to try again after a failure at `at`. Transient failures back off (doubling from
 * `retryDelayMs`, capped at the interval and the next regular beat); others wait for the
 * next regular beat. Either way, while there is time left, the retry lands *before* the
 * keeper's deadline, leaving it a real attempt: no later than `min(timeoutMs,
 * retryDelayMs)` before the deadline, or halfway to it when even that has passed. (The
 * bare doubling lands on the deadline itself: 503s at 5 s, 5.5 s and 6.5 s and a
 * dropped connection at 8.5 s ask for 12.5 s, capped at the next beat — 10 s, the
 * deadline.) Once less than `retryDelayMs / 8` would separate the retries it goes at the
 * deadline, so an instantly failing server is not hammered.
 */
function planRetry(c: Step, at: number, failure: unknown, transient: boolean): number {
  const { cfg, s } = c
  const nextSlot = nextSlotAfter(c, at)
  let retry = nextSlot
  if (transient) {
    const backoff = Math.min(cfg.retryDelayMs * 2 ** Math.min(s.errorFailures - 1, 30), cfg.intervalMs)
    retry = Math.min(at + backoff, nextSlot)
  }
  const deadline = deadlineAt(s)
  const left = deadline - at
  if (left > 0) {
    const latest = Math.max(deadline - Math.min(cfg.timeoutMs, cfg.retryDelayMs), at + left / 2)
    retry = Math.min(retry, left / 2 >= cfg.retryDelayMs / 8 ? latest : deadline)
  }
  // A Retry-After is honoured when waiting it out still beats the deadline; otherwise the
  // orders matter more than the server's wish.
  const asked = transient ? failureRetryAfterMs(failure) : undefined
  if (asked !== undefined && at + asked < deadline) retry = Math.max(retry, at + asked)
  return retry
}

function onStop(c: Step, at: number, reason: StopReason): void {
  const { s } = c
  if (s.phase !== 'running') return
  s.phase = 'stopping'
  s.stopReason = reason
  for (const timer of ['beat', 'watch', 'probe', 'abort', 'grace'] as const) clearTimer(c, timer)
  const a = s.attempt
  if (a === null) {
    finishStop(c, at)
    return
  }
  c.out.push({
    type: 'abort',
    attempt: a.id,
    reason: new HeartbeatError(HeartbeatErrorCode.stopped, 'heartbeat keeper stopped'),
  })
  setTimer(c, 'stop', Math.max(at, a.abortAt))
}

function finishStop(c: Step, at: number): void {
  const { s } = c
  s.phase = 'stopped'
  s.attempt = null
  clearTimer(c, 'stop')
  emit(c, { type: 'stopped', at, reason: s.stopReason ?? 'stop', beats: s.beats, lapses: s.lapses })
  c.out.push({ type: 'closed' })
}
