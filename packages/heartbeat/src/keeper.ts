/**
 * The heartbeat keeper: a dead-man's switch for a key's open orders (PROTOCOL.md §5.6).
 *
 * Once a key has sent a heartbeat, the exchange cancels all its open orders when no
 * valid heartbeat arrives within 10 s (plus a 5 s buffer). The keeper:
 * - sends one request at a time, chaining `heartbeat_id`;
 * - times beats on a fixed grid `start + n·interval` of a monotonic clock, so latency
 *   never makes the schedule drift;
 * - on a 400 that carries the correct id, adopts it and retries at once;
 * - retries transient failures with a short backoff, each attempt bounded by the time
 *   left before the deadline;
 * - reports stalls of the event loop, beats, recoveries, at-risk and lapses.
 *
 * The deadline is measured from when the last accepted beat was *sent* — the earliest
 * moment the exchange can have received it — so `timeLeftMs` never overstates.
 * @module
 */
import { InvalidParameterError } from '@clobkit/eip712-order'
import { type HeartbeatClient, heartbeatPoster } from './client.js'
import { type Clock, systemClock } from './clock.js'
import { HeartbeatError, HeartbeatErrorCode } from './errors.js'
import {
  type HeartbeatEvent,
  type HeartbeatEventMap,
  type HeartbeatEventType,
  heartbeatEventTypes,
} from './events.js'
import { type ErrorInfo, failureRetryAfterMs, findHeartbeatId, isTransient, toErrorInfo } from './failure.js'

/** The exchange's answer to an accepted heartbeat. */
export interface HeartbeatResponse {
  readonly heartbeat_id: string
}

/**
 * Posts one heartbeat carrying `heartbeatId` and resolves with the next id. It must
 * honour `signal` (abort the request) and throw (or resolve with an object that has
 * an `error` key, as the official clients do) on failure.
 */
export type PostHeartbeat = (heartbeatId: string, signal: AbortSignal) => PromiseLike<HeartbeatResponse>

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
  /** Milliseconds until orders must be presumed cancelled (0 when lapsed). Keeps counting after stop. */
  readonly timeLeftMs: number
  /** True while the deadline has passed without an accepted beat. */
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

/** A running keeper. */
export interface HeartbeatKeeper {
  /** The current state. */
  state(): HeartbeatState
  /** Subscribes to one event type; returns the unsubscribe function. */
  on<K extends HeartbeatEventType>(type: K, listener: (event: HeartbeatEventMap[K]) => void): () => void
  /**
   * Stops: no request is started afterwards, the one in flight (if any) is aborted
   * through its signal, and the promise resolves once it has settled. Idempotent.
   */
  stop(): Promise<void>
  /** Resolves with the final state once the keeper has stopped (by `stop()`, the signal or dispose). */
  readonly closed: Promise<HeartbeatState>
  /** `await using keeper = startHeartbeat(...)` stops it at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void>
}

export declare namespace startHeartbeat {
  interface Options {
    /** The function that posts one heartbeat. Give exactly one of `post` and `client`. */
    post?: PostHeartbeat
    /** A `@clobkit/clob-rest` client; shorthand for `post: heartbeatPoster(client)`. */
    client?: HeartbeatClient
    /** Beat period on the monotonic clock. Default 5000 (the exchange docs' advice). Must be below `deadlineMs`. */
    intervalMs?: number
    /** The exchange's window without its buffer. Default 10000. */
    deadlineMs?: number
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
}

/** Stale-id 400s answered back to back with an immediate retry before backing off. */
const MAX_STALE_STREAK = 3

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

const round1 = (ms: number): number => Math.round(ms * 10) / 10

interface Config {
  post: PostHeartbeat
  clock: Clock
  intervalMs: number
  deadlineMs: number
  timeoutMs: number
  atRiskMs: number
  retryDelayMs: number
  stallThresholdMs: number | false
  heartbeatId: string
  signal: AbortSignal | undefined
  onEvent: ((event: HeartbeatEvent) => void) | undefined
}

function resolveOptions(options: startHeartbeat.Options): Config {
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
    intervalMs,
    deadlineMs,
    timeoutMs,
    atRiskMs,
    retryDelayMs,
    stallThresholdMs,
    heartbeatId,
    signal,
    onEvent: options.onEvent,
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown }

interface Attempt {
  readonly controller: AbortController
  readonly sentAt: number
  readonly sentId: string
  /** Clock time the attempt's own abort fires. */
  readonly abortAt: number
  readonly settled: Promise<void>
  timedOut: boolean
  /** Settled (or given up on); a later settlement of the post is ignored. */
  done: boolean
}

