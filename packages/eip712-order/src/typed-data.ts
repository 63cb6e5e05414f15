/**
 * A small EIP-712 encoder (PROTOCOL.md §2.2, §2.3, §2.6, §2.7; §4.1 for `ClobAuth`).
 *
 * It covers what Polymarket signs — the exchange domain (with or without
 * `verifyingContract`), Order V1, Order V2/V3, the POLY_1271 `TypedDataSign` wrapper and
 * `ClobAuth` — and is generic over atomic types (`uintN`, `intN`, `address`, `bool`,
 * `bytesN`), dynamic types (`bytes`, `string`), nested structs and arrays.
 *
 * Kept small on purpose (it ships in every browser bundle that signs): member types are read
 * from their strings as they are encoded, type hashes are computed once per `types` object
 * and primary type (cached by identity), and each struct is encoded into one buffer of
 * 32-byte words before a single keccak256.
 * @module
 */
import { isAddress } from './address.js'
import { InvalidParameterError } from './errors.js'
import { fromBytes, toBytes } from './hex.js'
import { keccak256 } from './keccak.js'
import type { Hex, TypedData as TypedDataShape } from './types.js'

export { keccak256 } from './keccak.js'

/**
 * One member of an EIP-712 struct type.
 *
 * @example
 * ```ts
 * const field: TypedDataField = { name: 'salt', type: 'uint256' }
 * ```
 */
export interface TypedDataField {
  readonly name: string
  readonly type: string
}

/**
 * EIP-712 struct definitions by name (viem/ethers shape; `EIP712Domain` may be omitted).
 *
 * @example
 * ```ts
 * const types: TypedDataTypes = { Order: [{ name: 'salt', type: 'uint256' }] }
 * ```
 */
export type TypedDataTypes = Readonly<Record<string, readonly TypedDataField[]>>

/**
 * An EIP-712 domain; absent fields are left out of `EIP712Domain`, as in viem and ethers.
 *
 * @example
 * ```ts
 * const domain: TypedDataDomain = { name: 'ClobAuthDomain', version: '1', chainId: 137 }
 * ```
 */
export interface TypedDataDomain {
  readonly name?: string
  readonly version?: string
  readonly chainId?: number | bigint | string
  readonly verifyingContract?: string
  readonly salt?: string
}

const MAX_DEPTH = 16
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/
const utf8 = /* @__PURE__ */ new TextEncoder()

function fail(param: string, message: string): never {
  throw new InvalidParameterError('INVALID_TYPED_DATA', param, message)
}

function isStruct(types: TypedDataTypes, name: string): boolean {
  return Object.hasOwn(types, name) && Array.isArray(types[name])
}

function fieldsOf(types: TypedDataTypes, name: string): readonly TypedDataField[] {
  if (!isStruct(types, name)) fail('types', `missing struct type ${JSON.stringify(name)}`)
  return types[name]!
}

/**
 * The EIP-712 `encodeType` string: the primary type followed by its referenced struct
 * types sorted by name.
 *
 * @example
 * ```ts
 * TypedData.encodeType('TypedDataSign', TypedData.typedDataSignTypes)
 * // 'TypedDataSign(Order contents,string name,...,bytes32 salt)Order(uint256 salt,...,bytes32 builder)'
 * ```
 */
