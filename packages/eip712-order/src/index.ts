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
// namespaces; `export * as` cannot carry both meanings, so each is a const plus a type.
import * as AddressModule from './address.js'
import * as HexModule from './hex.js'
import * as SignerModule from './signer.js'
import * as TypedDataModule from './typed-data.js'
import type * as Types from './types.js'

/** Hex helpers (`fromBytes`, `toBytes`, `isHex`, `assert`, `concat`) and the `0x…` string type. */
export const Hex = HexModule
export type Hex = Types.Hex
/** Address helpers (`checksum`, `isAddress`, `assert`, `equal`, `fromPublicKey`) and the address type. */
export const Address = AddressModule
export type Address = Types.Address
/** The EIP-712 encoder (`hashDomain`, `hashStruct`, `hashTypedData`, …) and the typed-data shape. */
export const TypedData = TypedDataModule
export type TypedData = Types.TypedData
/** Signers (`fromPrivateKey`, `fromViem`, `fromEthers`, `recoverDigest`) and the signer interface. */
export const Signer = SignerModule
export type Signer = Types.Signer
export type { EthersSignerLike, LocalSigner, ViemWalletClientLike } from './signer.js'
export type { TypedDataDomain, TypedDataField, TypedDataTypes } from './typed-data.js'
