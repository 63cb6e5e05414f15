/**
 * L2 HMAC-SHA256 signature (PROTOCOL.md §4.2).
 *
 * message = `${timestamp}${METHOD}${requestPath}${body ?? ''}` (UTF-8); key =
 * the secret decoded as base64url/base64 with `atob`'s acceptance; output =
 * standard base64 with `+`→`-`, `/`→`_`, padding kept (44 characters).
 * On Node the digest runs on `node:crypto`, elsewhere on `@noble/hashes`.
 * @module
 */
import { keyed, backend as selected } from '#hmac'
import { decodeSecret as decode } from './secret.js'
import * as check from './validate.js'

/**
 * Which HMAC implementation the package resolved: `'node'` (`node:crypto`, chosen
 * by the `node` export condition) or `'portable'` (`@noble/hashes`, everywhere else).
 *
 * @example
 * ```ts
 * import { Hmac } from '@clobkit/l2-auth'
 * Hmac.backend // 'node' under Node.js, 'portable' in a browser bundle
 * ```
 */
export const backend: 'node' | 'portable' = selected

/** The fields of the signed message. */
export interface MessageParams {
  /** Unix seconds (number or decimal string); signed as its decimal string. */
  readonly timestamp: number | string
  /** Hashed verbatim; send the same (uppercase) method you put on the wire. */
  readonly method: string
  /**
   * The request path, signed verbatim. The official clients sign the path without
   * the query string (the query goes in `params`); pass exactly what they would.
   */
  readonly path: string
  /** The exact body string sent on the wire; omit when there is none. */
  readonly body?: string | undefined
}

/** `Hmac.sign` parameters. */
export interface SignParams extends MessageParams {
  /** The API secret (base64url, padded or not, or standard base64). Never printed in errors. */
  readonly secret: string
}

/**
 * Decodes an API secret into HMAC key bytes: `-`→`+`, `_`→`/`, `=`-padding to a
 * multiple of 4, then base64 with exactly `atob`'s acceptance (ASCII whitespace
 * ignored, at most two `=`). Throws `INVALID_SECRET` (param `secret`) for an
 * empty or undecodable secret, without echoing it.
 *
 * @example
 * ```ts
 * import { Hmac } from '@clobkit/l2-auth'
 * Hmac.decodeSecret('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=').length // 32
 * Hmac.decodeSecret('--_A') // Uint8Array [251, 239, 192]
 * ```
 */
export function decodeSecret(secret: string): Uint8Array {
  return decode(secret)
}

/**
 * The exact string that is HMAC-ed: `${timestamp}${method}${path}${body ?? ''}`.
 *
 * @example
 * ```ts
 * import { Hmac } from '@clobkit/l2-auth'
 * Hmac.message({ timestamp: 1, method: 'POST', path: '/path', body: '{"foo":"bar"}' })
 * // '1POST/path{"foo":"bar"}'
 * ```
 */
export function message(params: MessageParams): string {
  return (
    check.timestamp(params.timestamp) +
    check.method(params.method) +
    check.path(params.path) +
    check.body(params.body)
  )
}

/**
 * Computes the L2 signature (`POLY_SIGNATURE`). Decodes the secret on every call;
 * for repeated signing use `Credentials.from` + `Headers.l2`, which bind the key once.
 *
 * @example
 * ```ts
 * import { Hmac } from '@clobkit/l2-auth'
 * Hmac.sign({
 *   secret: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
 *   timestamp: 1000000,
 *   method: 'test-sign',
 *   path: '/orders',
 *   body: '{"hash": "0x123"}',
 * }) // 'ZwAdJKvoYRlEKDkNMwd5BuwNNtg93kNaR_oU2HrfVvc='
 * ```
 */
export function sign(params: SignParams): string {
  const msg = message(params)
  return keyed(decode(params.secret))(msg)
}
