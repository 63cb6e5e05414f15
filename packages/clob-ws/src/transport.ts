/**
 * The socket: the runtime's global `WebSocket` (Node ≥ 22, browsers, Bun, Deno), else
 * the `ws` package, imported only when there is no global. Only the WHATWG surface is
 * used (`onopen`/`onmessage`/`onclose`/`onerror`, `send`, `close`), plus `ws`'s
 * `terminate()` when present to drop a half-open connection at once.
 * @module
 */
import { InvalidParameterError } from '@clobkit/eip712-order'
import { WsError, WsErrorCode } from './errors.js'

/** The part of a WebSocket this package uses. */
export interface WebSocketLike {
  readonly readyState: number
  binaryType?: string
  send(data: string): void
  close(code?: number, reason?: string): void
  terminate?(): void
  onopen: ((event: unknown) => void) | null
  onmessage: ((event: { readonly data: unknown }) => void) | null
  onclose: ((event: { readonly code: number; readonly reason: string }) => void) | null
  onerror: ((event: unknown) => void) | null
}

/** A WebSocket constructor (the global one, `ws`'s, or a test double). */
export type WebSocketConstructor = new (url: string) => WebSocketLike

let cached: Promise<WebSocketConstructor> | undefined

/** The WebSocket constructor to use: `custom`, else the global, else `ws` (loaded once). */
export function resolveWebSocket(custom?: WebSocketConstructor): Promise<WebSocketConstructor> {
  if (custom !== undefined) return Promise.resolve(custom)
  const global = (globalThis as { WebSocket?: unknown }).WebSocket
  if (typeof global === 'function') return Promise.resolve(global as WebSocketConstructor)
  cached ??= import('ws').then(
    (mod) => (mod.WebSocket ?? mod.default) as unknown as WebSocketConstructor,
    (cause: unknown) => {
      cached = undefined
      throw new WsError(
        WsErrorCode.transportUnavailable,
        'no global WebSocket and the ws package could not be loaded',
        { cause },
      )
    },
  )
  return cached
}

/**
 * The channel URL: `http(s)` becomes `ws(s)`, and a trailing `/`, `/ws`, `/ws/market` or
 * `/ws/user` is replaced by `/ws/<channel>` (as RS does), so the REST host of a sim works.
 *
 * @example
 * ```ts
 * channelUrl('http://127.0.0.1:8080', 'market') // 'ws://127.0.0.1:8080/ws/market'
 * channelUrl('wss://ws-subscriptions-clob.polymarket.com/ws/market', 'user') // 'wss://…/ws/user'
 * ```
 */
export function channelUrl(url: string, channel: 'market' | 'user'): string {
  if (typeof url !== 'string' || !/^(?:wss?|https?):\/\/[^/]/i.test(url)) {
    throw new InvalidParameterError('INVALID_URL', 'url', 'expected a ws://, wss://, http:// or https:// URL')
  }
  let base = url.replace(/^http/i, 'ws')
  base = base.replace(/\/+$/, '')
  base = base.replace(/\/ws(?:\/(?:market|user))?$/i, '')
  return `${base}/ws/${channel}`
}
