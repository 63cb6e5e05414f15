/**
 * The insert-rule error vocabulary (PROTOCOL.md §6.2) shared by the price rules
 * and the placement path.
 * @module
 */

/** Insert error codes (PROTOCOL.md §6.2) plus the sim's own for rules the docs leave unnamed. */
export type InsertErrorCode =
  | 'INVALID_ORDER_MIN_TICK_SIZE'
  | 'INVALID_ORDER_MIN_SIZE'
  | 'INVALID_ORDER_DUPLICATED'
  | 'INVALID_ORDER_NOT_ENOUGH_BALANCE'
  | 'INVALID_ORDER_EXPIRATION'
  | 'INVALID_ORDER_ERROR'
  | 'FOK_ORDER_NOT_FILLED_ERROR'
  | 'MARKET_NOT_READY'
  | 'INVALID_POST_ONLY_ORDER_TYPE'
  | 'INVALID_POST_ONLY_ORDER'
  | 'FAK_ORDER_NOT_FILLED_ERROR'
  | 'INVALID_ORDER_PAYLOAD'
  | 'INVALID_ORDER_OWNER'
  | 'INVALID_ORDER_MARKET'
  | 'INVALID_ORDER_SIGNATURE'
  | 'INVALID_ORDER_SIGNER'
  | 'INVALID_ORDER_SIGNATURE_TYPE'
  | 'INVALID_ORDER_FEE_RATE'

export interface InsertError {
  readonly ok: false
  readonly code: InsertErrorCode
  readonly message: string
}

export function fail(code: InsertErrorCode, message: string): InsertError {
  return { ok: false, code, message }
}
