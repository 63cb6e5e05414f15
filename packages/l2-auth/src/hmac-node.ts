/**
 * Node HMAC-SHA256 backend for the L2 signature (PROTOCOL.md §4.2), on
 * `node:crypto`. Selected through the package's `#hmac` import under the `node`
 * condition, and importable directly as `@clobkit/l2-auth/hmac-node`. Gives
 * byte-identical results to `@clobkit/l2-auth/hmac-portable`.
 * @module
 */
import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto'

/**
 * Which implementation this is.
 *
 * @example
 * ```ts
 * import { backend } from '@clobkit/l2-auth/hmac-node'
 * backend // 'node'
 * ```
 */
export const backend = 'node' as const

/**
 * Binds an HMAC-SHA256 key once (as a `KeyObject`) and returns a function that
 * signs a UTF-8 message into URL-safe padded base64.
 *
 * @example
 * ```ts
 * import { keyed } from '@clobkit/l2-auth/hmac-node'
 * const sign = keyed(new Uint8Array(32))
 * sign('1000000test-sign/orders{"hash": "0x123"}') // 'ZwAdJKvoYRlEKDkNMwd5BuwNNtg93kNaR_oU2HrfVvc='
 * ```
 */
export function keyed(key: Uint8Array): (message: string) => string {
  const keyObject = createSecretKey(Uint8Array.from(key))
  // A 32-byte digest is 43 base64url characters plus exactly one `=` of padding.
  return (message) => createHmac('sha256', keyObject).update(message, 'utf8').digest('base64url') + '='
}

/**
 * Compares two strings in time that depends only on their lengths, not on
 * where they first differ.
 *
 * @example
 * ```ts
 * import { safeEqual } from '@clobkit/l2-auth/hmac-node'
 * safeEqual('abc=', 'abc=') // true
 * ```
 */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8')
  const y = Buffer.from(b, 'utf8')
  if (x.length !== y.length) {
    timingSafeEqual(x, x)
    return false
  }
  return timingSafeEqual(x, y)
}
