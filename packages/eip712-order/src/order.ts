/**
 * Orders: building (PROTOCOL.md §2.4 fields and defaults, §2.9 exchange by version,
 * §2.10 V3 orders from exact amounts, §3 amounts via `Amounts`), EIP-712 typed data and
 * order hash (§2.3, §2.7), signing for signature types 0–3 (§2.5, §2.6), recovery and
 * verification, the V1 fee-rate rule (§3.9), and the POST body (§5.4).
 *
 * Orders are plain data with the official client's key order. Orders built here are
 * frozen and remembered, so signing them skips re-validation; any other object is
 * validated field by field with typed errors naming the field.
 *
 * This module is the `Order` namespace (and the `./order` subpath); each concept lives in
 * its own module: `order-build` (limit, market, fromAmounts, resolveFeeRateBps),
 * `order-validate` (version and the field checks), `order-hash` (typedData, hash, sign),
 * `order-verify` (recover, verify) and `order-wire` (toWire, fromWire).
 * @module
 */
export {
  type BuiltOrder,
  type CommonParams,
  type FeeOptions,
  type FromAmountsParams,
  fromAmounts,
  type IntegerInput,
  type LimitParams,
  limit,
  type MarketParams,
  market,
  resolveFeeRateBps,
} from './order-build.js'
export { hash, sign, typedData } from './order-hash.js'
export { version } from './order-validate.js'
export { recover, type VerifyFailure, type VerifyResult, verify } from './order-verify.js'
export {
  fromWire,
  type NewOrder,
  type ParsedWire,
  toWire,
  type WireOptions,
  type WireOrderV1,
  type WireOrderV2,
} from './order-wire.js'
