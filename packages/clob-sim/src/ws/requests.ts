/**
 * What a client may send, read the way the official clients write it
 * (PROTOCOL-WS.md §1.2–§1.3): the docs' first messages, RS's full objects with
 * `operation` on the first frame, updates without `type`, upper-case `type`, and
 * `initial_dump` defaulting to true. Parsed with the `clob-types` schemas.
 * @module
 */
import { MarketRequestSchema, UserRequestSchema, WS_PING, type WsAuth } from '@clobkit/clob-types/ws'

export type Channel = 'market' | 'user'

/** A client frame, normalized. */
export type ClientFrame =
  | { readonly kind: 'ping' }
  | {
      readonly kind: 'invalid'
      readonly reason: string
      /** A JSON object meant as a user subscription (`type: "user"` or `auth`) that does not validate. */
      readonly userShaped: boolean
    }
  | {
      readonly kind: 'request'
      readonly operation: 'subscribe' | 'unsubscribe'
      /** Token ids (market channel). */
      readonly assets: readonly string[]
      /** Condition ids, lower-cased (user channel; empty = all). */
      readonly markets: readonly string[]
      readonly initialDump: boolean
      /** `custom_feature_enabled`, when the frame says. */
      readonly custom: boolean | undefined
      readonly auth: WsAuth | undefined
    }

/** Reads one text frame of `channel`. Never throws. */
export function readFrame(channel: Channel, text: string): ClientFrame {
  if (text === WS_PING) return { kind: 'ping' }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { kind: 'invalid', reason: 'not JSON', userShaped: false }
  }
  const parsed =
    channel === 'market' ? MarketRequestSchema.safeParse(value) : UserRequestSchema.safeParse(value)
  if (!parsed.success) {
    const obj = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined
    const userShaped =
      obj !== undefined && (obj.auth !== undefined || String(obj.type).toLowerCase() === 'user')
    return { kind: 'invalid', reason: 'not a subscription message of this channel', userShaped }
  }
  const m = parsed.data as {
    type?: string
    operation?: 'subscribe' | 'unsubscribe'
    assets_ids?: string[]
    markets?: string[]
    initial_dump?: boolean
    custom_feature_enabled?: boolean
    auth?: unknown
  }
  if (m.type !== undefined && m.type.toLowerCase() !== channel) {
    return {
      kind: 'invalid',
      reason: `a ${m.type.toLowerCase()} message on the ${channel} channel`,
      userShaped: false,
    }
  }
  const auth = channel === 'user' ? (m.auth as WsAuth | undefined) : undefined
  return {
    kind: 'request',
    operation: m.operation ?? 'subscribe',
    assets: m.assets_ids ?? [],
    markets: (m.markets ?? []).map((x) => x.toLowerCase()),
    initialDump: m.initial_dump ?? true,
    custom: m.custom_feature_enabled,
    auth,
  }
}
