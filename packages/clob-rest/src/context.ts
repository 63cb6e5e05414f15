/**
 * The state a client binds: host, chain, signer, credentials, transport, clocks
 * and the market-info cache. Resource functions take it as their first argument.
 * @module
 */
import type { Address, ChainId, Hex, SignatureType, Signer } from '@clobkit/eip712-order'
import type { ApiCredentials } from '@clobkit/l2-auth'
import { credentialsRequired, signerRequired } from './errors.js'
import type { MarketInfoCache } from './market-cache.js'
import type { RequestContext } from './transport.js'

export interface ClientContext extends RequestContext {
  readonly chainId: ChainId
  readonly signer: Signer | undefined
  readonly credentials: ApiCredentials | undefined
  /** The EOA address sent as `POLY_ADDRESS` (the signer's, or given explicitly for read-only use). */
  readonly address: Address | undefined
  readonly signatureType: SignatureType
  /** The funder (maker) address: proxy, safe or deposit wallet. */
  readonly funder: Address | undefined
  /** Default builder code (bytes32) for V2/V3 orders. */
  readonly builderCode: Hex | undefined
  /** Percent padding of the platform fee in fee-aware BUY sizing (§3.9). */
  readonly feeSlippage: number
  readonly marketInfo: MarketInfoCache
  /** Salt generator override (tests); default `Salt.generate()`. */
  readonly salt: (() => string) | undefined
}

export function requireSigner(ctx: ClientContext, operation: string): Signer {
  if (ctx.signer === undefined) throw signerRequired(operation)
  return ctx.signer
}

export function requireCredentials(ctx: ClientContext, operation: string): ApiCredentials {
  if (ctx.credentials === undefined) throw credentialsRequired(operation)
  return ctx.credentials
}
