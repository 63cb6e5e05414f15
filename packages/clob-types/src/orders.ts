/**
 * Orders: the exact `POST /order(s)` bodies for V1 and V2/V3 orders, order
 * responses, open orders, cancels and scoring (PROTOCOL.md §5.3, §5.4, §5.5, §5.7).
 *
 * Request bodies are strict (exact key sets, so a V2 order carrying `taker`, `nonce`
 * or `feeRateBps` is rejected); responses are loose (unknown keys are kept).
 * @module
 */
import * as z from 'zod/mini'
import {
  AddressSchema,
  Bytes32OrEmptySchema,
  Bytes32Schema,
  DecimalStringOrEmptySchema,
  DecimalStringSchema,
  HexSchema,
  NonEmptyStringSchema,
  OrderTypeSchema,
  oneOf,
  pageSchema,
  SideSchema,
  SignatureTypeSchema,
  Uint256StringSchema,
  UintSchema,
} from './common.js'
import { MAX_BATCH_ORDERS } from './constants.js'
import { InsertStatusOrEmptySchema, OpenOrderStatusSchema } from './errors.js'

/** `salt` is a JSON number and must stay ≤ 2^53−1 (§2.4). */
const SaltSchema = UintSchema

/** The signed V1 order as posted (§5.4): uint256 fields are decimal strings, `salt` a number. */
export const OrderV1WireSchema = /* @__PURE__ */ z.strictObject({
  salt: SaltSchema,
  maker: AddressSchema,
  signer: AddressSchema,
  taker: AddressSchema,
  tokenId: Uint256StringSchema,
  makerAmount: Uint256StringSchema,
  takerAmount: Uint256StringSchema,
  side: SideSchema,
  expiration: Uint256StringSchema,
  nonce: Uint256StringSchema,
  feeRateBps: Uint256StringSchema,
  // POLY_1271 (3) does not exist for V1 orders (§2.1).
  signatureType: /* @__PURE__ */ oneOf([0, 1, 2]),
  signature: HexSchema,
})
export type OrderV1Wire = z.infer<typeof OrderV1WireSchema>

/**
 * The signed V2/V3 order as posted (§5.4). `expiration` is posted but not signed; there
 * is no `taker`, `nonce` or `feeRateBps`.
 */
export const OrderV2WireSchema = /* @__PURE__ */ z.strictObject({
  salt: SaltSchema,
  maker: AddressSchema,
  signer: AddressSchema,
  tokenId: Uint256StringSchema,
  makerAmount: Uint256StringSchema,
  takerAmount: Uint256StringSchema,
  side: SideSchema,
  signatureType: SignatureTypeSchema,
  timestamp: Uint256StringSchema,
  expiration: Uint256StringSchema,
  metadata: Bytes32Schema,
  builder: Bytes32Schema,
  signature: HexSchema,
})
export type OrderV2Wire = z.infer<typeof OrderV2WireSchema>

const postOnlyRule = /* @__PURE__ */ z.refine<{ orderType: string; postOnly?: boolean | undefined }>(
  (body) => body.postOnly !== true || body.orderType === 'GTC' || body.orderType === 'GTD',
  { message: 'postOnly is not supported for FOK/FAK orders', path: ['postOnly'] },
)

function newOrderSchema<O extends z.ZodMiniType>(order: O) {
  return z
    .strictObject({
      order,
      owner: NonEmptyStringSchema,
      orderType: OrderTypeSchema,
      deferExec: z.optional(z.boolean()),
      postOnly: z.optional(z.boolean()),
    })
    .check(postOnlyRule)
}

/** `POST /order` body for a V1 order. `owner` is the API key, not an address. */
export const NewOrderV1Schema = /* @__PURE__ */ newOrderSchema(OrderV1WireSchema)
export type NewOrderV1 = z.infer<typeof NewOrderV1Schema>

/** `POST /order` body for a V2/V3 order. */
export const NewOrderV2Schema = /* @__PURE__ */ newOrderSchema(OrderV2WireSchema)
export type NewOrderV2 = z.infer<typeof NewOrderV2Schema>

/** `POST /order` body, V1 or V2/V3 (told apart by the order's key set, as clients do). */
export const NewOrderSchema = /* @__PURE__ */ z.union([NewOrderV2Schema, NewOrderV1Schema])
export type NewOrder = z.infer<typeof NewOrderSchema>

/** `POST /orders` body: 1 to 15 orders (DOCS). */
export const NewOrdersSchema = /* @__PURE__ */ z.array(NewOrderSchema).check(
  /* @__PURE__ */ z.refine((orders) => orders.length >= 1 && orders.length <= MAX_BATCH_ORDERS, {
    message: 'expected 1 to 15 orders',
  }),
)
export type NewOrders = z.infer<typeof NewOrdersSchema>

const hashList = /* @__PURE__ */ z.optional(
  /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.array(Bytes32Schema)),
)

/**
 * `POST /order` response (§5.4). The error text is `errorMsg` (DOCS, TS) or
 * `error_msg` (an RS mock); hashes are `transactionsHashes` or `transaction_hashes`.
 * Read them with {@link orderErrorMessage} and {@link orderTransactionHashes}.
 * A failed insert has `orderID: ""` and amounts may be `""`.
 */
