/**
 * Plain data types shared across the order layer (PROTOCOL.md §1–§2).
 * @module
 */

/** 0x-prefixed hex string. */
export type Hex = `0x${string}`
/** 0x-prefixed 20-byte address (any casing is accepted on input; see `Address`). */
export type Address = `0x${string}`

export type Side = 'BUY' | 'SELL'
export const Sides = ['BUY', 'SELL'] as const

/** Signature types (PROTOCOL.md §2.1). */
export const SignatureType = { EOA: 0, POLY_PROXY: 1, POLY_GNOSIS_SAFE: 2, POLY_1271: 3 } as const
export type SignatureType = (typeof SignatureType)[keyof typeof SignatureType]

/** Exchange / order schema version (PROTOCOL.md §2.2). */
export type ExchangeVersion = 1 | 2 | 3

/** Supported chains (PROTOCOL.md §1.1). */
export const Chain = { POLYGON: 137, AMOY: 80002 } as const
export type ChainId = (typeof Chain)[keyof typeof Chain]

/** Tick sizes (PROTOCOL.md §3.1). */
export const TickSizes = ['0.1', '0.01', '0.005', '0.0025', '0.001', '0.0001'] as const
export type TickSize = (typeof TickSizes)[number]

/** Time in force (PROTOCOL.md §2.1). Not signed. */
export const OrderTypes = ['GTC', 'GTD', 'FOK', 'FAK'] as const
export type OrderType = (typeof OrderTypes)[number]

/** A decimal given as a JS number (read through its shortest decimal form) or a decimal string. */
export type DecimalInput = number | string

/** The EIP-712 domain of an exchange (PROTOCOL.md §2.2). */
export interface ExchangeDomain {
  readonly name: 'Polymarket CTF Exchange'
  readonly version: '1' | '2' | '3'
  readonly chainId: number
  readonly verifyingContract: Address
}

/** An exchange V1 order, keys in the official client's order (PROTOCOL.md §2.4). */
export interface OrderV1 {
  readonly salt: string
  readonly maker: Address
  readonly signer: Address
  readonly taker: Address
  readonly tokenId: string
  readonly makerAmount: string
  readonly takerAmount: string
  readonly expiration: string
  readonly nonce: string
  readonly feeRateBps: string
  readonly side: Side
  readonly signatureType: SignatureType
}

/** An exchange V2/V3 order, keys in the official client's order (PROTOCOL.md §2.4). */
export interface OrderV2 {
  readonly salt: string
  readonly maker: Address
  readonly signer: Address
  readonly tokenId: string
  readonly makerAmount: string
  readonly takerAmount: string
  readonly side: Side
  readonly signatureType: SignatureType
  readonly metadata: Hex
  readonly builder: Hex
  readonly timestamp: string
  /** Posted but not signed in V2/V3 (PROTOCOL.md §2.8). */
  readonly expiration: string
}

export type UnsignedOrder = OrderV1 | OrderV2
export type SignedOrderV1 = OrderV1 & { readonly signature: Hex }
export type SignedOrderV2 = OrderV2 & { readonly signature: Hex }
export type SignedOrder = SignedOrderV1 | SignedOrderV2

/** EIP-712 typed data, in the shape viem and ethers accept. */
export interface TypedData {
  readonly domain: Readonly<Record<string, unknown>>
  readonly types: Readonly<Record<string, readonly { readonly name: string; readonly type: string }[]>>
  readonly primaryType: string
  readonly message: Readonly<Record<string, unknown>>
}

/**
 * Anything that can sign EIP-712 typed data for an EOA: the local noble signer,
 * a viem WalletClient or ethers Wallet through their adapters, or a remote signer.
 * `signDigest` is optional; when present it is used as the fast path.
 */
export interface Signer {
  readonly address: Address
  signTypedData(typedData: TypedData): Promise<Hex>
  signDigest?(digest: Uint8Array): Hex | Promise<Hex>
}

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