/**
 * Starts a keeper. The first beat goes out on the next microtask (so `on()` can be
 * called first and a synchronous `stop()` sends nothing), then every `intervalMs`.
 *
 * @example
 * ```ts
 * import { createClient } from '@clobkit/clob-rest'
 * import { startHeartbeat } from '@clobkit/heartbeat'
 *
 * const client = createClient({ host, chainId: 137, signer, credentials })
 * await using keeper = startHeartbeat({ client })
 * keeper.on('at-risk', (e) => console.warn('heartbeat at risk', e.timeLeftMs, e.error))
 * keeper.on('lapsed', () => console.error('orders must be presumed cancelled'))
 * ```
 */
export function startHeartbeat(options: startHeartbeat.Options): HeartbeatKeeper {
  const cfg = resolveOptions(options)
  const { clock } = cfg
  const startedAt = clock.now()

  let running = true
  let heartbeatId = cfg.heartbeatId
  let lastSuccessAt: number | null = null
  let lastLatencyMs: number | null = null
  let consecutiveFailures = 0
  /** Consecutive failures that were not stale-id 400s (drives the backoff). */
  let errorFailures = 0
  let staleStreak = 0
  let beats = 0
  let lapses = 0
  let lastError: ErrorInfo | null = null
  let lapseReported = false
  let atRiskReported = false
  let attempt: Attempt | null = null

  let beatTimer: unknown
  let watchTimer: unknown
  let probeTimer: unknown
  let beatPending = false
  let watchPending = false
  let probePending = false

  const listeners = new Map<HeartbeatEventType, Set<(event: HeartbeatEvent) => void>>()
  let resolveClosed!: (state: HeartbeatState) => void
  const closed = new Promise<HeartbeatState>((resolve) => {
    resolveClosed = resolve
  })
  let stopPromise: Promise<void> | undefined

  const anchor = (): number => lastSuccessAt ?? startedAt
  const deadlineAt = (): number => anchor() + cfg.deadlineMs
  const timeLeft = (now: number): number => deadlineAt() - now

  let emitting = false
  function emit(event: HeartbeatEvent): void {
    const targets: ((event: HeartbeatEvent) => void)[] = []
    if (cfg.onEvent) targets.push(cfg.onEvent)
    const set = listeners.get(event.type)
    if (set) targets.push(...set)
    for (const fn of targets) {
      try {
        fn(event)
      } catch (cause) {
        // A throwing listener must not stop the heartbeat. Report it once, as an error event.
        if (emitting) continue
        emitting = true
        try {
          const error = new HeartbeatError(HeartbeatErrorCode.listener, `a '${event.type}' listener threw`, {
            cause,
          })
          emit({
            type: 'error',
            at: clock.now(),
            error: toErrorInfo(error),
            consecutiveFailures,
            transient: false,
            retryInMs: 0,
            timeLeftMs: Math.max(0, round1(timeLeft(clock.now()))),
          })
        } finally {
          emitting = false
        }
      }
    }
  }

  function state(): HeartbeatState {
    const now = clock.now()
    const left = timeLeft(now)
    return {
      running,
      heartbeatId,
      lastSuccessAt,
      lastLatencyMs,
      consecutiveFailures,
      timeLeftMs: Math.max(0, round1(left)),
      lapsed: left <= 0,
      beats,
      lapses,
      inFlight: attempt !== null,
      lastError,
    }
  }

  /** Reports a lapse once per missed deadline. Called from every callback first. */
  function checkDeadline(now: number): void {
    if (lapseReported || now < deadlineAt()) return
    lapseReported = true
    lapses++
    emit({ type: 'lapsed', at: now, sinceLastSuccessMs: round1(now - anchor()), lastSuccessAt })
  }

  function reportAtRisk(now: number): void {
    if (atRiskReported || lapseReported || !running) return
    atRiskReported = true
    emit({ type: 'at-risk', at: now, timeLeftMs: Math.max(0, round1(timeLeft(now))), error: lastError })
  }

  /** The first grid point `startedAt + n·interval` strictly after `t`. */
  function nextSlotAfter(t: number): number {
    const n = Math.floor((t - startedAt) / cfg.intervalMs) + 1
    return startedAt + n * cfg.intervalMs
  }

  function clearTimer(handle: unknown, pending: boolean): void {
    if (pending) clock.clearTimeout(handle)
  }

  function scheduleBeat(at: number): void {
    clearTimer(beatTimer, beatPending)
    beatPending = true
    beatTimer = clock.setTimeout(
      () => {
        beatPending = false
        if (!running) return
        checkDeadline(clock.now())
        send()
      },
      Math.max(0, at - clock.now()),
    )
  }

  /** Arms one timer for the next of: the at-risk point, the deadline. */
  function armWatch(): void {
    clearTimer(watchTimer, watchPending)
    watchPending = false
    if (!running || lapseReported) return
    const now = clock.now()
    const riskAt = deadlineAt() - cfg.atRiskMs
    const target = !atRiskReported && riskAt > now ? riskAt : deadlineAt()
    watchPending = true
    watchTimer = clock.setTimeout(
      () => {
        watchPending = false
        if (!running) return
        const t = clock.now()
        checkDeadline(t)
        if (consecutiveFailures > 0 && t >= deadlineAt() - cfg.atRiskMs) reportAtRisk(t)
        armWatch()
      },
      Math.max(0, target - now),
    )
  }

  function armProbe(): void {
    if (cfg.stallThresholdMs === false || !running) return
    const threshold = cfg.stallThresholdMs
    const due = clock.now() + threshold
    probePending = true
    probeTimer = clock.setTimeout(() => {
      probePending = false
      if (!running) return
      const now = clock.now()
      const late = now - due
      if (late >= threshold) emit({ type: 'stall', at: now, delayMs: round1(late) })
      checkDeadline(now)
      armProbe()
    }, threshold)
  }

  function send(): void {
    if (!running || attempt !== null) return
    const sentAt = clock.now()
    const sentId = heartbeatId
    const left = timeLeft(sentAt)
    const budget = left > 0 ? Math.min(cfg.timeoutMs, left) : cfg.timeoutMs
    const controller = new AbortController()
    let resolveSettled!: () => void
    const current: Attempt = {
      controller,
      sentAt,
      sentId,
      abortAt: sentAt + budget,
      settled: new Promise<void>((resolve) => {
        resolveSettled = resolve
      }),
      timedOut: false,
      done: false,
    }
    attempt = current
    let graceTimer: unknown
    const abortTimer = clock.setTimeout(() => {
      current.timedOut = true
      controller.abort(
        new HeartbeatError(HeartbeatErrorCode.timeout, `heartbeat request exceeded ${round1(budget)} ms`, {
          details: { budgetMs: round1(budget) },
        }),
      )
      // A post that ignores its signal must not wedge the keeper: give up on it shortly after.
      graceTimer = clock.setTimeout(
        () => settle({ ok: false, error: controller.signal.reason }),
        Math.min(cfg.retryDelayMs, budget),
      )
    }, budget)

    function settle(outcome: Outcome): void {
      if (current.done) return
      current.done = true
      clock.clearTimeout(abortTimer)
      if (graceTimer !== undefined) clock.clearTimeout(graceTimer)
      if (attempt === current) attempt = null
      try {
        if (running) onOutcome(current, outcome)
      } finally {
        resolveSettled()
      }
    }

    let pending: PromiseLike<unknown>
    try {
      pending = cfg.post(sentId, controller.signal)
    } catch (error) {
      pending = Promise.reject(error)
    }
    Promise.resolve(pending).then(
      (value) => settle({ ok: true, value }),
      (error: unknown) => settle({ ok: false, error }),
    )
  }

  function onOutcome(a: Attempt, outcome: Outcome): void {
    const now = clock.now()
    checkDeadline(now)
    if (outcome.ok) {
      const value = outcome.value
      const rec = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined
      const id = rec?.heartbeat_id
      if (
        rec !== undefined &&
        !('error' in rec && rec.error != null) &&
        typeof id === 'string' &&
        id.length <= 512
      ) {
        onSuccess(a, now, id)
        return
      }
      // The official clients return `{error, status, ...}` instead of throwing.
      const failure =
        rec !== undefined && 'error' in rec && rec.error != null
          ? value
          : new HeartbeatError(
              HeartbeatErrorCode.invalidResponse,
              'heartbeat response has no heartbeat_id string',
            )
      onFailure(a, now, failure)
      return
    }
    onFailure(a, now, a.timedOut ? a.controller.signal.reason : outcome.error)
  }

  function onSuccess(a: Attempt, now: number, id: string): void {
    const failures = consecutiveFailures
    const from = errorFailures > 0 ? 'error' : 'stale_id'
    heartbeatId = id
    lastSuccessAt = a.sentAt
    lastLatencyMs = round1(now - a.sentAt)
    consecutiveFailures = 0
    errorFailures = 0
    staleStreak = 0
    beats++
    // A new anchor starts a new risk episode.
    lapseReported = false
    atRiskReported = false
    armWatch()
    emit({ type: 'beat', at: now, latencyMs: lastLatencyMs, heartbeatId: id })
    if (failures > 0 && running) emit({ type: 'recovered', at: now, from, failures, heartbeatId: id })
    if (running) scheduleBeat(nextSlotAfter(a.sentAt))
  }

  function onFailure(a: Attempt, now: number, failure: unknown): void {
    consecutiveFailures++
    const correctId = findHeartbeatId(failure)
    const info = toErrorInfo(failure)
    lastError = info
    if (
      correctId !== undefined &&
      correctId !== a.sentId &&
      (info.status === undefined || info.status === 400)
    ) {
      // §5.6: an expired or wrong id gets a 400 whose body has the correct one: adopt it and retry
      // at once (a server that keeps answering so gets the ordinary backoff after a few).
      heartbeatId = correctId
      if (staleStreak < MAX_STALE_STREAK) {
        staleStreak++
        scheduleBeat(now)
        return
      }
    }
    staleStreak = 0
    errorFailures++
    const transient = isTransient(failure)
    const nextSlot = nextSlotAfter(now)
    let retryAt = nextSlot
    if (transient) {
      const backoff = Math.min(cfg.retryDelayMs * 2 ** Math.min(errorFailures - 1, 30), cfg.intervalMs)
      const asked = failureRetryAfterMs(failure)
      // A Retry-After is honoured when waiting it out still beats the deadline; otherwise the
      // orders matter more than the server's wish.
      retryAt =
        asked !== undefined && now + asked < deadlineAt()
          ? now + Math.max(asked, backoff)
          : Math.min(now + backoff, nextSlot)
    }
    const left = timeLeft(now)
    emit({
      type: 'error',
      at: now,
      error: info,
      consecutiveFailures,
      transient,
      retryInMs: round1(retryAt - now),
      timeLeftMs: Math.max(0, round1(left)),
    })
    if (left <= cfg.atRiskMs) reportAtRisk(now)
    if (running) scheduleBeat(retryAt)
  }

  function onSignal(): void {
    void stopWith('signal')
  }

  function stopWith(reason: 'stop' | 'signal' | 'dispose'): Promise<void> {
    if (stopPromise) return stopPromise
    running = false
    clearTimer(beatTimer, beatPending)
    clearTimer(watchTimer, watchPending)
    clearTimer(probeTimer, probePending)
    beatPending = watchPending = probePending = false
    cfg.signal?.removeEventListener('abort', onSignal)
    const inFlight = attempt
    let wait: Promise<void> = Promise.resolve()
    if (inFlight) {
      inFlight.controller.abort(new HeartbeatError(HeartbeatErrorCode.stopped, 'heartbeat keeper stopped'))
      // A post that ignores its signal is waited for no longer than its own budget.
      let boundTimer: unknown
      const bound = new Promise<void>((resolve) => {
        boundTimer = clock.setTimeout(resolve, Math.max(0, inFlight.abortAt - clock.now()))
      })
      wait = Promise.race([inFlight.settled, bound]).then(() => clock.clearTimeout(boundTimer))
    }
    stopPromise = wait.then(() => {
      emit({ type: 'stopped', at: clock.now(), reason, beats, lapses })
      resolveClosed(state())
    })
    return stopPromise
  }

  const keeper: HeartbeatKeeper = {
    state,
    on(type, listener) {
      if (typeof listener !== 'function') {
        throw new InvalidParameterError('INVALID_LISTENER', 'listener', 'must be a function')
      }
      if (!isEventType(type)) {
        throw new InvalidParameterError('INVALID_EVENT', 'type', `unknown event type ${JSON.stringify(type)}`)
      }
      let set = listeners.get(type)
      if (!set) {
        set = new Set()
        listeners.set(type, set)
      }
      const fn = listener as (event: HeartbeatEvent) => void
      set.add(fn)
      return () => {
        set.delete(fn)
      }
    },
    stop: () => stopWith('stop'),
    closed,
    [Symbol.asyncDispose]: () => stopWith('dispose'),
  }

  if (cfg.signal?.aborted) {
    void stopWith('signal')
    return keeper
  }
  cfg.signal?.addEventListener('abort', onSignal, { once: true })
  armWatch()
  armProbe()
  queueMicrotask(() => {
    if (running) send()
  })
  return keeper
}

const EVENT_TYPES: ReadonlySet<string> = new Set(heartbeatEventTypes)
function isEventType(type: unknown): type is HeartbeatEventType {
  return typeof type === 'string' && EVENT_TYPES.has(type)
}
