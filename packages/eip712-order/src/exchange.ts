/**
 * Exchange contracts and EIP-712 domains (PROTOCOL.md §1.3 contract table, §2.2 domains,
 * §2.9 choosing the exchange by order version, Appendix A separators).
 * Addresses keep the exact casing of the official client's config.
 * @module
 */
import { isAddress } from './address.js'
import { InvalidParameterError } from './errors.js'
import { fromBytes } from './hex.js'
import { hashExchangeDomain } from './struct.js'
import type { Address, ChainId, ExchangeDomain, ExchangeVersion, Hex } from './types.js'

/**
 * The §1.3 contract table for one chain.
 *
 * @example
 * ```ts
 * const { collateral, conditionalTokens }: Exchange.Contracts = Exchange.contracts(137)
 * ```
 */
export interface Contracts {
  /** Exchange V1 ("CTF Exchange"). */
  readonly exchange: Address
  /** Neg-risk exchange V1. */
  readonly negRiskExchange: Address
  readonly negRiskAdapter: Address
  readonly exchangeV2: Address
  readonly negRiskExchangeV2: Address
  /** One V3 contract for neg-risk and normal markets alike. */
  readonly exchangeV3: Address
  /** Collateral ("pUSD"). */
  readonly collateral: Address
  /** Gnosis conditional tokens (ERC-1155). */
  readonly conditionalTokens: Address
}

// The exchanges (what signing needs) apart from the other contracts, so a bundle that only
// builds domains keeps no other address: [V1, neg-risk V1, V2, neg-risk V2, V3] per chain.
const NEG_RISK_V1 = '0xC5d563A36AE78145C45a50134d48A1215220f80a'
const V2: readonly Address[] = [
  '0xE111180000d2663C0091e4f400237545B87B996B',
  '0xe2222d279d744050d28e00520010520000310F59',
]
const POLYGON_EXCHANGES: readonly Address[] = [
  '0x4bFb41d5B3570DeFd03C39a9A4D8dE6Bd8B8982E',
  NEG_RISK_V1,
  ...V2,
  '0xe3333700cA9d93003F00f0F71f8515005F6c00Aa',
]
const AMOY_EXCHANGES: readonly Address[] = [
  '0xdFE02Eb6733538f8Ea35D585af8DE5958AD99E40',
  NEG_RISK_V1,
  ...V2,
  '0x9fE6e61422AdB6F610d8597F9684b16912D50C3D',
]

function exchangesOf(chainId: unknown): readonly Address[] {
  if (chainId === 137) return POLYGON_EXCHANGES
  if (chainId === 80002) return AMOY_EXCHANGES
  throw new InvalidParameterError('UNSUPPORTED_CHAIN', 'chainId', 'expected 137 (Polygon) or 80002 (Amoy)', {
    chainId: typeof chainId === 'number' ? chainId : String(chainId),
  })
}

const tables = new Map<number, Contracts>()

/**
 * EIP-712 domain name of every exchange version.
 *
 * @example
 * ```ts
 * Exchange.domain({ chainId: 137, version: 2 }).name === Exchange.DOMAIN_NAME // true
 * ```
 */
export const DOMAIN_NAME = 'Polymarket CTF Exchange' as const

/**
 * The contract table (§1.3) for chain 137 (Polygon) or 80002 (Amoy). Throws
 * `UNSUPPORTED_CHAIN` (param `chainId`) for any other chain.
 *
 * @example
 * ```ts
 * Exchange.contracts(137).exchangeV2 // '0xE111180000d2663C0091e4f400237545B87B996B'
 * ```
 */
export function contracts(chainId: number): Contracts {
  const x = exchangesOf(chainId)
  let c = tables.get(chainId)
  if (c === undefined) {
    c = Object.freeze({
      exchange: x[0]!,
      negRiskExchange: x[1]!,
      negRiskAdapter: '0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296',
      exchangeV2: x[2]!,
      negRiskExchangeV2: x[3]!,
      exchangeV3: x[4]!,
      collateral: '0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB',
      conditionalTokens:
        chainId === 137
          ? '0x4D97DCd97eC945f40cF65F87097ACe5EA0476045'
          : '0x69308FB512518e39F9b16112fA8d994F4e2Bf8bB',
    })
    tables.set(chainId, c)
  }
  return c
}

/** Validates an exchange version (1, 2 or 3), throwing `UNSUPPORTED_VERSION`. */
function assertVersion(version: unknown, param = 'version'): asserts version is ExchangeVersion {
  if (version !== 1 && version !== 2 && version !== 3) {
    throw new InvalidParameterError('UNSUPPORTED_VERSION', param, 'expected order version 1, 2 or 3')
  }
}

