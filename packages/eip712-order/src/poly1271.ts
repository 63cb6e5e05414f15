/**
 * POLY_1271 deposit-wallet signatures (PROTOCOL.md §2.6): the ERC-7739-style nested
 * `TypedDataSign` digest the owner EOA signs, and the 317-byte wrapper
 * `innerSig(65) ‖ appDomainSeparator(32) ‖ contentsHash(32) ‖ contentsType(186) ‖ uint16(186)`.
 * @module
 */
import { isAddress } from './address.js'
import { InvalidParameterError } from './errors.js'
import { fromBytes, toBytes, ZERO_BYTES32 } from './hex.js'
import { keccak256 } from './keccak.js'
import {
  encodeFixed,
  orderV2Types,
  putUint,
  typedDataSignTypes,
  digest as typedDigest,
  typeHashes,
} from './struct.js'
import type { Address, ExchangeDomain, Hex, TypedData } from './types.js'

/**
 * The contents type: the V2/V3 `Order` type string, 186 ASCII bytes (PROTOCOL.md §2.3).
 *
 * @example
 * ```ts
 * Poly1271.CONTENTS_TYPE.length // 186
 * ```
 */
export const CONTENTS_TYPE = /* @__PURE__ */ encodeFixed(
  'Order',
  orderV2Types,
) as 'Order(uint256 salt,address maker,address signer,uint256 tokenId,uint256 makerAmount,uint256 takerAmount,uint8 side,uint8 signatureType,uint256 timestamp,bytes32 metadata,bytes32 builder)'

/**
 * Length of a POLY_1271 order signature in bytes (636 hex chars with `0x`).
 *
 * @example
 * ```ts
 * (signature.length - 2) / 2 === Poly1271.SIGNATURE_BYTES
 * ```
 */
export const SIGNATURE_BYTES = 317

/**
 * The deposit wallet's own EIP-712 name and version, signed inside `TypedDataSign`.
 *
 * @example
 * ```ts
 * Poly1271.typedData({ domain, contents }).message.name === Poly1271.WALLET_NAME // 'DepositWallet'
 * ```
 */
export const WALLET_NAME = 'DepositWallet'
/**
 * The deposit wallet's own EIP-712 version, signed inside `TypedDataSign`.
 *
 * @example
 * ```ts
 * Poly1271.typedData({ domain, contents }).message.version === Poly1271.WALLET_VERSION // '1'
 * ```
 */
export const WALLET_VERSION = '1'

/**
 * The parts of a POLY_1271 signature.
 *
 * @example
 * ```ts
 * const { innerSignature, domainSeparator, contentsHash }: Poly1271.Parts = Poly1271.parse(signed.signature)
 * ```
 */
export interface Parts {
  /** 65-byte `r‖s‖v` ECDSA signature by the wallet owner over the `TypedDataSign` digest. */
  readonly innerSignature: Hex
  /** The exchange's domain separator (the "app" domain). */
  readonly domainSeparator: Hex
  /** `hashStruct(Order, order)`. */
  readonly contentsHash: Hex
  /** The ASCII contents type string. */
  readonly contentsType: string
}

function bytesParam(value: unknown, param: string, n: number): Uint8Array {
  if (value instanceof Uint8Array) {
    if (value.length !== n) throw new InvalidParameterError('INVALID_SIGNATURE', param, `expected ${n} bytes`)
    return value
  }
  try {
    return toBytes(value as string, param, n)
  } catch {
    throw new InvalidParameterError('INVALID_SIGNATURE', param, `expected ${n} bytes of 0x-prefixed hex`)
  }
}

let contentsTypeBytes: Uint8Array | undefined

function contentsTypeAscii(): Uint8Array {
  if (contentsTypeBytes === undefined) contentsTypeBytes = new TextEncoder().encode(CONTENTS_TYPE)
  return contentsTypeBytes
}

/**
 * Builds the 317-byte POLY_1271 order signature (PROTOCOL.md §2.6 step 5).
 *
 * @example
 * ```ts
 * const signature = Poly1271.wrap({ innerSignature, domainSeparator, contentsHash }) // 0x + 634 hex
 * ```
 */
export function wrap(parts: {
  readonly innerSignature: Hex | Uint8Array
  readonly domainSeparator: Hex | Uint8Array
  readonly contentsHash: Hex | Uint8Array
}): Hex {
  if (typeof parts !== 'object' || parts === null) {
    throw new InvalidParameterError(
      'INVALID_SIGNATURE',
      'parts',
      'expected {innerSignature, domainSeparator, contentsHash}',
    )
  }
  const inner = bytesParam(parts.innerSignature, 'innerSignature', 65)
  const sep = bytesParam(parts.domainSeparator, 'domainSeparator', 32)
  const contents = bytesParam(parts.contentsHash, 'contentsHash', 32)
  const type = contentsTypeAscii()
  const out = new Uint8Array(SIGNATURE_BYTES)
  out.set(inner, 0)
  out.set(sep, 65)
  out.set(contents, 97)
  out.set(type, 129)
  out[315] = type.length >> 8
  out[316] = type.length & 0xff
  return fromBytes(out)
}

