/**
 * Order-signature verification against cached public keys.
 *
 * The sim knows which EOA must have signed an order: the API key's owner. The first
 * accepted order of an owner goes through `Order.verify` as before, and its public key
 * is then recovered once more (here) and kept only if it hashes to that owner's
 * address. Later orders of that owner are checked against the cached key with the same
 * rules as `Order.verify` + the sim's signer check, skipping the address derivation and
 * the second order hash of the full path:
 *
 * - types 0–2: `signer` is the key's address (and `maker == signer` for EOA orders);
 * - POLY_1271: `signer == maker`, the wrapper's domain separator, contents hash and
 *   contents type match the order and domain, and its inner signature is by the owner;
 * - the ECDSA signature is 65 bytes, v ∈ {27, 28} (or 0/1), 1 ≤ r < n, 1 ≤ s ≤ n/2
 *   (low s), and the key recovered from it over the digest is exactly the cached key.
 *
 * Recovery is `Signer.recoverPublicKey` from eip712-order, the library the orders were
 * signed with: libsecp256k1 where its binding loads, noble otherwise. Anything that does
 * not pass falls back to the full `Order.verify` path, so rejections keep their codes and
 * messages. Entries are looked up by the calling key's owner only, so one key's signer
 * never verifies against another owner's cache entry. The cache is an LRU bounded in
 * entries.
 * @module
 */
import {
  Address,
  Exchange,
  type ExchangeDomain,
  Hex,
  Order,
  Poly1271,
  type SignedOrder,
  Signer,
  TypedData,
} from '@clobkit/eip712-order'

export interface SigCacheStats {
  /** Orders verified against a cached key. */
  hits: number
  /** Orders whose owner had no cached key (they took the full path). */
  misses: number
  /** Orders of a cached owner that failed the cached check (they took the full path). */
  fallbacks: number
  /** Keys learned after a full verification. */
  learned: number
  /** Entries dropped to stay within `maxKeys`. */
  evicted: number
}

interface Entry {
  readonly address: string
  /** The owner's uncompressed public key (65 bytes). */
  readonly key: Uint8Array
}

const SIG65 = /^0x[0-9a-fA-F]{130}$/
const SIG1271_LENGTH = 2 + 2 * Poly1271.SIGNATURE_BYTES

/**
 * A bounded public-key cache with fast verification.
 *
 * @example
 * ```ts
 * const cache = new SigCache()
 * const id = cache.verify(order, domain, auth.address) // the order hash, or undefined → full path
 * ```
 */
export class SigCache {
  readonly stats: SigCacheStats = { hits: 0, misses: 0, fallbacks: 0, learned: 0, evicted: 0 }
  private readonly entries = new Map<string, Entry>()

  /** @param maxKeys cached public keys (LRU) */
  constructor(readonly maxKeys = 1024) {}

  /** Number of cached keys. */
  get size(): number {
    return this.entries.size
  }

  /** True when the key of `address` (lowercase) is cached. */
  has(address: string): boolean {
    return this.entries.has(address)
  }

  /**
   * The order's id (lowercase order hash) when it verifies against the cached key of
   * `address` (the calling API key's owner, lowercase) under `domain`, with everything
   * `Order.verify` and the sim's signer check require; otherwise `undefined`, and the
   * caller takes the full path.
   */
  verify(order: SignedOrder, domain: ExchangeDomain, address: string): string | undefined {
    const entry = this.entries.get(address)
    if (entry === undefined) {
      this.stats.misses++
      return undefined
    }
    const id = this.check(order, domain, address, entry)
    if (id === undefined) {
      this.stats.fallbacks++
      return undefined
    }
    this.stats.hits++
    this.entries.delete(address)
    this.entries.set(address, entry)
    return id
  }

  private check(
    order: SignedOrder,
    domain: ExchangeDomain,
    address: string,
    entry: Entry,
  ): string | undefined {
    try {
      const signature = order.signature as unknown
      if (typeof signature !== 'string') return undefined
      const signer = String(order.signer).toLowerCase()
      if (order.signatureType === 3) {
        if (signer !== String(order.maker).toLowerCase()) return undefined
        if (signature.length !== SIG1271_LENGTH) return undefined
        const id = Order.hash(order, domain).toLowerCase()
        const parts = Poly1271.parse(signature)
        if (parts.contentsType !== Poly1271.CONTENTS_TYPE) return undefined
        const sep = Exchange.domainSeparator(domain).toLowerCase()
        if (parts.domainSeparator.toLowerCase() !== sep) return undefined
        // with the separator equal, this digest equals the order hash only when
        // contentsHash is the order's struct hash
        const contents = Hex.toBytes(parts.contentsHash)
        if (Hex.fromBytes(TypedData.digest(Hex.toBytes(sep), contents)).toLowerCase() !== id) return undefined
        const inner = Poly1271.digest({
          domainSeparator: sep as Hex,
          contentsHash: contents,
          chainId: domain.chainId,
          wallet: order.signer,
        })
        return this.ecdsa(entry, inner, parts.innerSignature) ? id : undefined
      }
      if (signer !== address) return undefined
      if (order.signatureType === 0 && String(order.maker).toLowerCase() !== signer) return undefined
      if (!SIG65.test(signature)) return undefined
      const id = Order.hash(order, domain).toLowerCase()
      return this.ecdsa(entry, id as Hex, signature) ? id : undefined
    } catch {
      return undefined
    }
  }

  /** `signature` (0x + 130 hex) over `digest` recovers to the entry's key. */
  private ecdsa(entry: Entry, digest: Uint8Array | Hex, signature: string): boolean {
    if (!SIG65.test(signature)) return false
    let key: Uint8Array
    try {
      // checks v, the ranges of r and s, and low s
      key = Signer.recoverPublicKey(digest, signature as Hex)
    } catch {
      return false
    }
    return equalBytes(key, entry.key)
  }

  /**
   * Learns the key of `address` (lowercase) from an order that the full path accepted
   * as signed by it (`Order.verify` ok and its signer, or POLY_1271 owner, is
   * `address`). The recovered key is kept only if it hashes to `address`.
   */
  learn(order: SignedOrder, domain: ExchangeDomain, address: string): void {
    if (this.entries.has(address)) return
    try {
      let digest: Hex
      let signature: string
      if (order.signatureType === 3) {
        const parts = Poly1271.parse(order.signature)
        digest = Hex.fromBytes(
          Poly1271.digest({
            domainSeparator: parts.domainSeparator,
            contentsHash: parts.contentsHash,
            chainId: domain.chainId,
            wallet: order.signer,
          }),
        )
        signature = parts.innerSignature
      } else {
        digest = Order.hash(order, domain)
        signature = order.signature
      }
      if (!SIG65.test(signature)) return
      const key = Signer.recoverPublicKey(digest, signature as Hex)
      if (Address.fromPublicKey(key).toLowerCase() !== address) return
      this.entries.set(address, { address, key })
      this.stats.learned++
      while (this.entries.size > this.maxKeys) this.evictOldest()
    } catch {
      // not cached: the full path keeps handling this owner
    }
  }

  private evictOldest(): void {
    const first = this.entries.keys().next()
    if (first.done) return
    this.entries.delete(first.value)
    this.stats.evicted++
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

const caches = new WeakMap<object, SigCache>()

/** The signature cache of a sim (one per state object). */
export function sigCacheOf(state: object): SigCache {
  let c = caches.get(state)
  if (c === undefined) {
    c = new SigCache()
    caches.set(state, c)
  }
  return c
}
