/**
 * Order recovery and verification (PROTOCOL.md §2.5–§2.7): the EOA that signed, and a
 * never-throwing verdict on a signed order against a domain. Published as part of `./order`.
 * @module
 */
import * as Addr from './address.js'
import { InvalidParameterError, isClobError } from './errors.js'
import { fromBytes } from './hex.js'
import { digestOf } from './order-hash.js'
import { checkDomain, checkOrder, checkSigned } from './order-validate.js'
import * as Poly1271 from './poly1271.js'
import { recoverDigest } from './signer.js'
import type { Address, ExchangeDomain, SignedOrder } from './types.js'

/**
 * Why {@link verify} rejected an order.
 *
 * @example
 * ```ts
 * const r = Order.verify(signed, domain)
 * if (!r.ok && r.reason === 'SIGNER_MISMATCH') reject(r.message)
 * ```
 */
export type VerifyFailure =
  | 'INVALID_ORDER'
  | 'INVALID_SIGNATURE'
  | 'SIGNER_MISMATCH'
  | 'MAKER_MISMATCH'
  | 'DOMAIN_MISMATCH'
  | 'CONTENTS_MISMATCH'

/**
 * Result of {@link verify}; never thrown.
 *
 * @example
 * ```ts
 * const r: Order.VerifyResult = Order.verify(signed, domain)
 * if (r.ok) console.log(r.signer, r.owner)
 * ```
 */
export type VerifyResult =
  | {
      readonly ok: true
      /** The order's signer (EOA for types 0–2, the deposit wallet for POLY_1271), checksummed. */
      readonly signer: Address
      /** POLY_1271 only: the EOA that signed for the wallet (its owner must be checked on chain). */
      readonly owner?: Address
    }
  | { readonly ok: false; readonly reason: VerifyFailure; readonly message: string }

/** A POLY_1271 wrapper that does not match the order; `reason` is for {@link verify}. */
function mismatch(reason: VerifyFailure, message: string): never {
  throw new InvalidParameterError('INVALID_SIGNATURE', 'signature', message, { reason })
}

/**
 * Recovers the EOA that signed an order: for types 0–2 the ECDSA signer of the order
 * hash; for POLY_1271 the wallet owner, after checking that the wrapper's domain
 * separator, contents hash and contents type match this order and domain. Throws
 * `INVALID_SIGNATURE` otherwise.
 *
 * @example
 * ```ts
 * Order.recover(signed, built.domain) === signer.address // true
 * ```
 */
export function recover(signed: SignedOrder, domain: ExchangeDomain): Address {
  const order = checkSigned(signed)
  const { digest, structHash, sep } = digestOf(order, domain)
  if (order.signatureType !== 3) return recoverDigest(digest, order.signature)
  const parts = Poly1271.parse(order.signature)
  if (fromBytes(sep) !== parts.domainSeparator)
    mismatch('DOMAIN_MISMATCH', 'POLY_1271 domain separator does not match the domain')
  if (fromBytes(structHash) !== parts.contentsHash || parts.contentsType !== Poly1271.CONTENTS_TYPE) {
    mismatch('CONTENTS_MISMATCH', 'POLY_1271 contents hash or type does not match the order')
  }
  const d = Poly1271.digest({
    domainSeparator: sep,
    contentsHash: structHash,
    chainId: domain.chainId,
    wallet: order.signer,
  })
  return recoverDigest(d, parts.innerSignature)
}

function failure(reason: VerifyFailure, message: string): VerifyResult {
  return { ok: false, reason, message }
}

/**
 * Verifies a signed order against a domain without throwing (safe on hostile input):
 * - EOA (0): the signature recovers to `signer`, and `maker == signer` (on-chain rule;
 *   the official client can build EOA orders with a funder, which this reports);
 * - POLY_PROXY / POLY_GNOSIS_SAFE (1, 2): recovers to `signer` (wallet ownership is on chain);
 * - POLY_1271 (3): `signer == maker`, the wrapper matches the order and domain, and the
 *   inner signature recovers; `owner` is that EOA (its control of the wallet is on chain).
 *
 * @example
 * ```ts
 * const result = Order.verify(signed, Exchange.domain({ chainId: 137, version: 2, negRisk: false }))
 * if (!result.ok) console.log(result.reason)
 * ```
 */
export function verify(signed: SignedOrder, domain: ExchangeDomain): VerifyResult {
  try {
    let order: SignedOrder
    let v: 1 | 2
    try {
      order = checkSigned(signed)
      v = checkOrder(order)
    } catch (e) {
      return failure(
        isClobError(e) && e.code === 'INVALID_SIGNATURE' ? 'INVALID_SIGNATURE' : 'INVALID_ORDER',
        message(e),
      )
    }
    try {
      checkDomain(domain, v)
    } catch (e) {
      return failure('DOMAIN_MISMATCH', message(e))
    }
    const is1271 = order.signatureType === 3
    if (is1271 && !Addr.equal(order.signer, order.maker)) {
      return failure('MAKER_MISMATCH', 'POLY_1271 orders need signer == maker (the deposit wallet)')
    }
    const bytes = is1271 ? Poly1271.SIGNATURE_BYTES : 65
    if (order.signature.length !== 2 + 2 * bytes) {
      return failure('INVALID_SIGNATURE', `signatures of type ${order.signatureType} are ${bytes} bytes`)
    }
    let recovered: Address
    try {
      recovered = recover(order, domain)
    } catch (e) {
      const reason = isClobError(e) ? (e.details.reason as VerifyFailure | undefined) : undefined
      return failure(reason ?? 'INVALID_SIGNATURE', message(e))
    }
    if (is1271) return { ok: true, signer: Addr.checksum(order.signer), owner: recovered }
    if (!Addr.equal(recovered, order.signer)) {
      return failure('SIGNER_MISMATCH', 'the signature does not recover to order.signer')
    }
    if (order.signatureType === 0 && !Addr.equal(order.maker, order.signer)) {
      return failure('MAKER_MISMATCH', 'EOA orders need maker == signer')
    }
    return { ok: true, signer: recovered }
  } catch (e) {
    return failure('INVALID_ORDER', message(e))
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : 'invalid input'
}
