/**
 * Errors shared by every clobkit package: one base class with a stable `code`,
 * the offending parameter when there is one, and a cross-realm guard.
 * @module
 */

const BRAND = Symbol.for('clobkit.error')

/** Structured context attached to an error. Never holds secrets. */
export type ErrorDetails = Readonly<Record<string, unknown>>

/**
 * Base class of every error thrown by clobkit.
 *
 * @example
 * ```ts
 * try { Amounts.limit({ side: 'BUY', price: 2, size: 10, tickSize: '0.01' }) }
 * catch (e) { if (isClobError(e)) console.log(e.code, e.param) } // INVALID_PRICE price
 * ```
 */
export class ClobError extends Error {
  /** Stable machine-readable code, e.g. `INVALID_PRICE`. */
  readonly code: string
  /** The parameter that was wrong, when the error is about one. */
  readonly param: string | undefined
  /** Structured context (never secrets). */
  readonly details: ErrorDetails
  override name = 'ClobError'

  constructor(
    code: string,
    message: string,
    options: { param?: string; details?: ErrorDetails; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.param = options.param
    this.details = options.details ?? {}
    Object.defineProperty(this, BRAND, { value: true })
  }
}

/** Thrown for invalid input; always names the parameter. */
export class InvalidParameterError extends ClobError {
  override name = 'InvalidParameterError'
  constructor(code: string, param: string, message: string, details?: ErrorDetails) {
    super(code, `${param}: ${message}`, { param, ...(details ? { details } : {}) })
  }
}

/**
 * True for any clobkit error, also across realms (worker threads, vm contexts,
 * duplicated package copies), because the check uses a registered symbol.
 *
 * @example
 * ```ts
 * if (isClobError(err) && err.code === 'INVALID_PRICE') { ... }
 * ```
 */
export function isClobError(value: unknown): value is ClobError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true
}
