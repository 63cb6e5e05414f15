/**
 * @clobkit/eip712-order — exact order amounts, EIP-712 hashing and signing for
 * Polymarket CLOB exchange V1/V2/V3 (PROTOCOL.md §1–§3, §5.4).
 * @module
 */

export * as Amounts from './amounts.js'
export * as Decimal from './decimal.js'
export { ClobError, type ErrorDetails, InvalidParameterError, isClobError } from './errors.js'
export * as Exchange from './exchange.js'
export * as MarketPrice from './market-price.js'
export * as Order from './order.js'
export * as Poly1271 from './poly1271.js'
export * as Salt from './salt.js'
export * from './types.js'

// `Hex`, `Address`, `TypedData` and `Signer` are both types (from types.ts) and helper
// namespaces: a namespace import re-exported by name merges with a type alias of that name.
// (`export * as X` cannot carry both meanings, and `export const X = Module` would make
// bundlers keep every function of the module.)
import * as AddressModule from './address.js'
import * as HexModule from './hex.js'
import * as SignerModule from './signer.js'
import * as TypedDataModule from './typed-data.js'
import type * as Types from './types.js'

export {
  /** Address helpers (`checksum`, `isAddress`, `assert`, `equal`, `fromPublicKey`) and the address type. */
  AddressModule as Address,
  /** Hex helpers (`fromBytes`, `toBytes`, `isHex`, `assert`, `concat`) and the `0x…` string type. */
  HexModule as Hex,
  /** Signers (`fromPrivateKey`, `fromViem`, `fromEthers`, `recoverDigest`, `recoverPublicKey`, `backend`) and the signer interface. */
  SignerModule as Signer,
  /** The EIP-712 encoder (`hashDomain`, `hashStruct`, `hashTypedData`, …) and the typed-data shape. */
  TypedDataModule as TypedData,
}
/** A `0x`-prefixed hex string (and, as a value, the `Hex` helpers). */
export type Hex = Types.Hex
/** A `0x`-prefixed 20-byte address (and, as a value, the `Address` helpers). */
export type Address = Types.Address
/** EIP-712 typed data in the viem/ethers shape (and, as a value, the `TypedData` encoder). */
export type TypedData = Types.TypedData
/** Anything that signs EIP-712 typed data for an EOA (and, as a value, the `Signer` constructors). */
export type Signer = Types.Signer
export type {
  BackendChoice,
  BackendName,
  BackendOptions,
  EthersSignerLike,
  LocalSigner,
  ViemWalletClientLike,
} from './signer.js'
export type { TypedDataDomain, TypedDataField, TypedDataTypes } from './typed-data.js'
