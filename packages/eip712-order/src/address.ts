/**
 * Ethereum addresses: EIP-55 checksums, validation and comparison (PROTOCOL.md §2.4).
 *
 * User-given addresses (funder, taker) are copied verbatim into orders, as the official
 * client does (the corpus has lowercase funders); they are only validated here.
 * @module
 */
import { backend } from '#secp256k1'
import { InvalidParameterError } from './errors.js'
import { keccak256 } from './keccak.js'
import type { Address } from './types.js'

/** lowercase → checksummed, bounded; orders reuse the same few addresses over and over. */
const checksums = new Map<string, Address>()
/** Exact strings already found valid (any casing), bounded. */
const valid = new Set<string>()
const CACHE_MAX = 1024

function isShape(value: string): boolean {
  if (value.length !== 42 || value.charCodeAt(0) !== 48 || value.charCodeAt(1) !== 120) return false
  for (let i = 2; i < 42; i++) {
    const c = value.charCodeAt(i)
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false
  }
  return true
}

function checksumOfLower(lower: string): Address {
  const cached = checksums.get(lower)
  if (cached !== undefined) return cached
  const body = lower.slice(2)
  const hash = keccak256(new TextEncoder().encode(body))
  let out = '0x'
  for (let i = 0; i < 40; i++) {
    const ch = body[i]!
    const nib = (hash[i >> 1]! >> (i % 2 === 0 ? 4 : 0)) & 0x0f
    out += nib >= 8 ? ch.toUpperCase() : ch
  }
  if (checksums.size >= CACHE_MAX) checksums.clear()
  checksums.set(lower, out as Address)
  return out as Address
}

/**
 * The zero address (the V1 default `taker`, PROTOCOL.md §2.4).
 *
 * @example
 * ```ts
 * Address.ZERO // '0x0000000000000000000000000000000000000000'
 * ```
 */
export const ZERO: Address = '0x0000000000000000000000000000000000000000'

/**
 * Returns the EIP-55 checksummed form of an address given in any case. Throws
 * `INVALID_ADDRESS` when the value is not `0x` + 40 hex digits.
 *
 * @example
 * ```ts
 * Address.checksum('0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266')
 * // '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
 * ```
 */
export function checksum(address: string, param = 'address'): Address {
  if (typeof address !== 'string' || !isShape(address)) {
    throw new InvalidParameterError('INVALID_ADDRESS', param, 'expected 0x followed by 40 hex digits')
  }
  return checksumOfLower(address.toLowerCase())
}

/**
 * True for `0x` + 40 hex digits that are all lowercase, all uppercase, or a correct
 * EIP-55 checksum. Mixed case with a wrong checksum is rejected (it is usually a typo).
 *
 * @example
 * ```ts
 * Address.isAddress('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266') // true
 * Address.isAddress('0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266') // true
 * Address.isAddress('0xF39fd6e51aad88f6f4ce6ab8827279cfffb92266') // false (bad checksum)
 * ```
 */
export function isAddress(value: unknown): value is Address {
  if (typeof value !== 'string') return false
  if (valid.has(value)) return true
  if (!isShape(value)) return false
  const body = value.slice(2)
  const lower = body.toLowerCase()
  const ok = body === lower || body === body.toUpperCase() || checksumOfLower('0x' + lower) === value
  if (ok) {
    if (valid.size >= CACHE_MAX) valid.clear()
    valid.add(value)
  }
  return ok
}

/**
 * Asserts `isAddress(value)`, throwing `INVALID_ADDRESS` naming `param`.
 *
 * @example
 * ```ts
 * Address.assert(params.maker, 'maker')
 * ```
 */
export function assert(value: unknown, param = 'address'): asserts value is Address {
  if (!isAddress(value)) {
    const detail =
      typeof value === 'string' && isShape(value)
        ? 'mixed-case address with an invalid EIP-55 checksum'
        : 'expected 0x followed by 40 hex digits'
    throw new InvalidParameterError('INVALID_ADDRESS', param, detail)
  }
}

/**
 * Compares two addresses case-insensitively. False when either is not `0x` + 40 hex.
 *
 * @example
 * ```ts
 * Address.equal('0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266', '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266') // true
 * ```
 */
export function equal(a: string, b: string): boolean {
  if (typeof a !== 'string' || typeof b !== 'string' || !isShape(a) || !isShape(b)) return false
  return a === b || a.toLowerCase() === b.toLowerCase()
}

/**
 * Derives the checksummed address of a secp256k1 public key (33-byte compressed,
 * 65-byte uncompressed, or 64 raw bytes): the last 20 bytes of keccak256(x ‖ y).
 *
 * @example
 * ```ts
 * Address.fromPublicKey(secp256k1.getPublicKey(secretKey, false)) // 33 or 65 bytes are checked to be on the curve
 * ```
 */
export function fromPublicKey(publicKey: Uint8Array): Address {
  let xy: Uint8Array
  if (publicKey instanceof Uint8Array && publicKey.length === 64) xy = publicKey
  else if (publicKey instanceof Uint8Array && (publicKey.length === 65 || publicKey.length === 33)) {
    const point = backend().decodePoint(publicKey)
    if (point === undefined) {
      throw new InvalidParameterError('INVALID_HEX', 'publicKey', 'not a valid secp256k1 public key')
    }
    xy = point
  } else {
    throw new InvalidParameterError('INVALID_HEX', 'publicKey', 'expected 33, 64 or 65 bytes')
  }
  const hash = keccak256(xy)
  let lower = '0x'
  for (let i = 12; i < 32; i++) lower += hash[i]!.toString(16).padStart(2, '0')
  return checksumOfLower(lower)
}
