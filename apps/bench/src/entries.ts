/** Bundle entry points measured by `pnpm size` and `pnpm bench` (ESM source text). */

/**
 * Build + sign + wire body of one order: the whole signing path a browser app ships, imported
 * through the per-module subpaths (namespace imports shake per property; see the package README).
 */
export const SIGNING_ENTRY = `
import * as Order from '@clobkit/eip712-order/order'
import * as Signer from '@clobkit/eip712-order/signer'
export async function signOne(privateKey, tokenId) {
  const signer = Signer.fromPrivateKey(privateKey)
  const built = Order.limit({ chainId: 137, version: 2, negRisk: false, tickSize: '0.01', tokenId,
    side: 'BUY', price: '0.5', size: '10', signer: signer.address })
  const signed = await Order.sign(built, signer)
  return JSON.stringify(Order.toWire(signed, { owner: '00000000-0000-0000-0000-000000000000', orderType: 'GTC' }))
}
`

/** The signing path plus the L2 headers of the POST that sends it. */
export const SIGNING_WITH_L2_ENTRY = `
import * as Order from '@clobkit/eip712-order/order'
import * as Signer from '@clobkit/eip712-order/signer'
import * as Credentials from '@clobkit/l2-auth/credentials'
import * as Headers from '@clobkit/l2-auth/headers'
export async function postOne(privateKey, tokenId, creds) {
  const signer = Signer.fromPrivateKey(privateKey)
  const built = Order.limit({ chainId: 137, version: 2, negRisk: false, tickSize: '0.01', tokenId,
    side: 'BUY', price: '0.5', size: '10', signer: signer.address })
  const signed = await Order.sign(built, signer)
  const body = JSON.stringify(Order.toWire(signed, { owner: creds.key, orderType: 'GTC' }))
  const headers = Headers.l2({ address: signer.address, credentials: Credentials.from(creds), method: 'POST',
    path: '/order', body, timestamp: Math.floor(Date.now() / 1000) })
  return { body, headers }
}
`

/** Schemas a consumer commonly imports alone; each, with `parse`, has the single-schema budget. */
export const TYPES_SINGLE_SCHEMAS = [
  'OrderBookSummarySchema',
  'MarketSchema',
  'MarketDetailsSchema',
  'NewOrderSchema',
  'NewOrdersSchema',
  'OrderResponseSchema',
  'OpenOrdersPageSchema',
  'TradesPageSchema',
  'BalanceAllowanceResponseSchema',
  'HeartbeatResponseSchema',
  'MarketChannelMessageSchema',
  'UserChannelMessageSchema',
] as const

/** One schema of clob-types plus `parse`, as a consumer validating one response would import it. */
export const typesSingleEntry = (schema: string): string =>
  `export { ${schema}, parse } from '@clobkit/clob-types'\n`

/** Everything clob-types exports. */
export const TYPES_FULL_ENTRY = `
import * as all from '@clobkit/clob-types'
export default all
`
