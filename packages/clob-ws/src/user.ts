/**
 * `connectUser`: the user channel (PROTOCOL-WS.md §1.2, §3.3): the key's `order` and
 * `trade` events. The subscribe message carries the raw API secret and passphrase (the
 * exchange's protocol); it is built at the moment it is sent and never stored, logged,
 * put in an error or an event. The connection object holds the credentials only as
 * l2-auth's masked `ApiCredentials`, so `util.inspect` shows nothing secret.
 *
 * The server acknowledges nothing; it closes the socket on bad credentials (the sim with
 * 1008 "auth failed"). That close is a `WsAuthError`: the connection ends (`closed`, an
 * `error` event, iterators throw it) and is not retried. Events are never dropped: an
 * iterator that falls `queueCapacity` behind throws `QueueOverflowError`.
 * @module
 */
import { type ApiCredentials, Credentials, type CredentialsInput } from '@clobkit/l2-auth'
import { type ConnectionState, createCore, startUnlessAborted } from './connection.js'
import { WsAuthError, WsError, WsErrorCode } from './errors.js'
import type { ErrorEvent, StateEvent } from './market.js'
import { type CommonOptions, common, conditionIds } from './options.js'
import {
  type DataEvent,
  type MalformedEvent,
  parseUserFrame,
  type UnknownEvent,
  type UserEventMap,
} from './parse.js'
import { createHub, type IteratorOptions } from './queue.js'
import { channelUrl } from './transport.js'

export interface ConnectUserOptions extends CommonOptions {
  /** L2 API credentials (`{key, secret, passphrase}` or l2-auth `ApiCredentials`). */
  readonly credentials: ApiCredentials | CredentialsInput
  /** Condition ids to follow; empty or absent = every market of the key. */
  readonly markets?: readonly string[] | undefined
}

/** Everything the user stream emits. */
export type UserStreamEvent =
  | DataEvent<UserEventMap>
  | UnknownEvent
  | MalformedEvent
  | StateEvent
  | ErrorEvent
export type UserStreamEventType = UserStreamEvent['type']

/** A live user-channel connection. */
export interface UserConnection extends AsyncIterable<UserStreamEvent> {
  readonly state: ConnectionState
  /** The API key (public id) the stream is for. */
  readonly apiKey: string
  /** Followed condition ids (empty = all of the key's markets). */
  readonly markets: readonly string[]
  /** The error that ended the connection (`WsAuthError`), if any. */
  readonly error: WsError | undefined
  subscribe(markets: string | readonly string[]): void
  unsubscribe(markets: string | readonly string[]): void
  on<T extends UserStreamEventType>(
    type: T | '*',
    listener: (event: Extract<UserStreamEvent, { type: T }>) => void,
  ): () => void
  /** An async iterator with its own bounded queue (policy: never drop; throw `QueueOverflowError`). */
  events(options?: IteratorOptions): AsyncIterableIterator<UserStreamEvent>
  close(): Promise<void>
}

function isAuthClose(code: number, reason: string): boolean {
  if (/auth|credential|unauthori[sz]ed|api key/i.test(reason)) return true
  return (
    code === 4001 ||
    code === 4003 ||
    code === 4401 ||
    code === 4403 ||
    (code === 1008 && !/too many/i.test(reason))
  )
}

/**
 * Opens the user channel.
 *
 * @example
 * ```ts
 * const user = connectUser({ url: 'wss://ws-subscriptions-clob.polymarket.com', credentials, markets: [conditionId] })
 * user.on('trade', ({ data }) => console.log(data.id, data.status))
 * ```
 */
export function connectUser(options: ConnectUserOptions): UserConnection {
  const c = common(options)
  const url = channelUrl(options.url, 'user')
  const credentials = Credentials.from(options.credentials as CredentialsInput)
  const markets = new Set(conditionIds(options.markets ?? [], 'markets'))
  let fatalError: WsError | undefined

  const hub = createHub<UserStreamEvent>(
    { kind: 'error', channel: 'user' },
    (error) => {
      hub.emit({
        type: 'error',
        error: new WsError(WsErrorCode.listener, 'user: an event listener threw', { cause: error }),
      })
    },
    c.queueCapacity,
  )

  // built when sent, never kept
  function frame(operation: 'subscribe' | 'unsubscribe' | undefined, list: readonly string[]): string {
    return JSON.stringify({
      type: 'user',
      ...(operation === undefined ? { initial_dump: true } : { operation }),
      markets: list,
      auth: { apiKey: credentials.key, secret: credentials.secret, passphrase: credentials.passphrase },
    })
  }

  const core = createCore({
    url,
    WebSocket: c.WebSocket,
    clock: c.clock,
    random: c.random,
    pingIntervalMs: c.pingIntervalMs,
    pongTimeoutMs: c.pongTimeoutMs,
    backoff: c.backoff,
    onOpen() {
      core.send(frame(undefined, [...markets]))
    },
    onFrame(text) {
      for (const ev of parseUserFrame(text)) hub.emit(ev)
    },
    onState(state, previous, reason, attempt) {
      hub.emit({ type: 'state', state, previous, reason, attempt })
      if (state === 'closed' && reason !== 'auth_failed' && reason !== 'transport_unavailable') hub.end()
    },
    onTick() {},
    isAuthFailure: (code, reason) => isAuthClose(code, reason),
    authError: (code, reason) => new WsAuthError(url, code, reason.slice(0, 120)),
    onFatal(error) {
      fatalError =
        error instanceof WsError
          ? error
          : new WsError(WsErrorCode.closed, 'user: connection failed', { cause: error })
      hub.emit({ type: 'error', error: fatalError })
      hub.end(fatalError)
    },
  })

  const connection: UserConnection = {
    get state() {
      return core.state
    },
    get apiKey() {
      return credentials.key
    },
    get markets() {
      return [...markets]
    },
    get error() {
      return fatalError
    },
    subscribe(list) {
      const ids = conditionIds(list, 'markets').filter((id) => !markets.has(id))
      if (ids.length === 0) return
      for (const id of ids) markets.add(id)
      core.send(frame('subscribe', ids))
    },
    unsubscribe(list) {
      const ids = conditionIds(list, 'markets').filter((id) => markets.has(id))
      if (ids.length === 0) return
      for (const id of ids) markets.delete(id)
      core.send(frame('unsubscribe', ids))
    },
    on: (type, listener) => hub.on(type, listener),
    events: (o) => hub.iterate(o),
    [Symbol.asyncIterator]: () => hub.iterate(),
    close() {
      core.close()
      return Promise.resolve()
    },
  }

  startUnlessAborted(core, c.signal)
  return connection
}
