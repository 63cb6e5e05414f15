import * as Order from '@clobkit/eip712-order/order'
import * as Signer from '@clobkit/eip712-order/signer'
import * as Credentials from '@clobkit/l2-auth/credentials'
import * as Headers from '@clobkit/l2-auth/headers'
export async function postOne(privateKey, tokenId, creds) {
  const signer = Signer.fromPrivateKey(privateKey)
  const built = Order.limit({
    chainId: 137,
    version: 2,
    negRisk: false,
    tickSize: '0.01',
    tokenId,
    side: 'BUY',
    price: '0.5',
    size: '10',
    signer: signer.address,
  })
  const signed = await Order.sign(built, signer)
  const body = JSON.stringify(Order.toWire(signed, { owner: creds.key, orderType: 'GTC' }))
  const headers = Headers.l2({
    address: signer.address,
    credentials: Credentials.from(creds),
    method: 'POST',
    path: '/order',
    body,
    timestamp: Math.floor(Date.now() / 1000),
  })
  return { body, headers }
}
