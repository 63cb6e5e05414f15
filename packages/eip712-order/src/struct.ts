/**
 * Internal: the fixed EIP-712 structs Polymarket signs (Order V1, Order V2/V3, the exchange
 * domain, `TypedDataSign`) hashed by specialised writers — the type hash and 32-byte words in
 * one preallocated buffer, one keccak — so the signing path needs no generic encoder. The
 * type hashes (from these struct definitions) are checked against `TypedData` by the tests.
 * @module
 */
import { InvalidParameterError } from './errors.js'
import { toBytes } from './hex.js'
import { keccak256 } from './keccak.js'
import type { ExchangeDomain, TypedDataField, TypedDataTypes } from './types.js'

/** The fields of an `encodeType` member list (`uint256 salt,address maker,…`), in order. */
const fields = (members: string): TypedDataField[] =>
  members.split(',').map((m) => {
    const [type, name] = m.split(' ') as [string, string]
    return { name, type }
  })

/**
 * The V1 `Order` struct (PROTOCOL.md §2.3), field order significant.
 *
 * @example
 * ```ts
 * TypedData.encodeType('Order', TypedData.orderV1Types).length // 201
 * ```
 */
export const orderV1Types: TypedDataTypes = {
  Order: /* @__PURE__ */ fields(
    'uint256 salt,address maker,address signer,address taker,uint256 tokenId,uint256 makerAmount,' +
      'uint256 takerAmount,uint256 expiration,uint256 nonce,uint256 feeRateBps,uint8 side,uint8 signatureType',
  ),
}

/**
 * The V2/V3 `Order` struct (PROTOCOL.md §2.3): no taker/expiration/nonce/feeRateBps;
 * `timestamp`, `metadata`, `builder` added after `side` and `signatureType`.
 *
 * @example
 * ```ts
 * TypedData.encodeType('Order', TypedData.orderV2Types).length // 186
 * ```
 */
export const orderV2Types: TypedDataTypes = {
  Order: /* @__PURE__ */ fields(
    'uint256 salt,address maker,address signer,uint256 tokenId,uint256 makerAmount,uint256 takerAmount,' +
      'uint8 side,uint8 signatureType,uint256 timestamp,bytes32 metadata,bytes32 builder',
  ),
}

/**
 * The POLY_1271 (ERC-7739-style) wrapper types (PROTOCOL.md §2.6): `TypedDataSign` with
 * the V2 `Order` as `contents`.
 *
 * @example
 * ```ts
 * TypedData.typeHash('TypedDataSign', TypedData.typedDataSignTypes)
 * // '0x6ba028565cb324c2aa02bb714b9816d0bddd557a2f33bb36cf13272a4256bd42'
 * ```
 */
export const typedDataSignTypes: TypedDataTypes = {
  TypedDataSign: /* @__PURE__ */ fields(
    'Order contents,string name,string version,uint256 chainId,address verifyingContract,bytes32 salt',
  ),
  Order: orderV2Types.Order!,
}

/** The `EIP712Domain` fields in canonical order; a domain encodes those it has. */
export const DOMAIN_FIELDS: readonly TypedDataField[] = /* @__PURE__ */ fields(
  'string name,string version,uint256 chainId,address verifyingContract,bytes32 salt',
)

const utf8 = /* @__PURE__ */ new TextEncoder()
/** The `encodeType` string of a struct that references no other struct. */
export const encodeFixed = (name: string, types: TypedDataTypes): string =>
  `${name}(${types[name]!.map((x) => `${x.type} ${x.name}`).join(',')})`
let hashes: Uint8Array[] | undefined

/**
 * The fixed type hashes, computed once: [Order V1, Order V2/V3, TypedDataSign, the 4-field
 * exchange `EIP712Domain`, the same with `bytes32 salt`].
 */
