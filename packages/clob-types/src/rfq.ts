/**
 * RFQ request and quote bodies (PROTOCOL.md §5.8; PYv2 and TSv1 only). Collateral is
 * asset id `"0"`; `userType` is the client's signature type. The sources show the
 * request bodies but few responses, so these schemas are loose.
 * @module
 */
import * as z from 'zod/mini'
import {
  AddressSchema,
  HexSchema,
  NonEmptyStringSchema,
  NumericSchema,
  oneOf,
  SideSchema,
  SignatureTypeSchema,
  Uint256StringSchema,
  UintSchema,
} from './common.js'

const IdSchema = NonEmptyStringSchema
const UserTypeSchema = SignatureTypeSchema

/** `POST /rfq/request` body. For BUY: `assetIn` = token, `amountIn` = shares, `assetOut` = "0". */
export const RfqRequestBodySchema = /* @__PURE__ */ z.looseObject({
  assetIn: Uint256StringSchema,
  assetOut: Uint256StringSchema,
  amountIn: NumericSchema,
  amountOut: NumericSchema,
  userType: UserTypeSchema,
})
export type RfqRequestBody = z.infer<typeof RfqRequestBodySchema>

/** `POST /rfq/quote` body. */
export const RfqQuoteBodySchema = /* @__PURE__ */ z.looseObject({
  requestId: IdSchema,
  assetIn: Uint256StringSchema,
  assetOut: Uint256StringSchema,
  amountIn: NumericSchema,
  amountOut: NumericSchema,
  userType: UserTypeSchema,
})
export type RfqQuoteBody = z.infer<typeof RfqQuoteBodySchema>

/** `DELETE /rfq/request` body. */
export const RfqCancelRequestBodySchema = /* @__PURE__ */ z.looseObject({ requestId: IdSchema })
export type RfqCancelRequestBody = z.infer<typeof RfqCancelRequestBodySchema>

/** `DELETE /rfq/quote` body. */
export const RfqCancelQuoteBodySchema = /* @__PURE__ */ z.looseObject({ quoteId: IdSchema })
export type RfqCancelQuoteBody = z.infer<typeof RfqCancelQuoteBodySchema>

/**
 * `POST /rfq/request/accept` and `/rfq/quote/approve` body: a **V1** order flattened
 * into the body next to `requestId`, `quoteId` and `owner`; `expiration` is a number.
 */
export const RfqAcceptBodySchema = /* @__PURE__ */ z.looseObject({
  requestId: IdSchema,
  quoteId: IdSchema,
  owner: IdSchema,
  salt: /* @__PURE__ */ z.union([UintSchema, Uint256StringSchema]),
  maker: AddressSchema,
  signer: AddressSchema,
  taker: AddressSchema,
  tokenId: Uint256StringSchema,
  makerAmount: Uint256StringSchema,
  takerAmount: Uint256StringSchema,
  expiration: /* @__PURE__ */ z.number(),
  nonce: Uint256StringSchema,
  feeRateBps: Uint256StringSchema,
  side: SideSchema,
  signatureType: /* @__PURE__ */ oneOf([0, 1, 2]),
  signature: HexSchema,
})
export type RfqAcceptBody = z.infer<typeof RfqAcceptBodySchema>

/** Response of `POST /rfq/request` (RS): `{requestId, expiry}`. */
export const RfqCreateRequestResponseSchema = /* @__PURE__ */ z.looseObject({
  requestId: IdSchema,
  expiry: /* @__PURE__ */ z.number(),
})
export type RfqCreateRequestResponse = z.infer<typeof RfqCreateRequestResponseSchema>

/** Response of `POST /rfq/quote` (RS): `{quoteId}`. */
export const RfqCreateQuoteResponseSchema = /* @__PURE__ */ z.looseObject({ quoteId: IdSchema })
export type RfqCreateQuoteResponse = z.infer<typeof RfqCreateQuoteResponseSchema>
