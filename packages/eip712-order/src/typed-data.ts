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
import { DOMAIN_FIELDS, digest, encodeFixed, putUint } from './struct.js'
import type { Hex, TypedDataField, TypedData as TypedDataShape, TypedDataTypes } from './types.js'

export { keccak256 } from './keccak.js'
export { digest, orderV1Types, orderV2Types, typedDataSignTypes } from './struct.js'

export type { TypedDataField, TypedDataTypes } from './types.js'

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
  // the primary type, then the structs it references (breadth-first), sorted by name
  const deps = [primaryType]
  for (let i = 0; i < deps.length; i++) {
    for (const f of fieldsOf(types, deps[i]!)) {
      if (typeof f?.type !== 'string' || typeof f.name !== 'string' || !IDENT.test(f.name)) {
        fail('types', `malformed field of ${deps[i]}`)
      }
      const base = f.type.replace(/\[.*$/, '')
      if (isStruct(types, base) && !deps.includes(base)) deps.push(base)
    }
  }
  return [primaryType, ...deps.slice(1).sort()].map((name) => encodeFixed(name, types)).join('')
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
  // kind: uint/int (size = bits), bytesN (size = n), or address/bool/string/bytes
  const m = /^(?:(u?int)(\d*)|bytes(\d+)|(address|bool|string|bytes))$/.exec(type)
  const digits = m?.[2] ?? m?.[3] ?? ''
  const size = Number(digits || 256)
  if (
    digits.startsWith('0') ||
    (m?.[1] ? size < 8 || size > 256 || size % 8 : m?.[3] && (size < 1 || size > 32))
  ) {
    fail(param, `invalid type ${JSON.stringify(type)}`)
  }
  // `out` is a fresh buffer: the word is zero
  if (m === null) {
    if (!isStruct(types, type)) fail(param, `unknown type ${JSON.stringify(type)}`)
    out.set(structHash(type, types, value, depth + 1, param), o)
    return
  }
  const kind = m[1] ?? m[4] ?? 'bytesN'
  if (kind === 'string') {
    if (typeof value !== 'string') fail(param, 'expected a string')
    out.set(keccak256(utf8.encode(value)), o)
  } else if (kind === 'bytes') {
    out.set(keccak256(bytesOf(value, undefined, param)), o)
  } else if (kind === 'bool') {
    if (typeof value !== 'boolean') fail(param, 'expected a boolean')
    out[o + 31] = value ? 1 : 0
  } else if (kind === 'address') {
    if (!isAddress(value)) fail(param, 'expected an address')
    out.set(toBytes(value), o + 12)
  } else if (kind === 'bytesN') {
    out.set(bytesOf(value, size, param), o)
  } else {
    const v = typeof value === 'string' && /^[0-9]{1,78}$/.test(value) ? BigInt(value) : value
    if (typeof v !== 'bigint' && !Number.isSafeInteger(v)) fail(param, 'expected an integer')
    const b = BigInt(v as number | bigint)
    // powers of two are exact doubles, and number/bigint comparisons are exact
    const limit = 2 ** (kind === 'uint' ? size : size - 1)
    if (b >= limit || b < (kind === 'uint' ? 0 : -limit)) fail(param, `out of range for ${type}`)
    putUint(out, o, BigInt.asUintN(256, b))
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

const domainTypes = new Map<string, TypedDataTypes>()

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
  const d = domain as Record<string, unknown>
  const fields = DOMAIN_FIELDS.filter((f) => Object.hasOwn(d, f.name) && d[f.name] !== undefined)
  // one shared (frozen) object per field set, so its type hash is cached
  const key = fields.map((f) => f.name).join()
  let t = domainTypes.get(key)
  if (t === undefined) {
    t = Object.freeze({ EIP712Domain: Object.freeze(fields) })
    domainTypes.set(key, t)
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
    return keccak256(Uint8Array.of(0x19, 0x01, ...separator))
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