export function typeHashes(): Uint8Array[] {
  if (hashes === undefined) {
    const order = encodeFixed('Order', orderV2Types)
    hashes = [
      encodeFixed('Order', orderV1Types),
      order,
      encodeFixed('TypedDataSign', typedDataSignTypes) + order,
      encodeFixed('EIP712Domain', { EIP712Domain: DOMAIN_FIELDS.slice(0, 4) }),
      encodeFixed('EIP712Domain', { EIP712Domain: DOMAIN_FIELDS }),
    ].map((x) => keccak256(utf8.encode(x)))
  }
  return hashes
}

/**
 * keccak256(0x19 0x01 ‖ domainSeparator ‖ structHash), the digest an EOA signs.
 *
 * @example
 * ```ts
 * const digest = TypedData.digest(domainSeparatorBytes, structHashBytes) // Uint8Array(32)
 * ```
 */
export function digest(domainSeparator: Uint8Array, structHash: Uint8Array): Uint8Array {
  for (const [v, p] of [
    [domainSeparator, 'domainSeparator'],
    [structHash, 'structHash'],
  ] as const) {
    if (!(v instanceof Uint8Array) || v.length !== 32)
      throw new InvalidParameterError('INVALID_TYPED_DATA', p, 'expected 32 bytes')
  }
  const buf = new Uint8Array(66)
  buf[0] = 0x19
  buf[1] = 0x01
  buf.set(domainSeparator, 2)
  buf.set(structHash, 34)
  return keccak256(buf)
}

/** Writes a validated non-negative integer (decimal string, safe integer or bigint) as the word at `out[o..]`. */
export function putUint(out: Uint8Array, o: number, value: string | number | bigint): void {
  if (typeof value !== 'bigint' && (typeof value === 'number' || value.length < 16)) {
    for (let n = Number(value), i = o + 31; n > 0; n = Math.floor(n / 256)) out[i--] = n % 256
  } else out.set(toBytes(`0x${BigInt(value).toString(16).padStart(64, '0')}`), o)
}

/** The struct hash of a validated order (`side` as 0/1). */
export function hashOrder(order: Readonly<Record<string, unknown>>, v: 1 | 2): Uint8Array {
  const fields = (v === 1 ? orderV1Types : orderV2Types).Order!
  const out = new Uint8Array(32 * fields.length + 32)
  out.set(typeHashes()[v - 1]!)
  for (let i = 0, o = 32; i < fields.length; i++, o += 32) {
    const k = fields[i]!.name
    const x = order[k] as string
    if (k === 'side') out[o + 31] = x === 'BUY' ? 0 : 1
    else if (k === 'metadata' || k === 'builder') out.set(toBytes(x), o)
    else if (k === 'maker' || k === 'signer' || k === 'taker') out.set(toBytes(x), o + 12)
    else putUint(out, o, x)
  }
  return keccak256(out)
}

const separators = new Map<string, Uint8Array>()

/** The separator of a validated exchange domain (name, version, chainId, verifyingContract[, salt]). */
export function hashExchangeDomain(d: ExchangeDomain): Uint8Array {
  const salt = (d as { readonly salt?: unknown }).salt
  const key = salt === undefined ? `${d.name}\0${d.version}\0${d.chainId}\0${d.verifyingContract}` : ''
  let sep = separators.get(key)
  if (sep === undefined) {
    const out = new Uint8Array(salt === undefined ? 160 : 192)
    out.set(typeHashes()[salt === undefined ? 3 : 4]!)
    out.set(keccak256(utf8.encode(d.name)), 32)
    out.set(keccak256(utf8.encode(d.version)), 64)
    putUint(out, 96, d.chainId)
    out.set(toBytes(d.verifyingContract), 140)
    if (salt !== undefined) {
      if (salt instanceof Uint8Array && salt.length === 32) out.set(salt, 160)
      else {
        try {
          out.set(toBytes(salt as string, 'domain.salt', 32), 160)
        } catch {
          throw new InvalidParameterError('INVALID_TYPED_DATA', 'domain.salt', 'expected 32 bytes')
        }
      }
      return keccak256(out)
    }
    sep = keccak256(out)
    if (separators.size >= 64) separators.clear()
    separators.set(key, sep)
  }
  return sep
}
