/**
 * Account: balance/allowance, closed-only status, notifications and heartbeats
 * (PROTOCOL.md §4.4, §5.3, §5.6, §5.7).
 * @module
 */
import * as z from 'zod/mini'
import {
  AddressSchema,
  AssetTypeSchema,
  DecimalStringSchema,
  NumericSchema,
  SafeIntSchema,
  SignatureTypeSchema,
  Uint256StringSchema,
} from './common.js'

/** Query of `GET /balance-allowance` and `/balance-allowance/update`. */
export const BalanceAllowanceParamsSchema = /* @__PURE__ */ z.looseObject({
  asset_type: AssetTypeSchema,
  token_id: /* @__PURE__ */ z.optional(Uint256StringSchema),
  signature_type: /* @__PURE__ */ z.optional(SignatureTypeSchema),
})
export type BalanceAllowanceParams = z.infer<typeof BalanceAllowanceParamsSchema>

/**
 * `GET /balance-allowance` (§5.3, §8 item 4): `{balance, allowances: {spender: amount}}`
 * (TSv2, RS) or `{balance, allowance}` (TSv1, DOCS). Amounts are base-unit decimal
 * strings; a full approval is 2^256−1, so never convert them to numbers.
 */
export const BalanceAllowanceResponseSchema = /* @__PURE__ */ z.looseObject({
  balance: DecimalStringSchema,
  allowance: /* @__PURE__ */ z.optional(DecimalStringSchema),
  allowances: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.record(AddressSchema, DecimalStringSchema)),
})
export type BalanceAllowanceResponse = z.infer<typeof BalanceAllowanceResponseSchema>

/**
 * The allowance of either response shape: with `spender`, the `allowances` entry for
 * that address (compared case-insensitively); without, the single `allowance`.
 */
export function allowanceFor(response: BalanceAllowanceResponse, spender?: string): string | undefined {
  if (spender === undefined) return response.allowance
  const wanted = spender.toLowerCase()
  for (const [address, amount] of Object.entries(response.allowances ?? {})) {
    if (address.toLowerCase() === wanted) return amount
  }
  return undefined
}

/** `GET /auth/ban-status/closed-only` → `{closed_only}`. */
export const ClosedOnlyResponseSchema = /* @__PURE__ */ z.looseObject({
  closed_only: /* @__PURE__ */ z.boolean(),
})
export type ClosedOnlyResponse = z.infer<typeof ClosedOnlyResponseSchema>

/**
 * Notification payload fields seen in the RS client, all optional: the payload is
 * untyped (`any`) in the TS client and differs by notification type.
 */
export const NotificationPayloadSchema = /* @__PURE__ */ z.looseObject({
  asset_id: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  condition_id: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  eventSlug: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  icon: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  image: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  market: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  market_slug: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  matched_size: /* @__PURE__ */ z.optional(NumericSchema),
  order_id: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  original_size: /* @__PURE__ */ z.optional(NumericSchema),
  outcome: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  outcome_index: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.number()),
  owner: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  price: /* @__PURE__ */ z.optional(NumericSchema),
  question: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  remaining_size: /* @__PURE__ */ z.optional(NumericSchema),
  seriesSlug: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  side: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  trade_id: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  transaction_hash: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  type: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
})
export type NotificationPayload = z.infer<typeof NotificationPayloadSchema>

/**
 * A notification (§5.7): `type` 1 = order cancellation, 2 = order fill, 4 = market
 * resolved; `owner` is the API key or `""` for global ones. `payload` is left untyped
 * (parse it with {@link NotificationPayloadSchema} when needed).
 */
export const NotificationSchema = /* @__PURE__ */ z.looseObject({
  id: /* @__PURE__ */ z.number(),
  owner: /* @__PURE__ */ z.string(),
  payload: /* @__PURE__ */ z.unknown(),
  timestamp: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.number()),
  type: SafeIntSchema,
})
export type Notification = z.infer<typeof NotificationSchema>

/** `GET /notifications` → `Notification[]`. */
export const NotificationsResponseSchema = /* @__PURE__ */ z.array(NotificationSchema)
export type NotificationsResponse = z.infer<typeof NotificationsResponseSchema>

/** `POST /v1/heartbeats` body: the last id, `""` on the first call (TSv2) or `null` (TSv1). */
export const HeartbeatRequestSchema = /* @__PURE__ */ z.strictObject({
  heartbeat_id: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
})
export type HeartbeatRequest = z.infer<typeof HeartbeatRequestSchema>

/** `POST /v1/heartbeats` → `{heartbeat_id, error_msg?}` (TSv2) or `{heartbeat_id, error?}` (TSv1). */
export const HeartbeatResponseSchema = /* @__PURE__ */ z.looseObject({
  heartbeat_id: /* @__PURE__ */ z.string(),
  error_msg: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string())),
  error: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string())),
})
export type HeartbeatResponse = z.infer<typeof HeartbeatResponseSchema>

/**
 * The `heartbeat_id` in a heartbeat response or error body (§5.6): at the top level,
 * or under `error` when a client wrapped the 400 body. `undefined` when absent.
 */
export function heartbeatIdFrom(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const top = (body as { heartbeat_id?: unknown }).heartbeat_id
  if (typeof top === 'string') return top
  const inner = (body as { error?: unknown }).error
  if (typeof inner === 'object' && inner !== null) {
    const id = (inner as { heartbeat_id?: unknown }).heartbeat_id
    if (typeof id === 'string') return id
  }
  return undefined
}
