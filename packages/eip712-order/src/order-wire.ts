/**
 * The order POST body (PROTOCOL.md §5.4): `toWire` with TSv2's exact key orders and
 * `fromWire` for untrusted bodies. Published as part of `./order`.
 * @module
 */
import { isHex } from './hex.js'
import {
  checkOrder,
  checkSigned,
  invalid,
  pick,
  renamed,
  V1_KEYS,
  V2_KEYS,
  WIRE_V1_KEYS,
  WIRE_V2_KEYS,
} from './order-validate.js'
import * as Poly1271 from './poly1271.js'
import {
  type OrderType,
  OrderTypes,
  type SignedOrder,
  type SignedOrderV1,
  type SignedOrderV2,
} from './types.js'

/**
 * `order` of a V1 POST body (§5.4): `salt` is a JSON number.
 *
 * @example
 * ```ts
 * const wire = Order.toWire(signedV1, { owner }).order as Order.WireOrderV1
 * ```
 */
export interface WireOrderV1 extends Omit<SignedOrderV1, 'salt'> {
  readonly salt: number
}

/**
 * `order` of a V2/V3 POST body (§5.4): no taker, nonce or feeRateBps.
 *
 * @example
 * ```ts
 * const wire = Order.toWire(signedV2, { owner }).order as Order.WireOrderV2
 * wire.salt // a number
 * ```
 */
export interface WireOrderV2 extends Omit<SignedOrderV2, 'salt'> {
  readonly salt: number
}

/**
 * The `POST /order` body (one element of the `POST /orders` array), TSv2 key order.
 *
 * @example
 * ```ts
 * const bodies: Order.NewOrder[] = signed.map((s) => Order.toWire(s, { owner: creds.key }))
 * const body = JSON.stringify(bodies) // POST /orders
 * ```
 */
export interface NewOrder<O extends WireOrderV1 | WireOrderV2 = WireOrderV1 | WireOrderV2> {
  readonly deferExec: boolean
  readonly postOnly: boolean
  readonly order: O
  /** The API key (not an address). */
  readonly owner: string
  readonly orderType: OrderType
}

/**
 * Options of {@link toWire}.
 *
 * @example
 * ```ts
 * const options: Order.WireOptions = { owner: creds.key, orderType: 'GTD', postOnly: true }
 * ```
 */
export interface WireOptions {
  /** The API key. */
  readonly owner: string
  /** Default `GTC`. */
  readonly orderType?: OrderType | undefined
  /** Default false; only with GTC/GTD. */
  readonly postOnly?: boolean | undefined
  /** Default false. */
  readonly deferExec?: boolean | undefined
}

/**
 * A parsed and validated POST body.
 *
 * @example
 * ```ts
 * const parsed: Order.ParsedWire = Order.fromWire(requestBody)
 * ```
 */
export interface ParsedWire {
  readonly order: SignedOrder
  readonly owner: string
  readonly orderType: OrderType
  readonly postOnly: boolean
  readonly deferExec: boolean
}

const MAX_SALT = 9007199254740991n

function wireSalt(salt: string): number {
  if (BigInt(salt) > MAX_SALT) {
    invalid('INVALID_ORDER', 'salt', 'must be at most 2^53 - 1 (a JSON number)')
  }
  return Number(salt)
}

function checkBool(value: unknown, param: string): boolean {
  if (value !== undefined && typeof value !== 'boolean') invalid('INVALID_ORDER', param, 'expected a boolean')
  return value === true
}

/** The body fields around the order, validated as both directions need them. */
function wireOptions(
  o: Record<string, unknown>,
  defaultType?: OrderType,
): { owner: string; orderType: OrderType; postOnly: boolean; deferExec: boolean } {
  const owner = o.owner
  if (typeof owner !== 'string' || owner.length === 0 || owner.length > 256) {
    invalid('INVALID_ORDER', 'owner', 'expected the API key')
  }
  const orderType = (o.orderType === undefined ? defaultType : o.orderType) as OrderType
  if (!OrderTypes.includes(orderType)) invalid('INVALID_ORDER', 'orderType', 'expected GTC, GTD, FOK or FAK')
  const postOnly = checkBool(o.postOnly, 'postOnly')
  const deferExec = checkBool(o.deferExec, 'deferExec')
  if (postOnly && (orderType === 'FOK' || orderType === 'FAK')) {
    invalid('INVALID_POST_ONLY', 'postOnly', 'postOnly is not supported for FOK/FAK orders')
  }
  return { owner, orderType, postOnly, deferExec }
}