export const OrderResponseSchema = /* @__PURE__ */ z.looseObject({
  success: /* @__PURE__ */ z.boolean(),
  errorMsg: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  error_msg: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  orderID: Bytes32OrEmptySchema,
  status: /* @__PURE__ */ z.optional(InsertStatusOrEmptySchema),
  makingAmount: /* @__PURE__ */ z.optional(DecimalStringOrEmptySchema),
  takingAmount: /* @__PURE__ */ z.optional(DecimalStringOrEmptySchema),
  transactionsHashes: hashList,
  transaction_hashes: hashList,
  tradeIDs: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.array(/* @__PURE__ */ z.string())),
  ),
})
export type OrderResponse = z.infer<typeof OrderResponseSchema>

/** `POST /orders` response: one per input, same order. */
export const OrderResponsesSchema = /* @__PURE__ */ z.array(OrderResponseSchema)
export type OrderResponses = z.infer<typeof OrderResponsesSchema>

/** The insert error text of an order response, from `errorMsg` or `error_msg` (`""` when none). */
export function orderErrorMessage(response: OrderResponse): string {
  return response.errorMsg || response.error_msg || ''
}

/** The transaction hashes of an order response, from `transactionsHashes` or `transaction_hashes`. */
export function orderTransactionHashes(response: OrderResponse): string[] {
  return response.transactionsHashes ?? response.transaction_hashes ?? []
}

/** `DELETE /order` body. The key is `orderID` (§8 item 12). */
export const CancelOrderRequestSchema = /* @__PURE__ */ z.strictObject({ orderID: Bytes32Schema })
export type CancelOrderRequest = z.infer<typeof CancelOrderRequestSchema>

/** `DELETE /orders` body: order ids. */
export const CancelOrdersRequestSchema = /* @__PURE__ */ z.array(Bytes32Schema)
export type CancelOrdersRequest = z.infer<typeof CancelOrdersRequestSchema>

/** `DELETE /cancel-market-orders` body. */
export const CancelMarketOrdersRequestSchema = /* @__PURE__ */ z.strictObject({
  market: /* @__PURE__ */ z.optional(Bytes32Schema),
  asset_id: /* @__PURE__ */ z.optional(Uint256StringSchema),
})
export type CancelMarketOrdersRequest = z.infer<typeof CancelMarketOrdersRequestSchema>

/**
 * Response of every cancel endpoint: `{canceled: ids, not_canceled: {id: reason}}`.
 * Either may be `null` or absent when empty (RS client).
 */
export const CancelResponseSchema = /* @__PURE__ */ z.looseObject({
  canceled: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(/* @__PURE__ */ z.array(Bytes32Schema))),
  not_canceled: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.nullable(
      /* @__PURE__ */ z.record(/* @__PURE__ */ z.string(), /* @__PURE__ */ z.string()),
    ),
  ),
})
export type CancelResponse = z.infer<typeof CancelResponseSchema>

/** `GET /data/order/{id}` and the items of `GET /data/orders` (§5.7). */
export const OpenOrderSchema = /* @__PURE__ */ z.looseObject({
  id: Bytes32Schema,
  status: OpenOrderStatusSchema,
  owner: /* @__PURE__ */ z.string(),
  maker_address: AddressSchema,
  market: Bytes32Schema,
  asset_id: Uint256StringSchema,
  side: SideSchema,
  original_size: DecimalStringSchema,
  size_matched: DecimalStringSchema,
  price: DecimalStringSchema,
  associate_trades: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.array(/* @__PURE__ */ z.string())),
  outcome: /* @__PURE__ */ z.string(),
  created_at: /* @__PURE__ */ z.number(),
  expiration: Uint256StringSchema,
  order_type: OrderTypeSchema,
})
export type OpenOrder = z.infer<typeof OpenOrderSchema>

/** A page of `GET /data/orders` or `GET /data/pre-migration-orders`. */
export const OpenOrdersPageSchema = /* @__PURE__ */ pageSchema(OpenOrderSchema)
export type OpenOrdersPage = z.infer<typeof OpenOrdersPageSchema>

/** `GET /order-scoring` → `{scoring}`. */
export const OrderScoringResponseSchema = /* @__PURE__ */ z.looseObject({
  scoring: /* @__PURE__ */ z.boolean(),
})
export type OrderScoringResponse = z.infer<typeof OrderScoringResponseSchema>

/** `POST /orders-scoring` body: order ids. */
export const OrdersScoringRequestSchema = /* @__PURE__ */ z.array(NonEmptyStringSchema)
export type OrdersScoringRequest = z.infer<typeof OrdersScoringRequestSchema>

/** `POST /orders-scoring` → `{orderId: boolean}`. */
export const OrdersScoringResponseSchema = /* @__PURE__ */ z.record(
  /* @__PURE__ */ z.string(),
  /* @__PURE__ */ z.boolean(),
)
export type OrdersScoringResponse = z.infer<typeof OrdersScoringResponseSchema>
