/**
 * Order EIP-712 typed data and order hash (PROTOCOL.md §2.3, §2.7) and signing for signature
 * types 0–3 (§2.5, §2.6; POLY_1271 through `Poly1271`). Published as part of `./order`.
 * @module
 */
import * as Addr from './address.js'
import { ClobError } from './errors.js'
import { fromBytes, isHex } from './hex.js'
import type { BuiltOrder } from './order-build.js'
import {
  checkDomain,
  checkOrder,
  invalid,
  pick,
  V1_KEYS,
  V2_KEYS,
  V2_MESSAGE_KEYS,
} from './order-validate.js'
import * as Poly1271 from './poly1271.js'
import { hashExchangeDomain, hashOrder, orderV1Types, orderV2Types, digest as typedDigest } from './struct.js'
import type { ExchangeDomain, Hex, SignedOrder, Signer, TypedData, UnsignedOrder } from './types.js'

/** The typed-data message: the struct's fields, `side` as 0/1. */
export function messageOf(order: UnsignedOrder, v: 1 | 2): Record<string, unknown> {
  const m = pick(order, v === 1 ? V1_KEYS : V2_MESSAGE_KEYS)
  m.side = order.side === 'BUY' ? 0 : 1
  return m
}

/**
 * The EIP-712 typed data of an order, as the official client hands it to viem: domain,
 * `types: { Order }` for the order's schema, `primaryType: 'Order'`, and the message with
 * `side` as 0/1 (§2.3, §2.5). POLY_1271 signers sign `Poly1271.typedData` instead.
 *
 * @example
 * ```ts
 * const td = Order.typedData(built.order, built.domain)
 * await viemWallet.signTypedData({ account, ...td })
 * ```
 */
export function typedData(order: UnsignedOrder, domain: ExchangeDomain): TypedData {
  const v = checkOrder(order)
  const d = checkDomain(domain, v)
  return {
    domain: { name: d.name, version: d.version, chainId: d.chainId, verifyingContract: d.verifyingContract },
    types: v === 1 ? orderV1Types : orderV2Types,
    primaryType: 'Order',
    message: messageOf(order, v),
  }
}

export function digestOf(
  order: UnsignedOrder,
  domain: ExchangeDomain,
): { digest: Uint8Array; structHash: Uint8Array; sep: Uint8Array; v: 1 | 2 } {
  const v = checkOrder(order)
  const sep = hashExchangeDomain(checkDomain(domain, v))
  const structHash = hashOrder(order as unknown as Record<string, unknown>, v)
  return { digest: typedDigest(sep, structHash), structHash, sep, v }
}

/**
 * The order hash = order ID (PROTOCOL.md §2.7): the EIP-712 hash of the `Order` under
 * the exchange domain. For POLY_1271 orders too (not the `TypedDataSign` digest).
 *
 * @example
 * ```ts
 * Order.hash(built.order, built.domain) // '0x…' (32 bytes)
 * ```
 */
export function hash(order: UnsignedOrder, domain: ExchangeDomain): Hex {
  return fromBytes(digestOf(order, domain).digest)
}

function checkSignatureHex(value: unknown, bytes: number): Hex {
  if (!isHex(value, { bytes })) {
    throw new ClobError('INVALID_SIGNATURE', `expected a ${bytes}-byte hex signature`)
  }
  return value.toLowerCase() as Hex
}

/**
 * Signs a built order (PROTOCOL.md §2.5, §2.6). For signature types 0–2 the signer's
 * address must equal `order.signer` (case-insensitive) or `SIGNER_MISMATCH` is thrown;
 * for POLY_1271 the signer (the wallet owner) signs the `TypedDataSign` digest and the
 * result is the 317-byte wrapper. Uses `signer.signDigest` when present, else
 * `signer.signTypedData`. Returns the order with `signature` appended (key order kept).
 *
 * @example
 * ```ts
 * const signer = Signer.fromPrivateKey(process.env.PK!)
 * const signed = await Order.sign(Order.limit({ ...params, signer: signer.address }), signer)
 * ```
 */
export async function sign(built: BuiltOrder, signer: Signer): Promise<SignedOrder> {
  if (typeof built !== 'object' || built === null) invalid('INVALID_ORDER', 'built', 'expected an object')
  if (typeof signer !== 'object' || signer === null || typeof signer.signTypedData !== 'function') {
    invalid('SIGNER_MISMATCH', 'signer', 'expected a Signer')
  }
  const { order, domain } = built
  const { digest, structHash, sep, v } = digestOf(order, domain)
  const fast = typeof signer.signDigest === 'function'
  let signature: Hex
  if (order.signatureType !== 3) {
    if (!Addr.equal(signer.address, order.signer)) {
      invalid('SIGNER_MISMATCH', 'signer', 'the signer address must equal order.signer')
    }
    signature = checkSignatureHex(
      fast ? await signer.signDigest!(digest) : await signer.signTypedData(typedData(order, domain)),
      65,
    )
  } else {
    const inner = fast
      ? await signer.signDigest!(
          Poly1271.digest({
            domainSeparator: sep,
            contentsHash: structHash,
            chainId: domain.chainId,
            wallet: order.signer,
          }),
        )
      : await signer.signTypedData(Poly1271.typedData({ domain, contents: messageOf(order, v) }))
    signature = Poly1271.wrap({
      innerSignature: checkSignatureHex(inner, 65),
      domainSeparator: sep,
      contentsHash: structHash,
    })
  }
  return pick(order, v === 1 ? V1_KEYS : V2_KEYS, signature) as unknown as SignedOrder
}
