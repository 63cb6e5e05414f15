/**
 * Order salts (PROTOCOL.md §2.4, §8.2 item 21): random, and at most 2^53−1 because the
 * POST body carries `salt` as a JSON number that the backend parses as an IEEE-754 double.
 * @module
 */

/**
 * The largest salt that survives the JSON-number round trip: 2^53 − 1.
 *
 * @example
 * ```ts
 * BigInt(salt) <= Salt.MAX // true for every salt toWire accepts
 * ```
 */
export const MAX = 9007199254740991n

/**
 * A uniformly random salt in [1, 2^53 − 1] from the platform CSPRNG
 * (`crypto.getRandomValues`), as a decimal string.
 *
 * @example
 * ```ts
 * Salt.generate() // e.g. '3817265590321174'
 * ```
 */
export function generate(): string {
  const words = new Uint32Array(2)
  for (;;) {
    globalThis.crypto.getRandomValues(words)
    const value = (words[0]! & 0x1fffff) * 0x100000000 + words[1]!
    if (value !== 0) return String(value)
  }
}
