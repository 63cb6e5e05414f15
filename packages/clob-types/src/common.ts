/**
 * Primitive wire formats shared by every schema group: decimal strings, addresses,
 * hex, bytes32, uint256 strings, the enum schemas of `constants.ts`, and the cursor
 * page envelope (PROTOCOL.md §0, §2.1, §5.0).
 *
 * Amounts and prices stay decimal strings: no schema converts them to numbers.
 * @module
 */
import * as z from 'zod/mini'
import {
  AssetType,
  Chain,
  OrderType,
  PriceHistoryInterval,
  Side,
  SignatureType,
  TickSizes,
  TraderSide,
} from './constants.js'

/** Initial pagination cursor, base64 of "0" (§5.0). */
export const INITIAL_CURSOR = 'MA=='
/** End-of-pages sentinel, base64 of "-1" (§5.0). */
export const END_CURSOR = 'LTE='

/** A plain decimal string such as `"0.5"`, `"100"` or `"-0.01"` (no exponent, no spaces). */
export const DecimalStringSchema = /* @__PURE__ */ z.stringFormat('decimal', /^-?\d+(?:\.\d+)?$/)
export type DecimalString = z.infer<typeof DecimalStringSchema>

/** A decimal string or `""`, which the server sends for "no value" (e.g. `makingAmount`, `last_trade_price`). */
export const DecimalStringOrEmptySchema = /* @__PURE__ */ z.stringFormat(
  'decimal_or_empty',
  /^(?:-?\d+(?:\.\d+)?)?$/,
)
export type DecimalStringOrEmpty = z.infer<typeof DecimalStringOrEmptySchema>

/** A non-negative integer as a decimal string, at most 78 digits (fits uint256): token ids, base-unit amounts. */
export const Uint256StringSchema = /* @__PURE__ */ z.stringFormat('uint256', /^\d{1,78}$/)
export type Uint256String = z.infer<typeof Uint256StringSchema>

/** A 20-byte 0x-address in any case (the checksum is not verified here). */
export const AddressSchema = /* @__PURE__ */ z.stringFormat('address', /^0x[0-9a-fA-F]{40}$/)
export type Address = z.infer<typeof AddressSchema>

/** 0x-prefixed hex with an even number of digits (`"0x"` allowed). */
export const HexSchema = /* @__PURE__ */ z.stringFormat('hex', /^0x(?:[0-9a-fA-F]{2})*$/)
export type Hex = z.infer<typeof HexSchema>

/** 32 bytes as 0x-hex: condition ids, order ids (hashes), transaction hashes, metadata, builder codes. */
export const Bytes32Schema = /* @__PURE__ */ z.stringFormat('bytes32', /^0x[0-9a-fA-F]{64}$/)
export type Bytes32 = z.infer<typeof Bytes32Schema>

/** bytes32 or `""` (e.g. the `orderID` of a failed insert, a not-yet-mined `transaction_hash`). */
export const Bytes32OrEmptySchema = /* @__PURE__ */ z.stringFormat(
  'bytes32_or_empty',
  /^(?:0x[0-9a-fA-F]{64})?$/,
)
export type Bytes32OrEmpty = z.infer<typeof Bytes32OrEmptySchema>

const DECIMAL = /^-?\d+(?:\.\d+)?$/

/** A value the server sends as a JSON number in some responses and as a decimal string in others. */
export const NumericSchema = /* @__PURE__ */ z.custom<number | string>(
  (value) =>
    typeof value === 'number' ? Number.isFinite(value) : typeof value === 'string' && DECIMAL.test(value),
  'expected a number or a decimal string',
)
export type Numeric = z.infer<typeof NumericSchema>

/** A JSON number that is a safe integer (≤ 2^53−1 in magnitude). */
export const SafeIntSchema = /* @__PURE__ */ z.custom<number>(
  (value) => Number.isSafeInteger(value),
  'expected a safe integer',
)

/** A non-negative safe integer. */
export const UintSchema = /* @__PURE__ */ z.custom<number>(
  (value) => Number.isSafeInteger(value) && (value as number) >= 0,
  'expected a non-negative safe integer',
)

/** A timestamp the sources show as a string in some places and a number in others. */
export const StringOrNumberSchema = /* @__PURE__ */ z.custom<string | number>(
  (value) => typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)),
  'expected a string or a number',
)

/** A string with at least one character (ids, keys). */
export const NonEmptyStringSchema = /* @__PURE__ */ z.stringFormat('non_empty', /^[\s\S]+$/)

function show(value: string | number): string {
  return typeof value === 'string' ? `"${value}"` : String(value)
}

/**
 * A schema for exactly one of `values`. Built on `z.custom` rather than `z.enum` so
 * every enum of this package shares one small validator (a few hundred bytes less in
 * a bundle).
 */
export function oneOf<const T extends readonly (string | number)[]>(values: T) {
  return z.custom<T[number]>(
    (value) => values.includes(value as T[number]),
    `expected one of ${values.map(show).join(', ')}`,
  )
}

/**
 * A string enum accepted in upper or lower case, for fields the server is known to
 * send in either case (order and trade statuses). The value is kept as received.
 */
export function anyCaseOf<const T extends readonly string[]>(values: T) {
  return z.custom<T[number] | Uppercase<T[number]> | Lowercase<T[number]>>(
    (value) =>
      typeof value === 'string' &&
      (values.includes(value.toUpperCase()) || values.includes(value.toLowerCase())),
    `expected one of ${values.map(show).join(', ')} (any case)`,
  )
}

export const SideSchema = /* @__PURE__ */ oneOf(/* @__PURE__ */ Object.values(Side))
export const OrderTypeSchema = /* @__PURE__ */ oneOf(/* @__PURE__ */ Object.values(OrderType))
export const SignatureTypeSchema = /* @__PURE__ */ oneOf(/* @__PURE__ */ Object.values(SignatureType))
export const TickSizeSchema = /* @__PURE__ */ oneOf(TickSizes)
export const ChainIdSchema = /* @__PURE__ */ oneOf(/* @__PURE__ */ Object.values(Chain))
export const AssetTypeSchema = /* @__PURE__ */ oneOf(/* @__PURE__ */ Object.values(AssetType))
export const TraderSideSchema = /* @__PURE__ */ oneOf(/* @__PURE__ */ Object.values(TraderSide))
export const PriceHistoryIntervalSchema = /* @__PURE__ */ oneOf(
  /* @__PURE__ */ Object.values(PriceHistoryInterval),
)

/**
 * A cursor page `{data, next_cursor, limit?, count?}` of `item` (§5.0). `limit` and
 * `count` are optional because some servers omit them (`{data: [], next_cursor: "LTE="}`).
 *
 * @example
 * ```ts
 * const TradesPageSchema = pageSchema(TradeSchema)
 * ```
 */
export function pageSchema<T extends z.ZodMiniType>(item: T) {
  return z.looseObject({
    data: z.array(item),
    next_cursor: z.string(),
    limit: z.optional(z.number()),
    count: z.optional(z.number()),
  })
}

/** The output type of {@link pageSchema}. */
export type Page<T> = {
  data: T[]
  next_cursor: string
  limit?: number | undefined
  count?: number | undefined
  [key: string]: unknown
}
