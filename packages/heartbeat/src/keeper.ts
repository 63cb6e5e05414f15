/**
 * The heartbeat keeper: a dead-man's switch for a key's open orders (PROTOCOL.md §5.6).
 *
 * Once a key has sent a heartbeat, the exchange cancels all its open orders when no
 * valid heartbeat arrives within 10 s (plus a 5 s buffer). The keeper:
 * - sends one request at a time, chaining `heartbeat_id`;
 * - times beats on a fixed grid `start + n·interval` of a monotonic clock, so latency
 *   never makes the schedule drift;
 * - on a 400 that carries the correct id, adopts it and retries at once;
 * - retries transient failures with a short backoff, always before its deadline, each
 *   attempt bounded by the time left;
 * - reports stalls of the event loop, beats, recoveries, at-risk and lapses.
 *
 * The decisions are the pure state machine in `machine.ts`; this module is its driver:
 * it feeds it the clock's time, runs the post function, arms the timers it asks for and
 * delivers its events.
 * @module
 */
import { InvalidParameterError } from '@clobkit/eip712-order'
import { HeartbeatError, HeartbeatErrorCode } from './errors.js'
import {
  type HeartbeatEvent,
  type HeartbeatEventMap,
  type HeartbeatEventType,
  heartbeatEventTypes,
} from './events.js'
import { toErrorInfo } from './failure.js'
import {
  create,
  type HeartbeatState,
  type MachineAction,
  type MachineInput,
  type MachineState,
  step,
  type TimerName,
  view,
} from './machine.js'
import { resolveOptions, type StartOptions } from './options.js'

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
  /** Stops it, for `await using keeper = startHeartbeat(...)` where the runtime supports it. */
  [Symbol.asyncDispose](): Promise<void>
}

export declare namespace startHeartbeat {
  type Options = StartOptions
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
 * const keeper = startHeartbeat({ client })
 * keeper.on('at-risk', (e) => console.warn('heartbeat at risk', e.timeLeftMs, e.error))
 * keeper.on('lapsed', () => console.error('orders must be presumed cancelled'))
 * // … later
 * await keeper.stop()
 * ```
 */
export function startHeartbeat(options: startHeartbeat.Options): HeartbeatKeeper {
  const cfg = resolveOptions(options)
  const { clock } = cfg
  let machine: MachineState = create(cfg.machine, clock.now())

  const timers = new Map<TimerName, unknown>()
  const controllers = new Map<number, AbortController>()
  const listeners = new Map<HeartbeatEventType, Set<(event: HeartbeatEvent) => void>>()
  let resolveClosed!: (state: HeartbeatState) => void
  const closed = new Promise<HeartbeatState>((resolve) => {
    resolveClosed = resolve
  })
  let stopPromise: Promise<void> | undefined

  // Inputs raised while actions run (a listener calling stop(), a post settling
  // synchronously) wait their turn, so the machine sees one input at a time.
  const queue: MachineInput[] = []
  let dispatching = false
  let stopQueued = false

  function dispatch(input: MachineInput): void {
    queue.push(input)
    if (input.type === 'stop') stopQueued = true
    if (dispatching) return
    dispatching = true
    try {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        if (next.type === 'stop') stopQueued = queue.some((i) => i.type === 'stop')
        const result = step(machine, next)
        machine = result.state
        for (const action of result.actions) perform(action)
      }
    } finally {
      dispatching = false
    }
  }

  function perform(action: MachineAction): void {
    switch (action.type) {
      case 'send':
        // A stop() from a listener of this same step: the request must not go out at all.
        if (stopQueued) {
          const error = new HeartbeatError(HeartbeatErrorCode.stopped, 'heartbeat keeper stopped')
          queue.push({
            type: 'settled',
            attempt: action.attempt,
            at: clock.now(),
            outcome: { ok: false, error },
          })
          return
        }
        send(action.attempt, action.heartbeatId)
        return
      case 'abort':
        controllers.get(action.attempt)?.abort(action.reason)
        return
      case 'set-timer': {
        if (stopQueued) return
        clearTimer(action.timer)
        const name = action.timer
        const handle = clock.setTimeout(
          () => {
            if (timers.get(name) !== handle) return
            timers.delete(name)
            dispatch({ type: 'timer', timer: name, at: clock.now() })
          },
          Math.max(0, action.at - clock.now()),
        )
        timers.set(name, handle)
        return
      }
      case 'clear-timer':
        clearTimer(action.timer)
        return
      case 'emit':
        emit(action.event)
        return
      case 'closed':
        for (const name of [...timers.keys()]) clearTimer(name)
        cfg.signal?.removeEventListener('abort', onSignal)
        resolveClosed(view(machine, clock.now()))
        return
    }
  }

  function clearTimer(name: TimerName): void {
    if (!timers.has(name)) return
    clock.clearTimeout(timers.get(name))
    timers.delete(name)
  }

  function send(attempt: number, heartbeatId: string): void {
    const controller = new AbortController()
    controllers.set(attempt, controller)
    const settle = (outcome: { ok: true; value: unknown } | { ok: false; error: unknown }): void => {
      controllers.delete(attempt)
      dispatch({ type: 'settled', attempt, at: clock.now(), outcome })
    }
    let pending: PromiseLike<unknown>
    try {
      pending = cfg.post(heartbeatId, controller.signal)
    } catch (error) {
      pending = Promise.reject(error)
    }
    Promise.resolve(pending).then(
      (value) => settle({ ok: true, value }),
      (error: unknown) => settle({ ok: false, error }),
    )
  }

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
          const now = clock.now()
          emit({
            type: 'error',
            at: now,
            error: toErrorInfo(error),
            consecutiveFailures: machine.consecutiveFailures,
            transient: false,
            retryInMs: 0,
            timeLeftMs: view(machine, now).timeLeftMs,
          })
        } finally {
          emitting = false
        }
      }
    }
  }

  function onSignal(): void {
    void stopWith('signal')
  }

  function stopWith(reason: 'stop' | 'signal' | 'dispose'): Promise<void> {
    if (stopPromise) return stopPromise
    stopPromise = closed.then(() => undefined)
    dispatch({ type: 'stop', at: clock.now(), reason })
    return stopPromise
  }

  const keeper: HeartbeatKeeper = {
    state: () => view(machine, clock.now()),
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
  dispatch({ type: 'start', at: clock.now() })
  queueMicrotask(() => dispatch({ type: 'begin', at: clock.now() }))
  return keeper
}

const EVENT_TYPES: ReadonlySet<string> = new Set(heartbeatEventTypes)
function isEventType(type: unknown): type is HeartbeatEventType {
  return typeof type === 'string' && EVENT_TYPES.has(type)
}
