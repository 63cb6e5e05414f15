/**
 * Order validation shared by the order modules: field checks with typed errors naming the
 * field (PROTOCOL.md §2.4), the order's schema by shape (§2.9), the exchange domain (§2.3),
 * the official client's key orders, and the set of orders and domains built here (trusted,
 * so signing them skips re-validation). Published through `./order` as `Order.version`;
 * the rest is internal to the package.
 * @module
 */
import * as Addr from './address.js'
import { InvalidParameterError } from './errors.js'
import * as Exchange from './exchange.js'
import { isHex } from './hex.js'
import { orderV1Types } from './struct.js'
import type {
  Address,
  ExchangeDomain,
  Hex,
  Side,
  SignatureType,
  SignedOrder,
  UnsignedOrder,
} from './types.js'

const DIGITS = /^[0-9]+$/

export function invalid(code: string, param: string, message: string): never {
  throw new InvalidParameterError(code, param, message)
}

/** A uint256 decimal string (strings verbatim), from a string, safe integer or bigint. */
export function uint(value: unknown, param: string, code = 'INVALID_ORDER'): string {
  const s =
    typeof value === 'string'
      ? value
      : typeof value === 'bigint' || Number.isSafeInteger(value)
        ? String(value)
        : ''
  if (!DIGITS.test(s) || s.length > 78 || (s.length === 78 && BigInt(s) >> 256n > 0n)) {
    invalid(code, param, 'expected a uint256')
  }
  return s
}

/** A uint256 decimal string field of an existing order (strings only). */
export function uintField(value: unknown, param: string, code = 'INVALID_ORDER'): void {
  if (typeof value !== 'string') invalid(code, param, 'expected a uint256 string')
  uint(value, param, code)
}

export function side(value: unknown): Side {
  if (value !== 'BUY' && value !== 'SELL') invalid('INVALID_SIDE', 'side', 'expected "BUY" or "SELL"')
  return value
}

export function signatureType(value: unknown, version: 1 | 2): SignatureType {
  if ((value !== 0 && value !== 1 && value !== 2 && value !== 3) || (value === 3 && version === 1)) {
    invalid(
      'UNSUPPORTED_SIGNATURE_TYPE',
      'signatureType',
      value === 3 ? 'POLY_1271 is V2/V3 only' : 'expected 0, 1, 2 or 3',
    )
  }
  return value as SignatureType
}

export function bytes32(value: unknown, param: string): Hex {
  if (!isHex(value, { bytes: 32 })) invalid('INVALID_HEX', param, 'expected 32-byte hex')
  return value
}

export function address(value: unknown, param: string): Address {
  Addr.assert(value, param)
  return value
}

/** Orders and domains built here (frozen): signing them needs no re-validation. */
export const trusted = new WeakSet<object>()

// Key orders (significant: they are the official client's, and JSON keeps them).
const keys = (names: string): readonly string[] => names.split(' ')
/** V1 order = its EIP-712 struct and typed-data message. */
export const V1_KEYS = /* @__PURE__ */ orderV1Types.Order!.map((f) => f.name)
/** V2/V3 order. */
export const V2_KEYS = /* @__PURE__ */ keys(
  'salt maker signer tokenId makerAmount takerAmount side signatureType metadata builder timestamp expiration',
)
/** V2/V3 typed-data message (viem's order). */
export const V2_MESSAGE_KEYS = /* @__PURE__ */ keys(
  'salt maker signer tokenId makerAmount takerAmount timestamp side signatureType metadata builder',
)
/** `order` of a V1 POST body. */
export const WIRE_V1_KEYS = /* @__PURE__ */ keys(
  'salt maker signer taker tokenId makerAmount takerAmount side expiration nonce feeRateBps signatureType signature',
)
/** `order` of a V2/V3 POST body. */
export const WIRE_V2_KEYS = /* @__PURE__ */ keys(
  'salt maker signer tokenId makerAmount takerAmount side signatureType timestamp expiration metadata builder signature',
)

