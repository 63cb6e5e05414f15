/**
 * Order-signature verification against cached public keys.
 *
 * Recovering a public key from every order (`Order.verify`, pure JS) dominated the
 * sim's order path. The sim knows which EOA must have signed: the API key's owner.
 * So the first accepted order of an owner goes through `Order.verify` as before, and
 * its public key is then recovered once more (here) and kept only if it hashes to that
 * owner's address. Later orders of that owner are checked against the cached key with
 * the same rules as `Order.verify` + the sim's signer check:
 *
 * - types 0–2: `signer` is the key's address (and `maker == signer` for EOA orders);
 * - POLY_1271: `signer == maker`, the wrapper's domain separator, contents hash and
 *   contents type match the order and domain, and its inner signature is by the owner;
 * - the ECDSA signature is 65 bytes, v ∈ {27, 28} (or 0/1), 1 ≤ r < n, 1 ≤ s ≤ n/2
 *   (low s), and recovering a key from it over the digest gives exactly the cached key
 *   (the check is R = u1·G + u2·Q with R's y parity taken from v, which is that).
 *
 * Anything that does not pass falls back to the full `Order.verify` path, so rejections
 * keep their codes and messages. Entries are looked up by the calling key's owner
 * only, so one key's signer never verifies against another owner's cache entry. The
 * cache is an LRU bounded in entries and in precomputed tables.
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
  TypedData,
} from '@clobkit/eip712-order'
import { Curve, N } from './secp256k1.js'

export interface SigCacheStats {
  /** Orders verified against a cached key. */
  hits: number
  /** Orders whose owner had no cached key (they took the full path). */
  misses: number
  /** Orders of a cached owner that failed the cached check (they took the full path). */
  fallbacks: number
  /** Keys learned after a full verification. */
  learned: number
  /** Precomputed key tables built. */
  tablesBuilt: number
  /** Entries dropped to stay within `maxKeys`. */
  evicted: number
}

interface Entry {
  readonly address: string
  readonly x: bigint
  readonly y: bigint
  slot: number
  uses: number
  lastUse: number
}

const HALF_N = N >> 1n
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
  readonly stats: SigCacheStats = { hits: 0, misses: 0, fallbacks: 0, learned: 0, tablesBuilt: 0, evicted: 0 }
  private readonly entries = new Map<string, Entry>()
  private readonly owners: (Entry | undefined)[]
  private curve: Curve | undefined
  private clock = 0
  private lastBuild = Number.NEGATIVE_INFINITY

  /**
   * @param maxKeys cached public keys (LRU)
   * @param maxTables keys with a precomputed table (~90 KB each); others verify by
   *   double-and-add, still far cheaper than recovery
   */
  constructor(
    readonly maxKeys = 1024,
    readonly maxTables = 32,
  ) {
    this.owners = new Array(maxTables).fill(undefined)
  }

  /** Number of cached keys. */
  get size(): number {
    return this.entries.size
  }

  /** Number of keys that hold a precomputed table. */
  get tables(): number {
    return this.owners.filter((o) => o !== undefined).length
  }

  /** Bytes of WebAssembly memory held (G table, key tables, scratch); bounded by `maxTables`. */
  get memoryBytes(): number {
    return this.curve?.memoryBytes ?? 0
  }

  /** True when the key of `address` (lowercase) is cached. */
  has(address: string): boolean {
    return this.entries.has(address)
  }

  private getCurve(): Curve {
    this.curve ??= new Curve(this.maxTables)
    return this.curve
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
        return this.ecdsa(entry, Hex.fromBytes(inner), parts.innerSignature) ? id : undefined
      }
      if (signer !== address) return undefined
      if (order.signatureType === 0 && String(order.maker).toLowerCase() !== signer) return undefined
      if (!SIG65.test(signature)) return undefined
      const id = Order.hash(order, domain).toLowerCase()
      return this.ecdsa(entry, id, signature) ? id : undefined
    } catch {
      return undefined
    }
  }

  /** `signature` (0x + 130 hex) over `digest` (0x + 64 hex) recovers to the entry's key. */
  private ecdsa(entry: Entry, digest: string, signature: string): boolean {
    if (!SIG65.test(signature)) return false
    const v = Number.parseInt(signature.slice(130, 132), 16)
    const recovery = v >= 27 ? v - 27 : v
    if (recovery !== 0 && recovery !== 1) return false
    const r = BigInt(`0x${signature.slice(2, 66)}`)
    const s = BigInt(`0x${signature.slice(66, 130)}`)
    if (r === 0n || r >= N || s === 0n || s > HALF_N) return false
    this.clock++
    entry.uses++
    entry.lastUse = this.clock
    if (entry.slot < 0 && entry.uses >= 2) this.assignTable(entry)
    return this.getCurve().verify(BigInt(digest), r, s, recovery, entry.slot, entry.x, entry.y)
  }

  /**
   * Gives a hot key a precomputed table: a free slot, or the least recently used
   * table of a key idle for a while. Rebuilds are rate-limited so that more hot keys
   * than slots cannot make every order rebuild one.
   */
  private assignTable(entry: Entry): void {
    let slot = this.owners.indexOf(undefined)
    if (slot < 0) {
      if (this.clock - this.lastBuild < 64) return
      let victim = 0
      for (let i = 1; i < this.owners.length; i++) {
        if ((this.owners[i] as Entry).lastUse < (this.owners[victim] as Entry).lastUse) victim = i
      }
      const old = this.owners[victim] as Entry
      if (this.clock - old.lastUse < 2 * this.maxTables) return
      old.slot = -1
      slot = victim
    }
    if (slot < 0 || slot >= this.maxTables) return
    this.getCurve().buildTable(slot, entry.x, entry.y)
    this.owners[slot] = entry
    entry.slot = slot
    this.lastBuild = this.clock
    this.stats.tablesBuilt++
  }

  /**
   * Learns the key of `address` (lowercase) from an order that the full path accepted
   * as signed by it (`Order.verify` ok and its signer, or POLY_1271 owner, is
   * `address`). The recovered key is kept only if it hashes to `address`.
   */
  learn(order: SignedOrder, domain: ExchangeDomain, address: string): void {
    if (this.entries.has(address)) return
    try {
      let digest: string
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
      const v = Number.parseInt(signature.slice(130, 132), 16)
      const recovery = v >= 27 ? v - 27 : v
      if (recovery !== 0 && recovery !== 1) return
      const key = this.getCurve().recover(
        BigInt(digest),
        BigInt(`0x${signature.slice(2, 66)}`),
        BigInt(`0x${signature.slice(66, 130)}`),
        recovery,
      )
      if (key === undefined) return
      const pub = `04${key.x.toString(16).padStart(64, '0')}${key.y.toString(16).padStart(64, '0')}`
      if (Address.fromPublicKey(Hex.toBytes(`0x${pub}`)).toLowerCase() !== address) return
      this.entries.set(address, { address, x: key.x, y: key.y, slot: -1, uses: 0, lastUse: this.clock })
      this.stats.learned++
      while (this.entries.size > this.maxKeys) this.evictOldest()
    } catch {
      // not cached: the full path keeps handling this owner
    }
  }

  private evictOldest(): void {
    const first = this.entries.keys().next()
    if (first.done) return
    const e = this.entries.get(first.value) as Entry
    this.entries.delete(first.value)
    if (e.slot >= 0) this.owners[e.slot] = undefined
    this.stats.evicted++
  }
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
