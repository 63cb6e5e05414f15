import { Order, Signer } from '@clobkit/eip712-order'
import { officialClient, officialSignOne } from '../official.js'
import { type Figure, figure } from '../results.js'
import { microsPerCall, opsPerSecond } from '../stats.js'
import { MARKET_ROUTES, PRIVATE_KEY, startStub, TOKEN_ID } from '../stub-server.js'

/** Orders built and signed per second in a long-running process, and non-signing overhead. */
export async function signing(ms = 3000): Promise<Figure[]> {
  const signer = Signer.fromPrivateKey(PRIVATE_KEY)
  let i = 0
  const params = () =>
    ({
      chainId: 137,
      version: 2,
      negRisk: false,
      tickSize: '0.01',
      tokenId: TOKEN_ID,
      side: 'BUY',
      price: '0.5',
      size: String(10 + (i++ % 1000)),
      signer: signer.address,
    }) as const
  const ours = await opsPerSecond(() => Order.sign(Order.limit(params()), signer), ms)

  const stub = await startStub(MARKET_ROUTES)
  let official: number
  try {
    const client = officialClient(stub.url)
    let j = 0
    official = await opsPerSecond(() => officialSignOne(client, 10 + (j++ % 1000)), ms)
  } finally {
    await stub.close()
  }

  const overhead = microsPerCall(() => {
    const built = Order.limit(params())
    Order.hash(built.order, built.domain)
  }, 20_000)

  return [
    figure({
      name: 'orders built+signed per second',
      unit: 'orders/s',
      ours,
      official,
      target: '≥ 1.4× official',
      ok: ours >= 1.4 * official,
    }),
    figure({
      name: 'non-signing overhead (amounts + EIP-712 digest)',
      unit: 'µs/order',
      ours: overhead,
      target: '≤ 30 µs',
      ok: overhead <= 30,
    }),
  ]
}