export function encodeType(primaryType: string, types: TypedDataTypes): string {
  if (typeof primaryType !== 'string' || !IDENT.test(primaryType)) fail('primaryType', 'invalid type name')
  if (typeof types !== 'object' || types === null) fail('types', 'expected an object')
  const deps = new Set<string>()
  const visit = (name: string): void => {
    if (deps.has(name)) return
    deps.add(name)
    for (const f of fieldsOf(types, name)) {
      if (typeof f?.type !== 'string' || typeof f.name !== 'string' || !IDENT.test(f.name)) {
        fail('types', `malformed field of ${name}`)
      }
      const base = f.type.replace(/\[.*$/, '')
      if (isStruct(types, base)) visit(base)
    }
  }
  visit(primaryType)
  deps.delete(primaryType)
  let s = ''
  for (const name of [primaryType, ...[...deps].sort()]) {
    s += `${name}(${fieldsOf(types, name)
      .map((f) => `${f.type} ${f.name}`)
      .join(',')})`
  }
  return s
}

/** Type hashes per `types` object (by identity) and primary type, computed on first use. */
const typeHashes = new WeakMap<object, Map<string, Uint8Array>>()

function typeHashBytes(primaryType: string, types: TypedDataTypes): Uint8Array {
  let perTypes = typeHashes.get(types)
  if (perTypes === undefined) {
    perTypes = new Map()
    typeHashes.set(types, perTypes)
  }
  let h = perTypes.get(primaryType)
  if (h === undefined) {
    h = keccak256(utf8.encode(encodeType(primaryType, types)))
    perTypes.set(primaryType, h)
  }
  return h
}

/** `value` as exactly `n` bytes (any `n` when undefined), from bytes or 0x-hex. */
function bytesOf(value: unknown, n: number | undefined, param: string): Uint8Array {
  if (value instanceof Uint8Array && (n === undefined || value.length === n)) return value
  try {
    return toBytes(value as string, param, n)
  } catch {
    return fail(param, n === undefined ? 'expected 0x-prefixed hex bytes' : `expected ${n} bytes`)
  }
}

/** An atomic member type: `[kind, size]`, kind `uint`/`int` (size = bits), `bytesN` (size = n) or the type. */
type Atomic = readonly [kind: string, size: number]
/** Parsed atomic types by type string (null: not atomic), bounded. */
const atomics = new Map<string, Atomic | null>()

function atomicOf(type: string, param: string): Atomic | null {
  let a = atomics.get(type)
  if (a === undefined) {
    const m = /^(?:(u?int)(\d*)|bytes(\d+)|(address|bool|string|bytes))$/.exec(type)
    const digits = m?.[2] ?? m?.[3] ?? ''
    const n = Number(digits || 256)
    if (digits.startsWith('0') || (m?.[1] ? n < 8 || n > 256 || n % 8 : m?.[3] && (n < 1 || n > 32))) {
      fail(param, `invalid type ${JSON.stringify(type)}`)
    }
    a = m === null ? null : [m[1] ?? m[4] ?? 'bytesN', n]
    if (atomics.size >= 256) atomics.clear()
    atomics.set(type, a)
  }
  return a
}

/** Writes a safe non-negative integer big-endian, ending at `out[end]` (the word is zeroed). */
function writeUint(out: Uint8Array, end: number, n: number): void {
  for (; n > 0; n = Math.floor(n / 256)) out[end--] = n % 256
}

/** Writes the 32-byte `encodeData` word of one member value at `out[o..]`. */
function encodeValue(
  out: Uint8Array,
  o: number,
  type: string,
  value: unknown,
  types: TypedDataTypes,
  depth: number,
  param: string,
): void {
  if (type.endsWith(']')) {
    const m = /^(.+)\[([1-9]\d{0,5})?\]$/.exec(type)
    if (m === null) fail(param, `invalid type ${JSON.stringify(type)}`)
    if (!Array.isArray(value)) fail(param, 'expected an array')
    if (m[2] !== undefined && value.length !== Number(m[2])) fail(param, `expected ${m[2]} elements`)
    if (depth >= MAX_DEPTH) fail(param, 'nesting too deep')
    const words = new Uint8Array(32 * value.length)
    for (let i = 0; i < value.length; i++)
      encodeValue(words, 32 * i, m[1]!, value[i], types, depth + 1, `${param}[${i}]`)
    out.set(keccak256(words), o)
    return
  }
  const a = atomicOf(type, param)
  out.fill(0, o, o + 32)
  if (a === null) {
    if (!isStruct(types, type)) fail(param, `unknown type ${JSON.stringify(type)}`)
    out.set(structHash(type, types, value, depth + 1, param), o)
    return
  }
  const [kind, size] = a
  if (kind === 'string') {
    if (typeof value !== 'string') fail(param, 'expected a string')
    out.set(keccak256(utf8.encode(value)), o)
  } else if (kind === 'bytes') {
    out.set(keccak256(bytesOf(value, undefined, param)), o)
  } else if (kind === 'bool') {
    if (typeof value !== 'boolean') fail(param, 'expected a boolean')
    out[o + 31] = value ? 1 : 0
  } else if (kind === 'address') {
    if (!isAddress(value))
      fail(param, 'expected an address (0x + 40 hex, valid EIP-55 checksum if mixed case)')
    out.set(toBytes(value), o + 12)
  } else if (kind === 'bytesN') {
    out.set(bytesOf(value, size, param), o)
  } else {
    const unsigned = kind === 'uint'
    // powers of two are exact doubles, and number/bigint comparisons are exact
    const limit = 2 ** (unsigned ? size : size - 1)
    const v =
      typeof value === 'string' && /^[0-9]{1,78}$/.test(value)
        ? value.length < 16
          ? Number(value)
          : BigInt(value)
        : value
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v < limit) {
      writeUint(out, o + 31, v)
    } else if (typeof v === 'bigint' || Number.isSafeInteger(v)) {
      const b = BigInt(v as number | bigint)
      if (b >= limit || b < (unsigned ? 0 : -limit)) fail(param, `out of range for ${type}`)
      out.set(toBytes(`0x${BigInt.asUintN(256, b).toString(16).padStart(64, '0')}`), o)
    } else {
      fail(param, 'expected an integer (safe-integer number, bigint or decimal string)')
    }
  }
}

