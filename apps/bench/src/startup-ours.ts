// Fresh process → first signed order, with clobkit (measured by figures/startup.ts).
import * as Order from '@clobkit/eip712-order/order'
import * as Signer from '@clobkit/eip712-order/signer'
import { PRIVATE_KEY, TOKEN_ID } from './fixtures.js'

const signer = Signer.fromPrivateKey(PRIVATE_KEY)
const built = Order.limit({
  chainId: 137,
  version: 2,
  negRisk: false,
  tickSize: '0.01',
  tokenId: TOKEN_ID,
  side: 'BUY',
  price: '0.5',
  size: '10',
  signer: signer.address,
})
const signed = await Order.sign(built, signer)
if (!signed.signature.startsWith('0x')) process.exit(1)
