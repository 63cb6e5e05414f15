/**
 * One channel's socket life cycle, shared by the market and user streams
 * (PROTOCOL-WS.md §2): open, send the subscription, text `PING` on a timer, declare the
 * connection stale when no `PONG` arrives within the window (or when the channel says
 * so, e.g. an asset fell silent), close it hard and reopen after a capped, jittered
 * exponential backoff. The attempt counter resets only once a new socket has delivered
 * something and stayed open for a ping interval, so a server that accepts (even answers a
 * `PONG`) and drops at once is not hammered.
 * @module
 */
import { type Backoff, backoffDelay } from './backoff.js'
import type { Clock } from './clock.js'
import { resolveWebSocket, type WebSocketConstructor, type WebSocketLike } from './transport.js'

/** Observable connection state. */
export type ConnectionState = 'connecting' | 'open' | 'stale' | 'reconnecting' | 'closed'

/** Why the state changed (on `stale`, `reconnecting` and `closed`). */
export type StateReason =
  | 'pong_timeout'
  | 'connect_timeout'
  | 'silent_asset'
  | 'server_closed'
  | 'socket_error'
  | 'auth_failed'
  | 'closed_by_client'
  | 'aborted'
  | 'transport_unavailable'

export interface CoreOptions {
  readonly url: string
  readonly WebSocket: WebSocketConstructor | undefined
  readonly clock: Clock
  readonly random: () => number
  readonly pingIntervalMs: number
  readonly pongTimeoutMs: number
  readonly backoff: Backoff
  /** Called once per open socket, before anything else is sent; `reconnect` is false the first time. */
  onOpen(reconnect: boolean): void
  /** Every text frame that is not `PONG`. */
  onFrame(text: string): void
  onState(
    state: ConnectionState,
    previous: ConnectionState,
    reason: StateReason | undefined,
    attempt: number,
  ): void
  /** Called on every liveness tick while open. */
  onTick(now: number): void
  /** True when this close (before any data on the socket) means the credentials were refused. */
  isAuthFailure(code: number, reason: string, receivedData: boolean): boolean
  /** The connection ended for good with an error (auth refused, no transport). */
  onFatal(error: unknown, reason: StateReason): void
  authError(code: number, reason: string): unknown
}

export interface Core {
  readonly state: ConnectionState
  /** Reconnect attempts since the last healthy socket. */
  readonly attempt: number
  start(): void
  /** Sends a text frame when the socket is open; false otherwise. */
  send(text: string): boolean
  /** Declare the connection stale, drop the socket and reconnect. */
  reconnect(reason: StateReason): void
  close(reason?: StateReason): void
}

const OPEN = 1