function structHash(
  primaryType: string,
  types: TypedDataTypes,
  message: unknown,
  depth: number,
  param: string,
): Uint8Array {
  if (depth > MAX_DEPTH) fail(param, 'nesting too deep')
  if (typeof message !== 'object' || message === null || Array.isArray(message))
    fail(param, 'expected an object')
  const typeHash = typeHashBytes(primaryType, types)
  const fields = fieldsOf(types, primaryType)
  const out = new Uint8Array(32 * fields.length + 32)
  out.set(typeHash)
  const msg = message as Record<string, unknown>
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!
    const p = `${param}.${f.name}`
    const value = Object.hasOwn(msg, f.name) ? msg[f.name] : undefined
    if (value === undefined) fail(p, 'missing value')
    encodeValue(out, 32 * i + 32, f.type, value, types, depth, p)
  }
  return keccak256(out)
}

/**
 * The type hash `keccak256(encodeType(primaryType))`.
 *
 * @example
 * ```ts
 * TypedData.typeHash('Order', TypedData.orderV2Types)
 * // '0xbb86318a2138f5fa8ae32fbe8e659f8fcf13cc6ae4014a707893055433818589'
 * ```
 */
export function typeHash(primaryType: string, types: TypedDataTypes): Hex {
  return fromBytes(typeHashBytes(primaryType, types))
}

/**
 * `hashStruct(primaryType, message)` as raw bytes (see {@link hashStruct}).
 *
 * @example
 * ```ts
 * const contentsHash = TypedData.hashStructBytes('Order', TypedData.orderV2Types, message)
 * ```
 */
export function hashStructBytes(primaryType: string, types: TypedDataTypes, message: unknown): Uint8Array {
  return structHash(primaryType, types, message, 0, primaryType)
}

/**
 * EIP-712 `hashStruct`: keccak256(typeHash ‖ encodeData(message)). Throws
 * `INVALID_TYPED_DATA` naming the field path (e.g. `Order.salt`) on a bad value.
 * Integers may be bigints, safe-integer numbers or decimal strings.
 *
 * @example
 * ```ts
 * TypedData.hashStruct('ClobAuth', {
 *   ClobAuth: [
 *     { name: 'address', type: 'address' },
 *     { name: 'timestamp', type: 'string' },
 *     { name: 'nonce', type: 'uint256' },
 *     { name: 'message', type: 'string' },
 *   ],
 * }, { address, timestamp: '1700000000', nonce: 0, message: 'This message attests that I control the given wallet' })
 * ```
 */
export function hashStruct(primaryType: string, types: TypedDataTypes, message: unknown): Hex {
  return fromBytes(hashStructBytes(primaryType, types, message))
}

const DOMAIN_FIELDS: readonly TypedDataField[] = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
  { name: 'salt', type: 'bytes32' },
]
const domainTypes: (TypedDataTypes | undefined)[] = []

/**
 * The `EIP712Domain` fields present in `domain`, in canonical order (name, version,
 * chainId, verifyingContract, salt).
 *
 * @example
 * ```ts
 * TypedData.domainFields({ name: 'ClobAuthDomain', version: '1', chainId: 137 })
 * // [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }]
 * ```
 */
export function domainFields(domain: TypedDataDomain): readonly TypedDataField[] {
  return domainTypesFor(domain).EIP712Domain!
}

function domainTypesFor(domain: TypedDataDomain): TypedDataTypes {
  if (typeof domain !== 'object' || domain === null) fail('domain', 'expected an object')
  let mask = 0
  for (let i = 0; i < DOMAIN_FIELDS.length; i++) {
    const key = DOMAIN_FIELDS[i]!.name as keyof TypedDataDomain
    if (Object.hasOwn(domain, key) && domain[key] !== undefined) mask |= 1 << i
  }
  let t = domainTypes[mask]
  if (t === undefined) {
    t = Object.freeze({
      EIP712Domain: Object.freeze(DOMAIN_FIELDS.filter((_, i) => (mask & (1 << i)) !== 0)),
    })
    domainTypes[mask] = t
  }
  return t
}

/**
 * The domain separator `hashStruct(EIP712Domain, domain)` as raw bytes.
 *
 * @example
 * ```ts
 * TypedData.hashDomainBytes(Exchange.domain({ chainId: 137, version: 2, negRisk: false })) // Uint8Array(32)
 * ```
 */
