/**
 * Stream faults (admin only, `POST /_sim/ws/faults`): the production failure
 * modes of PROTOCOL-WS.md §2.3 on demand.
 *
 * | kind | effect |
 * |---|---|
 * | `drop` | the matching open connections are cut (TCP reset, no close frame) |
 * | `half-open` | they stop sending anything, PONG included, and ignore what they receive, without closing |
 * | `pong-only` | they keep answering PING with PONG but send no data (optionally only for `assets`) |
 * | `delay` | their data frames are held `delayMs` of sim time (PONG is not delayed) |
 * | `drop-message` | the next `count` data events (optionally of `eventType`) are silently discarded |
 * | `refuse-auth` | the next `count` user-channel subscriptions are refused as bad credentials |
 *
 * The first four act on the connections open when the fault is added (a client
 * that reconnects gets a healthy connection, as in production); the last two are
 * consumed by the next matching events or subscriptions, on any connection.
 * @module
 */
import { isObject } from '../http.js'
import type { Channel } from './requests.js'

export const STREAM_FAULT_KINDS = [
  'drop',
  'half-open',
  'pong-only',
  'delay',
  'drop-message',
  'refuse-auth',
] as const
export type StreamFaultKind = (typeof STREAM_FAULT_KINDS)[number]

export interface StreamFaultSpec {
  readonly kind: StreamFaultKind
  /** Only connections of this channel (default both). */
  readonly channel: Channel | undefined
  /** Only this connection id (`GET /_sim/ws/connections`). */
  readonly connection: number | undefined
  /** `delay`: sim-clock ms each data frame is held. */
  readonly delayMs: number
  /** `drop-message` / `refuse-auth`: how many (default 1). */
  readonly count: number
  /** `drop-message`: only events of this `event_type`. */
  readonly eventType: string | undefined
  /** `pong-only`: silence only these token ids (per-asset silent loss); default all data. */
  readonly assets: readonly string[] | undefined
}

/** A pending `drop-message` or `refuse-auth` fault. */
export interface PendingStreamFault {
  readonly id: number
  readonly spec: StreamFaultSpec
  remaining: number
}

const FIELDS = new Set(['kind', 'channel', 'connection', 'delayMs', 'count', 'eventType', 'assets'])

function int(v: unknown, min: number, max: number): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : undefined
}

/** Validates a `POST /_sim/ws/faults` body; a message on error. */
export function parseStreamFault(body: unknown): StreamFaultSpec | string {
  if (!isObject(body)) return 'expected a JSON object {"kind": …}'
  for (const k of Object.keys(body))
    if (!FIELDS.has(k)) return `unknown field ${JSON.stringify(k).slice(0, 40)}`
  const kind = body.kind
  if (typeof kind !== 'string' || !(STREAM_FAULT_KINDS as readonly string[]).includes(kind)) {
    return `kind: expected one of ${STREAM_FAULT_KINDS.join(', ')}`
  }
  const channel = body.channel
  if (channel !== undefined && channel !== 'market' && channel !== 'user')
    return 'channel: expected "market" or "user"'
  const connection = body.connection === undefined ? undefined : int(body.connection, 1, 2 ** 31)
  if (body.connection !== undefined && connection === undefined)
    return 'connection: expected a connection id (GET /_sim/ws/connections)'
  const delayMs = body.delayMs === undefined ? 0 : int(body.delayMs, 1, 3_600_000)
  if (delayMs === undefined) return 'delayMs: expected an integer between 1 and 3600000'
  if (kind === 'delay' && body.delayMs === undefined) return 'delayMs: required for kind "delay"'
  if (kind !== 'delay' && body.delayMs !== undefined) return 'delayMs: only for kind "delay"'
  const count = body.count === undefined ? 1 : int(body.count, 1, 1_000_000)
  if (count === undefined) return 'count: expected a positive integer'
  if (body.count !== undefined && kind !== 'drop-message' && kind !== 'refuse-auth')
    return 'count: only for kinds "drop-message" and "refuse-auth"'
  const eventType = body.eventType
  if (eventType !== undefined && (typeof eventType !== 'string' || !/^[a-z_]{1,40}$/.test(eventType)))
    return 'eventType: expected an event_type such as "price_change"'
  if (eventType !== undefined && kind !== 'drop-message') return 'eventType: only for kind "drop-message"'
  const assets = body.assets
  if (assets !== undefined) {
    if (kind !== 'pong-only') return 'assets: only for kind "pong-only"'
    if (!Array.isArray(assets) || assets.length === 0 || !assets.every((a) => typeof a === 'string'))
      return 'assets: expected a non-empty array of token ids'
  }
  if (kind === 'refuse-auth' && channel === 'market') return 'channel: refuse-auth is for the user channel'
  return {
    kind: kind as StreamFaultKind,
    channel: kind === 'refuse-auth' ? 'user' : channel,
    connection,
    delayMs,
    count,
    eventType: eventType as string | undefined,
    assets: assets as string[] | undefined,
  }
}
