/**
 * HTTP plumbing on `node:http`: the request context, replies in the exchange's
 * error shape (`{"error": "..."}`), JSON body parsing, query helpers and the
 * route table type. Nothing here knows about orders.
 * @module
 */
import type { IncomingHttpHeaders } from 'node:http'
import type { SimState } from './state.js'
import type { SimClock, SimLogger, SimSeed } from './types.js'

/** Everything the handlers share. */
export interface Runtime {
  state: SimState
  readonly clock: SimClock
  readonly admin: boolean
  readonly bodyLimit: number
  readonly deriveSecret: Uint8Array
  readonly seed: SimSeed
  readonly log: SimLogger | undefined
}

export interface Ctx {
  readonly rt: Runtime
  readonly method: string
  /** The raw request path without the query string (what L2 signs). */
  readonly path: string
  readonly query: URLSearchParams
  /** The exact body bytes as received, decoded as UTF-8 ('' when empty). */
  readonly body: string
  readonly headers: IncomingHttpHeaders
  /** Path parameter of a prefix route (already URI-decoded). */
  readonly param: string
}

export interface Reply {
  readonly status: number
  readonly body: unknown
  readonly headers?: Readonly<Record<string, string>>
}

export function ok(body: unknown, status = 200): Reply {
  return { status, body }
}

export function error(status: number, message: string, extra?: Record<string, unknown>): Reply {
  return { status, body: { error: message, ...extra } }
}

/** Control-flow signal for a 4xx while parsing a request; caught by the dispatcher. */
export interface BadRequest {
  readonly badRequest: Reply
}

export function isBadRequest(e: unknown): e is BadRequest {
  return typeof e === 'object' && e !== null && 'badRequest' in e
}

export function reject(status: number, message: string): BadRequest {
  return { badRequest: error(status, message) }
}

/** Parses the body as JSON, or throws a 400 reply. */
export function json(ctx: Ctx): unknown {
  if (ctx.body === '') throw reject(400, 'Invalid payload: empty body')
  try {
    return JSON.parse(ctx.body) as unknown
  } catch {
    throw reject(400, 'Invalid payload: malformed JSON')
  }
}

/** Like `json`, but an empty body gives `undefined`. */
export function optionalJson(ctx: Ctx): unknown {
  return ctx.body.trim() === '' ? undefined : json(ctx)
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

const TOKEN_ID = /^(?:0|[1-9]\d{0,77})$/

/** The required `token_id` query parameter. */
export function tokenIdParam(ctx: Ctx, name = 'token_id'): string {
  const v = ctx.query.get(name)
  if (v === null || v === '') throw reject(400, `Invalid payload: ${name} is required`)
  if (!TOKEN_ID.test(v)) throw reject(400, `Invalid payload: ${name} must be a uint256 decimal string`)
  return v
}

export function isTokenId(v: unknown): v is string {
  return typeof v === 'string' && TOKEN_ID.test(v)
}

// ---------------------------------------------------------------- pagination

export const INITIAL_CURSOR = 'MA=='
export const END_CURSOR = 'LTE='

/** Decodes `next_cursor` (base64 of a decimal offset). */
export function cursor(ctx: Ctx): number {
  const raw = ctx.query.get('next_cursor')
  if (raw === null || raw === '' || raw === INITIAL_CURSOR) return 0
  if (raw === END_CURSOR) return -1
  if (!/^[A-Za-z0-9+/=_-]{1,24}$/.test(raw)) throw reject(400, 'Invalid payload: invalid next_cursor')
  const text = Buffer.from(raw, 'base64').toString('utf8')
  if (!/^\d{1,12}$/.test(text)) throw reject(400, 'Invalid payload: invalid next_cursor')
  return Number(text)
}

/** A cursor page `{limit, count, next_cursor, data}` of `items` starting at the request's cursor. */
export function page<T>(ctx: Ctx, items: readonly T[], view: (item: T) => unknown, limit: number): Reply {
  const start = cursor(ctx)
  if (start < 0) return ok({ limit, count: 0, next_cursor: END_CURSOR, data: [] })
  const slice = items.slice(start, start + limit)
  const next = start + slice.length
  return ok({
    limit,
    count: slice.length,
    next_cursor: next >= items.length ? END_CURSOR : Buffer.from(String(next)).toString('base64'),
    data: slice.map(view),
  })
}
