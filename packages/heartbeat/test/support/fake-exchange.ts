import type { PostHeartbeat } from '@clobkit/heartbeat'
import type { FakeClock } from './fake-clock.js'

/** Shaped like the clob-rest HttpError: an HTTP status and the parsed body. */
export class FakeHttpError extends Error {
  override name = 'HttpError'
  readonly code: string
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`POST /v1/heartbeats: HTTP ${status}`)
    this.code = status === 400 ? 'HTTP_ERROR' : `HTTP_${status}`
  }
}

export interface Call {
  id: string
  at: number
  signal: AbortSignal
  settledAt?: number
  result?: 'ok' | 'stale' | 'fault' | 'aborted'
}

/** What a fault does to one request instead of answering normally. */
export type Fault = { kind: 'throw'; error: unknown } | { kind: 'hang' } | { kind: 'resolve'; value: unknown }

/**
 * An in-memory exchange for heartbeats (PROTOCOL.md §5.6): it chains ids and answers a
 * wrong id with a 400 carrying the correct one, in the body shape chosen by `staleShape`.
 */
export function fakeExchange(
  clock: FakeClock,
  options: {
    latencyMs?: number | ((n: number) => number)
    staleShape?: 'top' | 'nested' | 'official-object'
  } = {},
) {
  let current = ''
  let counter = 0
  let inFlight = 0
  let maxInFlight = 0
  const calls: Call[] = []
  const faults: Fault[] = []
  let failing: Fault | undefined
  const latency = (n: number): number => {
    const l = options.latencyMs ?? 0
    return typeof l === 'function' ? l(n) : l
  }
  const post: PostHeartbeat = (id, signal) =>
    new Promise((resolve, reject) => {
      const call: Call = { id, at: clock.now(), signal }
      calls.push(call)
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      const fault = faults.shift() ?? failing
      let done = false
      let timer: unknown
      const finish = (result: NonNullable<Call['result']>): boolean => {
        if (done) return false
        done = true
        inFlight--
        call.settledAt = clock.now()
        call.result = result
        return true
      }
      const onAbort = (): void => {
        clock.clearTimeout(timer)
        if (finish('aborted')) reject(signal.reason)
      }
      signal.addEventListener('abort', onAbort, { once: true })
      if (fault?.kind === 'hang') return
      timer = clock.setTimeout(
        () => {
          signal.removeEventListener('abort', onAbort)
          if (fault?.kind === 'throw') {
            if (finish('fault')) reject(fault.error)
            return
          }
          if (fault?.kind === 'resolve') {
            if (finish('fault')) resolve(fault.value as { heartbeat_id: string })
            return
          }
          if (current !== '' && id !== current) {
            if (!finish('stale')) return
            const shape = options.staleShape ?? 'top'
            if (shape === 'top') {
              reject(new FakeHttpError(400, { error: 'Invalid Heartbeat ID', heartbeat_id: current }))
            } else if (shape === 'nested') {
              reject(new FakeHttpError(400, { error: { heartbeat_id: current } }))
            } else {
              // The official TS clients resolve with the body folded into an error object.
              resolve({ error: { heartbeat_id: current }, status: 400 } as never)
            }
            return
          }
          counter++
          current = `hb-${counter}`
          if (finish('ok')) resolve({ heartbeat_id: current })
        },
        latency(calls.length - 1),
      )
    })
  return {
    post,
    calls,
    /** Queue faults for the next requests, in order. */
    fail(...next: Fault[]) {
      faults.push(...next)
    },
    /** Every request suffers `fault` until called again with `undefined`. */
    failAll(fault: Fault | undefined) {
      failing = fault
    },
    /** The server forgets the client's id (e.g. it expired): the next beat is stale. */
    rotate(id: string) {
      current = id
    },
    get current() {
      return current
    },
    get maxInFlight() {
      return maxInFlight
    },
    get inFlight() {
      return inFlight
    },
  }
}
