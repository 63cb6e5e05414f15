/**
 * Portable HMAC-SHA256 backend for the L2 signature (PROTOCOL.md §4.2), on
 * `@noble/hashes`. Selected through the package's `#hmac` import everywhere
 * except Node, and importable directly as `@clobkit/l2-auth/hmac-portable`.
 * Gives byte-identical results to `@clobkit/l2-auth/hmac-node`.
 * @module
 */
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { encodeUrlSafePadded } from './base64.js'

/**
 * Which implementation this is.
 *
 * @example
 * ```ts
 * import { backend } from '@clobkit/l2-auth/hmac-portable'
 * backend // 'portable'
 * ```
 */
export const backend = 'portable' as const

/**
 * Binds an HMAC-SHA256 key once (the inner/outer pads are hashed up front) and
 * returns a function that signs the UTF-8 message `head + tail` into URL-safe
 * padded base64.
 *
 * @example
 * ```ts
 * import { keyed } from '@clobkit/l2-auth/hmac-portable'
 * const sign = keyed(new Uint8Array(32))
 * sign('1000000test-sign/orders{"hash": "0x123"}') // 'ZwAdJKvoYRlEKDkNMwd5BuwNNtg93kNaR_oU2HrfVvc='
 * ```
 */
export function keyed(key: Uint8Array): (head: string, tail?: string) => string {
  const base = hmac.create(sha256, key)
  const encoder = new TextEncoder()
  return (head, tail = '') =>
    encodeUrlSafePadded(
      base
        .clone()
        .update(encoder.encode(head + tail))
        .digest(),
    )
}

/**
 * Compares two strings in time that depends only on their lengths, not on
 * where they first differ.
 *
 * @example
 * ```ts
 * import { safeEqual } from '@clobkit/l2-auth/hmac-portable'
 * safeEqual('abc=', 'abc=') // true
 * ```
 */
export function safeEqual(a: string, b: string): boolean {
  const n = Math.max(a.length, b.length)
  let diff = a.length ^ b.length
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0)
  return diff === 0
}
