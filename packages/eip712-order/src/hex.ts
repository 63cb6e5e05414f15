/**
 * Hex strings ↔ bytes, with validation. Every hex value in PROTOCOL.md §2 (addresses,
 * bytes32 `metadata`/`builder`, signatures, hashes) goes through these helpers.
 * Output is always lowercase `0x`-prefixed; input may use either case.
 * @module
 */
import { InvalidParameterError } from './errors.js'
import type { Hex } from './types.js'

let byteToHex: string[] | undefined

function table(): string[] {
  if (byteToHex === undefined) {
    byteToHex = new Array<string>(256)
    for (let i = 0; i < 256; i++) byteToHex[i] = i.toString(16).padStart(2, '0')
  }
  return byteToHex
}

/** Value of one hex digit char code, or -1. */
function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48 // 0-9
  if (c >= 97 && c <= 102) return c - 87 // a-f
  if (c >= 65 && c <= 70) return c - 55 // A-F
  return -1
}

/**
 * Encodes bytes as a lowercase `0x`-prefixed hex string.
 *
 * @example
 * ```ts
 * Hex.fromBytes(new Uint8Array([1, 171])) // '0x01ab'
 * ```
 */
export function fromBytes(bytes: Uint8Array): Hex {
  const t = table()
  let out = '0x'
  for (let i = 0; i < bytes.length; i++) out += t[bytes[i]!]
  return out as Hex
}

/**
 * Decodes a `0x`-prefixed hex string (either case, even length) into bytes.
 * Throws `INVALID_HEX` naming `param` otherwise; with `bytes` set, the length must match.
 *
 * @example
 * ```ts
 * Hex.toBytes('0x01ab') // Uint8Array [1, 171]
 * Hex.toBytes('0x01ab', 'metadata', 32) // throws INVALID_HEX (param 'metadata')
 * ```
 */
export function toBytes(hex: string, param = 'hex', bytes?: number): Uint8Array {
  if (
    typeof hex !== 'string' ||
    hex.length < 2 ||
    hex.charCodeAt(0) !== 48 ||
    (hex.charCodeAt(1) | 32) !== 120
  ) {
    throw new InvalidParameterError('INVALID_HEX', param, 'expected a 0x-prefixed hex string')
  }
  const len = hex.length - 2
  if (len % 2 !== 0) throw new InvalidParameterError('INVALID_HEX', param, 'hex string has an odd length')
  const n = len / 2
  if (bytes !== undefined && n !== bytes) {
    throw new InvalidParameterError('INVALID_HEX', param, `expected ${bytes} bytes, got ${n}`)
  }
  const out = new Uint8Array(n)
  for (let i = 0, j = 2; i < n; i++, j += 2) {
    const hi = nibble(hex.charCodeAt(j))
    const lo = nibble(hex.charCodeAt(j + 1))
    if (hi < 0 || lo < 0) throw new InvalidParameterError('INVALID_HEX', param, 'invalid hex character')
    out[i] = (hi << 4) | lo
  }
  return out
}

/**
 * True for a `0x`-prefixed string of hex digits (either case) with an even number of
 * digits; with `options.bytes`, also checks the byte length. `'0x'` is the empty value.
 *
 * @example
 * ```ts
 * Hex.isHex('0xdeadBEEF') // true
 * Hex.isHex('0x123') // false (odd length)
 * Hex.isHex('0x' + '00'.repeat(32), { bytes: 32 }) // true
 * ```
 */
export function isHex(value: unknown, options?: { readonly bytes?: number }): value is Hex {
  if (typeof value !== 'string' || value.length < 2 || value.charCodeAt(0) !== 48) return false
  if ((value.charCodeAt(1) | 32) !== 120 || value.length % 2 !== 0) return false
  if (options?.bytes !== undefined && value.length !== 2 + options.bytes * 2) return false
  for (let i = 2; i < value.length; i++) if (nibble(value.charCodeAt(i)) < 0) return false
  return true
}

/**
 * Asserts `isHex(value, { bytes })`, throwing `INVALID_HEX` naming `param`.
 *
 * @example
 * ```ts
 * Hex.assert(order.metadata, 'metadata', 32)
 * ```
 */
export function assert(value: unknown, param: string, bytes?: number): asserts value is Hex {
  if (!isHex(value, bytes === undefined ? undefined : { bytes })) {
    const want = bytes === undefined ? 'a 0x-prefixed hex string' : `0x-prefixed hex of ${bytes} bytes`
    throw new InvalidParameterError('INVALID_HEX', param, `expected ${want}`)
  }
}

/**
 * Concatenates byte arrays.
 *
 * @example
 * ```ts
 * Hex.concat(new Uint8Array([1]), new Uint8Array([2, 3])) // Uint8Array [1, 2, 3]
 * ```
 */
export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  let n = 0
  for (const p of parts) n += p.length
  const out = new Uint8Array(n)
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

/**
 * 32 zero bytes as hex: the default `metadata` and `builder` (PROTOCOL.md §2.4).
 *
 * @example
 * ```ts
 * Hex.ZERO_BYTES32 === '0x' + '00'.repeat(32) // true
 * ```
 */
export const ZERO_BYTES32: Hex = '0x0000000000000000000000000000000000000000000000000000000000000000'
