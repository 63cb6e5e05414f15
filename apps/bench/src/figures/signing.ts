import { randomBytes } from 'node:crypto'
import { type BackendName, type LocalSigner, Order, Signer } from '@clobkit/eip712-order'
import { orderToJsonV2 } from '@polymarket/clob-client-v2'
import { officialClient, officialSignOne } from '../official.js'
import { type Figure, figure } from '../results.js'
import { median, microsPerCall, opsPerSecond } from '../stats.js'
import { CREDS, MARKET_ROUTES, PRIVATE_KEY, startStub, TOKEN_ID } from '../stub-server.js'

/** µs per signature and per recovery of a 32-byte digest with one backend (1,000 digests). */
function primitives(backend: BackendName): { sign: number; recover: number } {
  const signer = Signer.fromPrivateKey(PRIVATE_KEY, { backend })
  const digests = Array.from({ length: 1000 }, () => randomBytes(32))
  const sigs = digests.map((d) => signer.signDigest(d))
  let i = 0
  const sign = microsPerCall(() => signer.signDigest(digests[i++ % 1000] as Uint8Array), 4000)
  let j = 0
  const recover = microsPerCall(
    () => {
      const k = j++ % 1000
      Signer.recoverDigest(digests[k] as Uint8Array, sigs[k] as `0x${string}`, { backend })
    },
    backend === 'noble' ? 400 : 4000,
  )
  return { sign, recover }
}

/**
 * Limit orders built, signed and serialized (the POST /order body) per second in a
 * long-running process, with each secp256k1 backend, against the official client in the
 * same run (interleaved rounds, median), and the non-signing overhead.
 */
export async function signing(ms = 3000): Promise<Figure[]> {
  const rounds = 3
  let i = 0
  const params = (signer: LocalSigner) =>
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
  const oursWith = (signer: LocalSigner) => async () => {
    const signed = await Order.sign(Order.limit(params(signer)), signer)
    return JSON.stringify(Order.toWire(signed, { owner: CREDS.key, orderType: 'GTC' }))
  }
  const native = Signer.backends().includes('libsecp256k1')
    ? oursWith(Signer.fromPrivateKey(PRIVATE_KEY, { backend: 'libsecp256k1' }))
    : undefined
  const portable = oursWith(Signer.fromPrivateKey(PRIVATE_KEY, { backend: 'noble' }))

  const stub = await startStub(MARKET_ROUTES)
  const results = { native: [] as number[], portable: [] as number[], official: [] as number[] }
  try {
    const client = officialClient(stub.url)
    let j = 0
    const official = async () => {
      const order = await officialSignOne(client, 10 + (j++ % 1000))
      return JSON.stringify(
        orderToJsonV2(order as Parameters<typeof orderToJsonV2>[0], CREDS.key, 'GTC' as never),
      )
    }
    for (let r = 0; r < rounds; r++) {
      if (native) results.native.push(await opsPerSecond(native, ms / rounds))
      results.portable.push(await opsPerSecond(portable, ms / rounds))
      results.official.push(await opsPerSecond(official, ms / rounds))
    }
  } finally {
    await stub.close()
  }
  const official = median(results.official)
  const defaultSigner = Signer.fromPrivateKey(PRIVATE_KEY)
  const overhead = microsPerCall(() => {
    const built = Order.limit(params(defaultSigner))
    Order.hash(built.order, built.domain)
  }, 20_000)

  const figures: Figure[] = []
  if (native) {
    const ours = median(results.native)
    figures.push(
      figure({
        name: 'limit orders built+signed+serialized per second (libsecp256k1)',
        unit: 'orders/s',
        ours,
        official,
        target: '≥ 5× official',
        ok: ours >= 5 * official,
      }),
    )
  }
  const portableOps = median(results.portable)
  figures.push(
    figure({
      name: 'limit orders built+signed+serialized per second (noble, portable)',
      unit: 'orders/s',
      ours: portableOps,
      official,
      target: '≥ 1.4× official',
      ok: portableOps >= 1.4 * official,
    }),
    figure({
      name: 'non-signing overhead (amounts + EIP-712 digest)',
      unit: 'µs/order',
      ours: overhead,
      target: '≤ 30 µs',
      ok: overhead <= 30,
    }),
  )
  for (const backend of Signer.backends()) {
    const p = primitives(backend)
    figures.push(
      figure({ name: `signDigest (${backend})`, unit: 'µs', ours: p.sign }),
      figure({ name: `recoverDigest (${backend})`, unit: 'µs', ours: p.recover }),
    )
  }
  return figures
}