/**
 * Splits a POLY_1271 signature into its parts. Throws `INVALID_SIGNATURE` when the
 * layout (lengths, trailing uint16 type length, ASCII type) is wrong. Does not check
 * the signature itself; `Order.verify` does.
 *
 * @example
 * ```ts
 * Poly1271.parse(signed.signature).contentsType === Poly1271.CONTENTS_TYPE // true
 * ```
 */
export function parse(signature: string): Parts {
  let bytes: Uint8Array
  try {
    bytes = toBytes(signature, 'signature')
  } catch {
    throw new InvalidParameterError('INVALID_SIGNATURE', 'signature', 'expected 0x-prefixed hex')
  }
  if (bytes.length < 131)
    throw new InvalidParameterError('INVALID_SIGNATURE', 'signature', 'too short for POLY_1271')
  const typeLength = (bytes[bytes.length - 2]! << 8) | bytes[bytes.length - 1]!
  if (bytes.length !== 129 + typeLength + 2) {
    throw new InvalidParameterError('INVALID_SIGNATURE', 'signature', 'contents type length does not match')
  }
  let contentsType = ''
  for (let i = 129; i < 129 + typeLength; i++) {
    const c = bytes[i]!
    if (c < 0x20 || c > 0x7e)
      throw new InvalidParameterError('INVALID_SIGNATURE', 'signature', 'contents type is not ASCII')
    contentsType += String.fromCharCode(c)
  }
  return {
    innerSignature: fromBytes(bytes.subarray(0, 65)),
    domainSeparator: fromBytes(bytes.subarray(65, 97)),
    contentsHash: fromBytes(bytes.subarray(97, 129)),
    contentsType,
  }
}

let fixedWords: { typeHash: Uint8Array; name: Uint8Array; version: Uint8Array } | undefined

function words(): { typeHash: Uint8Array; name: Uint8Array; version: Uint8Array } {
  if (fixedWords === undefined) {
    const enc = new TextEncoder()
    fixedWords = {
      typeHash: typeHashes()[2]!,
      name: keccak256(enc.encode(WALLET_NAME)),
      version: keccak256(enc.encode(WALLET_VERSION)),
    }
  }
  return fixedWords
}

/**
 * The digest the wallet owner signs (PROTOCOL.md §2.6 step 4):
 * keccak256(0x1901 ‖ appDomainSeparator ‖ hashStruct(TypedDataSign{contents, "DepositWallet",
 * "1", chainId, wallet, 0x00…00})).
 *
 * @example
 * ```ts
 * const d = Poly1271.digest({ domainSeparator, contentsHash, chainId: 80002, wallet: order.signer })
 * signer.signDigest(d)
 * ```
 */
export function digest(params: {
  readonly domainSeparator: Hex | Uint8Array
  readonly contentsHash: Hex | Uint8Array
  readonly chainId: number
  readonly wallet: Address
}): Uint8Array {
  const sep = bytesParam(params.domainSeparator, 'domainSeparator', 32)
  const contents = bytesParam(params.contentsHash, 'contentsHash', 32)
  const { chainId, wallet } = params
  if (!Number.isSafeInteger(chainId) || chainId < 0) {
    throw new InvalidParameterError('UNSUPPORTED_CHAIN', 'chainId', 'expected a non-negative safe integer')
  }
  if (!isAddress(wallet)) throw new InvalidParameterError('INVALID_ADDRESS', 'wallet', 'expected an address')
  const w = words()
  const buf = new Uint8Array(32 * 7)
  buf.set(w.typeHash, 0)
  buf.set(contents, 32)
  buf.set(w.name, 64)
  buf.set(w.version, 96)
  putUint(buf, 128, chainId)
  buf.set(toBytes(wallet, 'wallet', 20), 172)
  // salt: bytes32 zero, already zero
  return typedDigest(sep, keccak256(buf))
}

/**
 * The `TypedDataSign` typed data for `signTypedData` (what the official client hands a
 * viem/ethers wallet for POLY_1271): the exchange domain, `contents` = the Order message,
 * and the wallet (`contents.signer` unless given) as `verifyingContract`.
 *
 * @example
 * ```ts
 * const td = Poly1271.typedData({ domain, contents: Order.typedData(order, domain).message })
 * await wallet.signTypedData(td)
 * ```
 */
export function typedData(params: {
  readonly domain: ExchangeDomain
  readonly contents: Readonly<Record<string, unknown>>
  readonly wallet?: Address
}): TypedData {
  const { domain, contents } = params
  const wallet = params.wallet ?? (contents.signer as Address)
  return {
    domain: {
      name: domain.name,
      version: domain.version,
      chainId: domain.chainId,
      verifyingContract: domain.verifyingContract,
    },
    types: typedDataSignTypes,
    primaryType: 'TypedDataSign',
    message: {
      contents,
      name: WALLET_NAME,
      version: WALLET_VERSION,
      chainId: domain.chainId,
      verifyingContract: wallet,
      salt: ZERO_BYTES32,
    },
  }
}