export function hashDomainBytes(domain: TypedDataDomain): Uint8Array {
  const types = domainTypesFor(domain)
  return structHash('EIP712Domain', types, domain, 0, 'domain')
}

/**
 * The EIP-712 domain separator. Only the fields present in `domain` are encoded, so
 * `{name, version, chainId}` (ClobAuth) and the 4-field exchange domain both work.
 *
 * @example
 * ```ts
 * TypedData.hashDomain({ name: 'ClobAuthDomain', version: '1', chainId: 137 })
 * // '0xcfc66be2a3b30464cb3b588324101f660c9a205fa76e8e5f83ee16a528e1c4cb'
 * ```
 */
export function hashDomain(domain: TypedDataDomain): Hex {
  return fromBytes(hashDomainBytes(domain))
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
  if (!(domainSeparator instanceof Uint8Array) || domainSeparator.length !== 32) {
    fail('domainSeparator', 'expected 32 bytes')
  }
  if (!(structHash instanceof Uint8Array) || structHash.length !== 32) fail('structHash', 'expected 32 bytes')
  const buf = new Uint8Array(66)
  buf[0] = 0x19
  buf[1] = 0x01
  buf.set(domainSeparator, 2)
  buf.set(structHash, 34)
  return keccak256(buf)
}

/**
 * {@link hashTypedData} as raw bytes (ready for `Signer.signDigest`).
 *
 * @example
 * ```ts
 * const d = TypedData.hashTypedDataBytes(Order.typedData(order, domain))
 * ```
 */
export function hashTypedDataBytes(typedData: TypedDataShape): Uint8Array {
  if (typeof typedData !== 'object' || typedData === null) fail('typedData', 'expected an object')
  const { domain, types, primaryType, message } = typedData
  if (typeof types !== 'object' || types === null) fail('types', 'expected an object')
  const separator = hashDomainBytes(domain as TypedDataDomain)
  if (primaryType === 'EIP712Domain') {
    const buf = new Uint8Array(34)
    buf[0] = 0x19
    buf[1] = 0x01
    buf.set(separator, 2)
    return keccak256(buf)
  }
  return digest(separator, hashStructBytes(primaryType, types as TypedDataTypes, message))
}

/**
 * The EIP-712 typed-data hash: keccak256(0x19 0x01 ‖ hashDomain ‖ hashStruct). Accepts
 * the `{domain, types, primaryType, message}` shape viem and ethers use (an
 * `EIP712Domain` entry in `types` is ignored; the domain's own fields decide).
 *
 * @example
 * ```ts
 * TypedData.hashTypedData(Order.typedData(order, domain)) // === Order.hash(order, domain)
 * ```
 */
export function hashTypedData(typedData: TypedDataShape): Hex {
  return fromBytes(hashTypedDataBytes(typedData))
}

/**
 * The V1 `Order` struct (PROTOCOL.md §2.3), field order significant.
 *
 * @example
 * ```ts
 * TypedData.encodeType('Order', TypedData.orderV1Types).length // 201
 * ```
 */
export const orderV1Types: TypedDataTypes = {
  Order: [
    { name: 'salt', type: 'uint256' },
    { name: 'maker', type: 'address' },
    { name: 'signer', type: 'address' },
    { name: 'taker', type: 'address' },
    { name: 'tokenId', type: 'uint256' },
    { name: 'makerAmount', type: 'uint256' },
    { name: 'takerAmount', type: 'uint256' },
    { name: 'expiration', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'feeRateBps', type: 'uint256' },
    { name: 'side', type: 'uint8' },
    { name: 'signatureType', type: 'uint8' },
  ],
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
  Order: [
    { name: 'salt', type: 'uint256' },
    { name: 'maker', type: 'address' },
    { name: 'signer', type: 'address' },
    { name: 'tokenId', type: 'uint256' },
    { name: 'makerAmount', type: 'uint256' },
    { name: 'takerAmount', type: 'uint256' },
    { name: 'side', type: 'uint8' },
    { name: 'signatureType', type: 'uint8' },
    { name: 'timestamp', type: 'uint256' },
    { name: 'metadata', type: 'bytes32' },
    { name: 'builder', type: 'bytes32' },
  ],
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
  TypedDataSign: [
    { name: 'contents', type: 'Order' },
    { name: 'name', type: 'string' },
    { name: 'version', type: 'string' },
    { name: 'chainId', type: 'uint256' },
    { name: 'verifyingContract', type: 'address' },
    { name: 'salt', type: 'bytes32' },
  ],
  Order: orderV2Types.Order!,
}
