/**
 * Error bodies, order-insert error codes and statuses (PROTOCOL.md §5.5, §6.1, §6.2).
 * @module
 */
import * as z from 'zod/mini'
import { anyCaseOf } from './common.js'
import { InsertStatus, OpenOrderStatus, ORDER_VERSION_MISMATCH, TradeStatus } from './constants.js'

/**
 * A server error body, `{"error": "<message>"}` with a non-2xx status (§6.1). `error`
 * may also be an object; TS clients add `status` when they turn it into a value.
 */
export const ErrorBodySchema = /* @__PURE__ */ z.looseObject({
  error: /* @__PURE__ */ z.union([
    /* @__PURE__ */ z.string(),
    /* @__PURE__ */ z.record(/* @__PURE__ */ z.string(), /* @__PURE__ */ z.unknown()),
  ]),
  status: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.number()),
})
export type ErrorBody = z.infer<typeof ErrorBodySchema>

/**
 * Order-insert error codes of §6.2 with their meanings. `INSERT_ORDER_ERROR` (doc 001)
 * and `INVALID_ORDER_ERROR` (doc 003) are the same error under two names.
 */
export const InsertErrorCode = {
  INVALID_ORDER_MIN_TICK_SIZE: 'price not on the tick',
  INVALID_ORDER_MIN_SIZE: 'below min order size',
  INVALID_ORDER_DUPLICATED: 'identical order already placed',
  INVALID_ORDER_NOT_ENOUGH_BALANCE: 'funder balance/allowance insufficient',
  INVALID_ORDER_EXPIRATION: 'expiration in the past',
  INSERT_ORDER_ERROR: 'system error inserting',
  INVALID_ORDER_ERROR: 'system error inserting',
  EXECUTION_ERROR: 'system error executing',
  ORDER_DELAYED: 'placement delayed',
  DELAYING_ORDER_ERROR: 'system error while delaying',
  FOK_ORDER_NOT_FILLED_ERROR: 'FOK could not fill',
  MARKET_NOT_READY: 'market not accepting yet',
  INVALID_POST_ONLY_ORDER_TYPE: 'post-only used with FOK/FAK',
  INVALID_POST_ONLY_ORDER: 'post-only order would cross the book',
} as const
export type InsertErrorCode = keyof typeof InsertErrorCode

/** The message text of each code where the older doc (001) gives one. */
export const InsertErrorMessage = {
  INVALID_ORDER_MIN_TICK_SIZE: 'order is invalid. Price () breaks minimum tick size rule:',
  INVALID_ORDER_MIN_SIZE: 'order is invalid. Size () lower than the minimum:',
  INVALID_ORDER_DUPLICATED: 'order is invalid. Duplicated.',
  INVALID_ORDER_NOT_ENOUGH_BALANCE: 'not enough balance / allowance',
  INVALID_ORDER_EXPIRATION: 'invalid expiration',
  INSERT_ORDER_ERROR: 'could not insert order',
  INVALID_ORDER_ERROR: 'could not insert order',
  EXECUTION_ERROR: 'could not run the execution',
  ORDER_DELAYED: 'order match delayed due to market conditions',
  DELAYING_ORDER_ERROR: 'error delaying the order',
  FOK_ORDER_NOT_FILLED_ERROR: "order couldn't be fully filled. FOK orders are fully filled or killed.",
  MARKET_NOT_READY: 'the market is not yet ready to process new orders',
} as const satisfies Partial<Record<InsertErrorCode, string>>

/** Whether an insert code is a failure (§6.2): every code except `ORDER_DELAYED` and `MARKET_NOT_READY`. */
export function isInsertFailure(code: InsertErrorCode): boolean {
  return code !== 'ORDER_DELAYED' && code !== 'MARKET_NOT_READY'
}

/**
 * True when an order response's `error` signals `order_version_mismatch` (§2.9): a
 * string containing it, or any other value whose JSON contains it.
 */
export function isVersionMismatch(error: unknown): boolean {
  if (error === undefined || error === null) return false
  let text: string
  try {
    text = typeof error === 'string' ? error : JSON.stringify(error)
  } catch {
    return false
  }
  return typeof text === 'string' && text.includes(ORDER_VERSION_MISMATCH)
}

/** Insert status of `POST /order` (§5.5): live, matched, delayed, unmatched. */
export const InsertStatusSchema = /* @__PURE__ */ anyCaseOf(/* @__PURE__ */ Object.values(InsertStatus))
export type InsertStatusWire = z.infer<typeof InsertStatusSchema>

/** {@link InsertStatusSchema} or `""`, as a failed insert may carry. */
export const InsertStatusOrEmptySchema = /* @__PURE__ */ anyCaseOf([
  'live',
  'matched',
  'delayed',
  'unmatched',
  '',
] as const satisfies readonly (InsertStatus | '')[])

/** Open-order status (§5.5), in any case. */
export const OpenOrderStatusSchema = /* @__PURE__ */ anyCaseOf(/* @__PURE__ */ Object.values(OpenOrderStatus))
export type OpenOrderStatusWire = z.infer<typeof OpenOrderStatusSchema>

/** Trade status (§5.5), in any case. */
export const TradeStatusSchema = /* @__PURE__ */ anyCaseOf(/* @__PURE__ */ Object.values(TradeStatus))
export type TradeStatusWire = z.infer<typeof TradeStatusSchema>