/**
 * Which exchange: chain, order version and whether the market is neg-risk.
 *
 * @example
 * ```ts
 * const selector: Exchange.ExchangeSelector = { chainId: 137, version: 2, negRisk: true }
 * ```
 */
export interface ExchangeSelector {
  readonly chainId: ChainId | number
  readonly version: ExchangeVersion
  /** Ignored for version 3 (one contract). Default false. */
  readonly negRisk?: boolean | undefined
}

function negRiskOf(negRisk: unknown): boolean {
  if (negRisk === undefined) return false
  if (typeof negRisk !== 'boolean') {
    throw new InvalidParameterError('INVALID_ORDER', 'negRisk', 'expected a boolean')
  }
  return negRisk
}

/**
 * The exchange an order of this version is signed for (§2.9): V1 → `exchange` or
 * `negRiskExchange`; V2 → `exchangeV2` or `negRiskExchangeV2`; V3 → `exchangeV3`.
 *
 * @example
 * ```ts
 * Exchange.address({ chainId: 137, version: 2, negRisk: true }) // '0xe2222d279d744050d28e00520010520000310F59'
 * ```
 */
export function address(selector: ExchangeSelector): Address {
  if (typeof selector !== 'object' || selector === null) {
    throw new InvalidParameterError('UNSUPPORTED_CHAIN', 'chainId', 'expected {chainId, version, negRisk}')
  }
  const x = exchangesOf(selector.chainId)
  assertVersion(selector.version)
  const negRisk = negRiskOf(selector.negRisk)
  // V3: one contract for neg-risk and normal markets alike
  return x[selector.version === 3 ? 4 : 2 * selector.version - (negRisk ? 1 : 2)]!
}

/** The (at most ten) exchange domains, built on first use and shared (frozen). */
const domains = new Map<string, ExchangeDomain>()
const ownDomains = new WeakSet<object>()

/**
 * The EIP-712 domain of the exchange (§2.2), key order `name, version, chainId,
 * verifyingContract` as the official client builds it. The object is frozen and shared.
 *
 * @example
 * ```ts
 * Exchange.domain({ chainId: 80002, version: 3 })
 * // { name: 'Polymarket CTF Exchange', version: '3', chainId: 80002, verifyingContract: '0x9fE6e61422AdB6F610d8597F9684b16912D50C3D' }
 * ```
 */
export function domain(selector: ExchangeSelector): ExchangeDomain {
  const verifyingContract = address(selector)
  const key = `${selector.chainId}:${selector.version}:${verifyingContract}`
  let d = domains.get(key)
  if (d === undefined) {
    d = Object.freeze({
      name: DOMAIN_NAME,
      version: String(selector.version) as ExchangeDomain['version'],
      chainId: selector.chainId,
      verifyingContract,
    })
    domains.set(key, d)
    ownDomains.add(d)
  }
  return d
}

/** The first field of a domain that cannot be hashed as `EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)`. */
function badField(d: ExchangeDomain): string | undefined {
  if (typeof d.name !== 'string') return 'name'
  if (typeof d.version !== 'string') return 'version'
  if (!Number.isSafeInteger(d.chainId) || d.chainId < 0) return 'chainId'
  return isAddress(d.verifyingContract) ? undefined : 'verifyingContract'
}

/**
 * The domain separator as raw bytes, cached per (name, version, chainId, contract): the ten
 * exchange separators are each computed once, lazily. Throws `INVALID_TYPED_DATA` naming
 * the field (e.g. `domain.verifyingContract`) that is not a string, safe integer or address.
 *
 * @example
 * ```ts
 * Exchange.domainSeparatorBytes(Exchange.domain({ chainId: 137, version: 1 })) // Uint8Array(32)
 * ```
 */
export function domainSeparatorBytes(d: ExchangeDomain): Uint8Array {
  if (typeof d !== 'object' || d === null) {
    throw new InvalidParameterError('INVALID_ORDER', 'domain', 'expected an EIP-712 domain object')
  }
  const bad = ownDomains.has(d) ? undefined : badField(d)
  if (bad !== undefined) {
    throw new InvalidParameterError('INVALID_TYPED_DATA', `domain.${bad}`, 'not a valid EIP-712 domain field')
  }
  return hashExchangeDomain(d)
}

/**
 * The EIP-712 domain separator of an exchange domain (Appendix A).
 *
 * @example
 * ```ts
 * Exchange.domainSeparator(Exchange.domain({ chainId: 137, version: 1, negRisk: false }))
 * // '0x1a573e3617c78403b5b4b892827992f027b03d4eaf570048b8ee8cdd84d151be'
 * ```
 */
export function domainSeparator(d: ExchangeDomain): Hex {
  return fromBytes(domainSeparatorBytes(d))
}