export function createCore(o: CoreOptions): Core {
  let state: ConnectionState = 'connecting'
  let socket: WebSocketLike | undefined
  let attempt = 0
  let opened = false
  let healthy = false
  let receivedData = false
  let lastPongAt = 0
  let lastPingAt = 0
  let connectStartedAt = 0
  let openedAt = 0
  let tickTimer: unknown
  let retryTimer: unknown
  const tickMs = Math.max(1, Math.min(o.pingIntervalMs, Math.ceil(o.pongTimeoutMs / 4)))

  function setState(next: ConnectionState, reason?: StateReason): void {
    if (next === state) return
    const previous = state
    state = next
    o.onState(next, previous, reason, attempt)
  }

  function detach(s: WebSocketLike | undefined): void {
    if (s === undefined) return
    s.onopen = null
    s.onmessage = null
    s.onclose = null
    s.onerror = () => {}
    try {
      if (typeof s.terminate === 'function') s.terminate()
      else s.close(1000)
    } catch {
      // a socket that cannot even close is gone already
    }
  }

  function scheduleTick(): void {
    o.clock.clearTimeout(tickTimer)
    // wake exactly when the PONG window would run out, so a stall is declared on time
    const deadline =
      state === 'open'
        ? lastPongAt + o.pongTimeoutMs + 1 - o.clock.now()
        : connectStartedAt + o.pongTimeoutMs + 1 - o.clock.now()
    tickTimer = o.clock.setTimeout(tick, Math.max(1, Math.min(tickMs, deadline)))
  }

  function tick(): void {
    tickTimer = undefined
    if (state === 'closed') return
    const now = o.clock.now()
    if (state === 'connecting') {
      if (now - connectStartedAt > o.pongTimeoutMs) {
        drop('connect_timeout', true)
        return
      }
    } else if (state === 'open') {
      if (now - lastPongAt > o.pongTimeoutMs) {
        drop('pong_timeout', true)
        return
      }
      if (healthy && attempt > 0 && now - openedAt >= o.pingIntervalMs) attempt = 0
      if (now - lastPingAt >= o.pingIntervalMs) {
        lastPingAt = now
        send('PING')
      }
      o.onTick(now)
      if ((state as ConnectionState) !== 'open') return
    }
    scheduleTick()
  }

  function drop(reason: StateReason, stale: boolean): void {
    if (state === 'closed') return
    detach(socket)
    socket = undefined
    if (stale) setState('stale', reason)
    setState('reconnecting', reason)
    o.clock.clearTimeout(tickTimer)
    tickTimer = undefined
    const delay = backoffDelay(attempt, o.backoff, o.random)
    attempt++
    o.clock.clearTimeout(retryTimer)
    retryTimer = o.clock.setTimeout(() => {
      retryTimer = undefined
      connect()
    }, delay)
  }

  function fatal(error: unknown, reason: StateReason): void {
    if (state === 'closed') return
    detach(socket)
    socket = undefined
    o.clock.clearTimeout(tickTimer)
    o.clock.clearTimeout(retryTimer)
    setState('closed', reason)
    o.onFatal(error, reason)
  }

  function connect(): void {
    if (state === 'closed') return
    setState('connecting')
    connectStartedAt = o.clock.now()
    healthy = false
    receivedData = false
    scheduleTick()
    resolveWebSocket(o.WebSocket).then(
      (Ctor) => {
        if (state !== 'connecting' || socket !== undefined) return
        let s: WebSocketLike
        try {
          s = new Ctor(o.url)
        } catch {
          drop('socket_error', false)
          return
        }
        socket = s
        try {
          s.binaryType = 'arraybuffer'
        } catch {}
        s.onopen = () => {
          if (socket !== s) return
          const now = o.clock.now()
          lastPongAt = now
          lastPingAt = now
          openedAt = now
          const reconnect = opened
          opened = true
          setState('open')
          o.onOpen(reconnect)
          if (socket === s && state === 'open') send('PING')
        }
        s.onmessage = (event) => {
          if (socket !== s) return
          const data = event.data
          if (typeof data !== 'string') return
          healthy = true
          if (data === 'PONG') {
            lastPongAt = o.clock.now()
            return
          }
          receivedData = true
          o.onFrame(data)
        }
        s.onerror = () => {
          // a close event always follows; the reconnect happens there
        }
        s.onclose = (event) => {
          if (socket !== s) return
          socket = undefined
          const code = typeof event?.code === 'number' ? event.code : 1006
          const reason = typeof event?.reason === 'string' ? event.reason : ''
          if (o.isAuthFailure(code, reason, receivedData))
            return fatal(o.authError(code, reason), 'auth_failed')
          drop('server_closed', false)
        }
      },
      (error: unknown) => fatal(error, 'transport_unavailable'),
    )
  }

  function send(text: string): boolean {
    const s = socket
    if (s === undefined || s.readyState !== OPEN) return false
    try {
      s.send(text)
      return true
    } catch {
      return false
    }
  }

  return {
    get state() {
      return state
    },
    get attempt() {
      return attempt
    },
    start() {
      connect()
    },
    send,
    reconnect(reason) {
      if (state === 'closed') return
      drop(reason, true)
    },
    close(reason = 'closed_by_client') {
      if (state === 'closed') return
      const s = socket
      socket = undefined
      if (s !== undefined) {
        s.onopen = null
        s.onmessage = null
        s.onclose = null
        s.onerror = () => {}
        try {
          s.close(1000)
        } catch {}
      }
      o.clock.clearTimeout(tickTimer)
      o.clock.clearTimeout(retryTimer)
      setState('closed', reason)
    },
  }
}

/**
 * Starts `core` unless `signal` is already aborted, and closes it when `signal` aborts.
 * Returns false when it was not started.
 */
export function startUnlessAborted(core: Core, signal: AbortSignal | undefined): boolean {
  if (signal?.aborted) {
    core.close('aborted')
    return false
  }
  signal?.addEventListener('abort', () => core.close('aborted'), { once: true })
  core.start()
  return true
}