/** A new object with `keys` of `src` in that order, then `signature` when given. */
export function pick(src: object, keys: readonly string[], signature?: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const k of keys) out[k] = (src as Record<string, unknown>)[k]
  if (signature !== undefined) out.signature = signature
  return out
}

/** Runs `fn`; an `InvalidParameterError` it throws gets its param renamed by `rename`. */
export function renamed<T>(fn: () => T, rename: (param: string) => string | undefined): T {
  try {
    return fn()
  } catch (e) {
    const from = e instanceof InvalidParameterError ? e.param : undefined
    const to = from === undefined ? undefined : rename(from)
    if (to === undefined) throw e
    const err = e as InvalidParameterError
    throw new InvalidParameterError(err.code, to, err.message.slice(from!.length + 2), err.details)
  }
}

/**
 * The order schema by shape: 2 (V2/V3 share one struct) when the order has `timestamp`,
 * `metadata` and `builder`, else 1 — the official client's rule (§2.9).
 *
 * @example
 * ```ts
 * Order.version(built.order) // 2 for a V3 order
 * ```
 */
export function version(order: UnsignedOrder | SignedOrder): 1 | 2 {
  const o = order as unknown as Record<string, unknown>
  return o.timestamp !== undefined && o.metadata !== undefined && o.builder !== undefined ? 2 : 1
}

/** Validates every field of an order object; returns its shape version. */
export function checkOrder(order: unknown): 1 | 2 {
  if (typeof order !== 'object' || order === null) invalid('INVALID_ORDER', 'order', 'expected an object')
  const v = version(order as UnsignedOrder)
  if (trusted.has(order)) return v
  const o = order as Record<string, unknown>
  uintField(o.salt, 'salt')
  address(o.maker, 'maker')
  address(o.signer, 'signer')
  uintField(o.tokenId, 'tokenId')
  uintField(o.makerAmount, 'makerAmount', 'INVALID_AMOUNT')
  uintField(o.takerAmount, 'takerAmount', 'INVALID_AMOUNT')
  uintField(o.expiration, 'expiration')
  side(o.side)
  signatureType(o.signatureType, v)
  if (v === 1) {
    address(o.taker, 'taker')
    uintField(o.nonce, 'nonce')
    uintField(o.feeRateBps, 'feeRateBps', 'INVALID_FEE_RATE')
  } else {
    uintField(o.timestamp, 'timestamp')
    bytes32(o.metadata, 'metadata')
    bytes32(o.builder, 'builder')
  }
  return v
}

export function checkDomain(domain: unknown, v: 1 | 2): ExchangeDomain {
  if (typeof domain !== 'object' || domain === null) invalid('INVALID_ORDER', 'domain', 'expected an object')
  const d = domain as Record<string, unknown>
  if (!trusted.has(domain)) {
    if (d.name !== Exchange.DOMAIN_NAME)
      invalid('INVALID_ORDER', 'domain.name', `expected "${Exchange.DOMAIN_NAME}"`)
    if (d.version !== '1' && d.version !== '2' && d.version !== '3') {
      invalid('UNSUPPORTED_VERSION', 'domain.version', 'expected "1", "2" or "3"')
    }
  }
  if ((v === 1) !== (d.version === '1')) {
    invalid('UNSUPPORTED_VERSION', 'domain.version', 'does not match the order version')
  }
  if (!trusted.has(domain)) {
    if (typeof d.chainId !== 'number' || !Number.isSafeInteger(d.chainId) || d.chainId <= 0) {
      invalid('UNSUPPORTED_CHAIN', 'domain.chainId', 'expected a positive safe integer')
    }
    address(d.verifyingContract, 'domain.verifyingContract')
  }
  return domain as ExchangeDomain
}

/** A signed order object with a hex `signature` (fields are checked by {@link checkOrder}). */
export function checkSigned(signed: unknown): SignedOrder {
  if (typeof signed !== 'object' || signed === null) invalid('INVALID_ORDER', 'order', 'expected an object')
  if (!isHex((signed as { signature?: unknown }).signature)) {
    invalid('INVALID_SIGNATURE', 'signature', 'expected 0x-prefixed hex')
  }
  return signed as SignedOrder
}
