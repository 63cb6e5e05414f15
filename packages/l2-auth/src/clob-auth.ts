/**
 * The L1 EIP-712 `ClobAuth` message (PROTOCOL.md §4.1): domain
 * `{name: 'ClobAuthDomain', version: '1', chainId}` (no verifyingContract),
 * struct `ClobAuth(address address,string timestamp,uint256 nonce,string message)`.
 * Hashing reuses the EIP-712 encoder and signer of `@clobkit/eip712-order`.
 * @module
 */
import type { Hex, Signer } from '@clobkit/eip712-order'
import * as Address from '@clobkit/eip712-order/address'
import { InvalidParameterError } from '@clobkit/eip712-order/errors'
import * as HexUtil from '@clobkit/eip712-order/hex'
import * as TypedData from '@clobkit/eip712-order/typed-data'
import { Chain } from '@clobkit/eip712-order/types'
import * as check from './validate.js'

/**
 * The fixed attestation text signed in every `ClobAuth` message.
 *
 * @example
 * ```ts
 * import { ClobAuth } from '@clobkit/l2-auth'
 * ClobAuth.MESSAGE // 'This message attests that I control the given wallet'
 * ```
 */
export const MESSAGE = 'This message attests that I control the given wallet'

/**
 * The `ClobAuth` struct type, field order significant.
 *
 * @example
 * ```ts
 * import { TypedData } from '@clobkit/eip712-order'
 * import { ClobAuth } from '@clobkit/l2-auth'
 * TypedData.encodeType('ClobAuth', ClobAuth.types)
 * // 'ClobAuth(address address,string timestamp,uint256 nonce,string message)'
 * ```
 */
export const types = {
  ClobAuth: [
    { name: 'address', type: 'address' },
    { name: 'timestamp', type: 'string' },
    { name: 'nonce', type: 'uint256' },
    { name: 'message', type: 'string' },
  ],
} as const

/** The `ClobAuth` EIP-712 domain. */
export type Domain = {
  readonly name: 'ClobAuthDomain'
  readonly version: '1'
  readonly chainId: number
}

/** The `ClobAuth` message as handed to the signer (timestamp a string, nonce a number when safe). */
export type Message = {
  readonly address: string
  readonly timestamp: string
  readonly nonce: number | bigint
  readonly message: typeof MESSAGE
}

/** `ClobAuth` typed data in the exact shape the official client passes to `signTypedData`. */
export type ClobAuthTypedData = {
  readonly domain: Domain
  readonly types: typeof types
  readonly primaryType: 'ClobAuth'
  readonly message: Message
}

/** Inputs of the `ClobAuth` message. */
export interface Params {
  /** Signed as `ClobAuth.address` (any casing; sent verbatim as `POLY_ADDRESS`). */
  readonly address: string
  /** 137 (Polygon) or 80002 (Amoy). */
  readonly chainId: number
  /** Unix seconds; signed as its decimal string. */
  readonly timestamp: number | string
  /** uint256 nonce; defaults to 0. */
  readonly nonce?: number | bigint | undefined
}

/** `ClobAuth.sign` inputs; `address` defaults to `signer.address`. */
export interface SignParams extends Omit<Params, 'address'> {
  readonly address?: string | undefined
}

const MAX_UINT256 = (1n << 256n) - 1n

function chainId(value: unknown): number {
  if (value === Chain.POLYGON || value === Chain.AMOY) return value
  throw new InvalidParameterError('UNSUPPORTED_CHAIN', 'chainId', 'expected 137 (Polygon) or 80002 (Amoy)')
}

/** Any casing, but mixed case must be a valid EIP-55 checksum (a typo otherwise). Kept verbatim. */
function address(value: unknown): string {
  if (Address.isAddress(value)) return value
  const shape = typeof value === 'string' && /^0x[0-9a-fA-F]{40}$/.test(value)
  throw new InvalidParameterError(
    'INVALID_ADDRESS',
    'address',
    shape ? 'mixed-case address with an invalid EIP-55 checksum' : 'expected 0x followed by 40 hex digits',
  )
}

function nonce(value: unknown): number | bigint {
  if (value === undefined) return 0
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value
  if (typeof value === 'bigint' && value >= 0n && value <= MAX_UINT256) {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value
  }
  throw new InvalidParameterError('INVALID_NONCE', 'nonce', 'expected a non-negative integer below 2^256')
}

/**
 * The `ClobAuth` EIP-712 domain for a chain.
 *
 * @example
 * ```ts
 * import { ClobAuth } from '@clobkit/l2-auth'
 * ClobAuth.domain(137) // { name: 'ClobAuthDomain', version: '1', chainId: 137 }
 * ```
 */
export function domain(chain: number): Domain {
  return { name: 'ClobAuthDomain', version: '1', chainId: chainId(chain) }
}

/**
 * Builds the typed data exactly as the official client hands it to the signer:
 * `message.timestamp` a string, `message.nonce` a number (a bigint only above 2^53).
 *
 * @example
 * ```ts
 * import { ClobAuth } from '@clobkit/l2-auth'
 * const td = ClobAuth.typedData({ address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', chainId: 80002,
 *   timestamp: 10000000, nonce: 23 })
 * td.message // { address: '0xf39F…2266', timestamp: '10000000', nonce: 23, message: 'This message attests…' }
 * ```
 */
export function typedData(params: Params): ClobAuthTypedData {
  return {
    domain: domain(params.chainId),
    types,
    primaryType: 'ClobAuth',
    message: {
      address: address(params.address),
      timestamp: check.timestamp(params.timestamp),
      nonce: nonce(params.nonce),
      message: MESSAGE,
    },
  }
}

/**
 * The EIP-712 digest of the `ClobAuth` message (what the EOA signs).
 *
 * @example
 * ```ts
 * import { ClobAuth } from '@clobkit/l2-auth'
 * ClobAuth.hash({ address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', chainId: 80002,
 *   timestamp: 10000000, nonce: 23 })
 * // '0x8f442df8073c9cf2e36d7b20ca9d64d1a9352e982cc82a293b7de2df57920610'
 * ```
 */
export function hash(params: Params): Hex {
  return TypedData.hashTypedData(typedData(params))
}

/**
 * Signs the `ClobAuth` message: through `signer.signDigest` when the signer has
 * one (the local noble signer), otherwise through `signer.signTypedData` with the
 * same typed-data object the official client passes (viem, ethers, remote).
 *
 * @example
 * ```ts
 * import { Signer } from '@clobkit/eip712-order'
 * import { ClobAuth } from '@clobkit/l2-auth'
 * const signer = Signer.fromPrivateKey('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
 * await ClobAuth.sign(signer, { chainId: 80002, timestamp: 10000000, nonce: 23, address: signer.address })
 * // '0xf62319a987514da40e57e2f4d7529f7bac38f0355bd88bb5adbb3768d80de6c1682518e0af677d5260366425f4361e7b70c25ae232aff0ab2331e2b164a1aedc1b'
 * ```
 */
export async function sign(signer: Signer, params: SignParams): Promise<Hex> {
  const address = check.signer(signer)
  const td = typedData({ ...params, address: params.address ?? address })
  const signature =
    typeof signer.signDigest === 'function'
      ? await signer.signDigest(TypedData.hashTypedDataBytes(td))
      : await signer.signTypedData(td)
  if (!HexUtil.isHex(signature)) {
    throw new InvalidParameterError('INVALID_SIGNATURE', 'signer', 'the signer returned a non-hex signature')
  }
  return signature
}