/**
 * The `POST /order` body object for a signed order (PROTOCOL.md §5.4), with TSv2's exact
 * key orders: `{deferExec, postOnly, order, owner, orderType}`, `order.salt` a JSON
 * number (`INVALID_ORDER` above 2^53−1), V1 or V2 fields by the order's shape.
 * `JSON.stringify` of it is the exact body; `POST /orders` sends an array of them.
 * `postOnly` with FOK/FAK throws `INVALID_POST_ONLY`.
 *
 * @example
 * ```ts
 * const body = JSON.stringify(Order.toWire(signed, { owner: creds.key, orderType: 'GTC' }))
 * ```
 */
export function toWire(signed: SignedOrder, options: WireOptions): NewOrder {
  if (typeof options !== 'object' || options === null)
    invalid('INVALID_ORDER', 'options', 'expected an object')
  const { owner, orderType, postOnly, deferExec } = wireOptions(
    options as unknown as Record<string, unknown>,
    'GTC',
  )
  const order = checkSigned(signed)
  const wire = pick(order, checkOrder(order) === 1 ? WIRE_V1_KEYS : WIRE_V2_KEYS)
  wire.salt = wireSalt(order.salt)
  return { deferExec, postOnly, order: wire as unknown as WireOrderV1 | WireOrderV2, owner, orderType }
}

function wireSaltIn(value: unknown): string {
  if (
    typeof value === 'number'
      ? Number.isSafeInteger(value) && value >= 0
      : typeof value === 'string' && /^[0-9]{1,16}$/.test(value) && BigInt(value) <= MAX_SALT
  ) {
    return String(BigInt(value as number | string))
  }
  return invalid('INVALID_ORDER', 'order.salt', 'expected an integer in [0, 2^53 - 1]')
}

/**
 * Parses and validates an untrusted `POST /order` body (an object, or its JSON text):
 * every field typed-checked (`INVALID_ORDER`, `INVALID_ADDRESS`, `INVALID_HEX`,
 * `INVALID_SIDE`, `INVALID_AMOUNT`, `INVALID_SIGNATURE`, `UNSUPPORTED_SIGNATURE_TYPE`,
 * `INVALID_POST_ONLY`, params prefixed `order.`), unknown order keys rejected, the
 * signature length checked for the signature type. Signatures are not verified here:
 * use {@link verify}.
 *
 * @example
 * ```ts
 * const { order, owner, orderType } = Order.fromWire(JSON.parse(body))
 * ```
 */
export function fromWire(json: unknown): ParsedWire {
  let body = json
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body)
    } catch {
      invalid('INVALID_ORDER', 'body', 'not valid JSON')
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    invalid('INVALID_ORDER', 'body', 'expected an object')
  const b = body as Record<string, unknown>
  const { owner, orderType, postOnly, deferExec } = wireOptions(b)
  const w = b.order as Record<string, unknown>
  if (typeof w !== 'object' || w === null || Array.isArray(w))
    invalid('INVALID_ORDER', 'order', 'expected an object')
  const isV2 = Object.hasOwn(w, 'timestamp') || Object.hasOwn(w, 'metadata') || Object.hasOwn(w, 'builder')
  const keys = isV2 ? WIRE_V2_KEYS : WIRE_V1_KEYS
  for (const key of Object.keys(w)) {
    if (!keys.includes(key))
      invalid('INVALID_ORDER', `order.${key}`, `unexpected field in a ${isV2 ? 'V2/V3' : 'V1'} order`)
  }
  for (const key of keys) {
    if (!Object.hasOwn(w, key) || w[key] === undefined)
      invalid('INVALID_ORDER', `order.${key}`, 'missing field')
  }
  const salt = wireSaltIn(w.salt)
  const order = pick(w, isV2 ? V2_KEYS : V1_KEYS, w.signature) as unknown as SignedOrder
  ;(order as { salt: string }).salt = salt
  const prefix = (param: string) => (param.startsWith('order.') ? undefined : `order.${param}`)
  renamed(() => checkOrder(order), prefix)
  const bytes = order.signatureType === 3 ? Poly1271.SIGNATURE_BYTES : 65
  if (!isHex(order.signature, { bytes })) {
    invalid('INVALID_SIGNATURE', 'order.signature', `expected ${bytes} bytes of 0x-prefixed hex`)
  }
  if (order.signatureType === 3) renamed(() => Poly1271.parse(order.signature), prefix)
  return { order, owner, orderType, postOnly, deferExec }
}
