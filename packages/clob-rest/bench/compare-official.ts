/**
 * clob-rest `orders.post` vs the official client's `postOrder`, same loopback
 * server (a child process), sequential p50 + client CPU and 16-way throughput.
 * Needs the official client and viem, which only apps/bench depends on: copy this
 * file into apps/bench and run there with
 *   node --conditions=@clobkit/source --import tsx compare-official.ts 4000
 */
import { fork } from 'node:child_process'
import { createClient } from '@clobkit/clob-rest'
import { Order, Signer } from '@clobkit/eip712-order'
import { ClobClient } from '@polymarket/clob-client-v2'
import { createWalletClient, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { polygon } from 'viem/chains'

const N = Number(process.argv[2] ?? 4000)
const child = fork(
  new URL(process.env.BENCH_SERVER ?? '../../packages/clob-rest/bench/server.mjs', import.meta.url),
)
const port = await new Promise<number>((r) => child.once('message', (m) => r((m as { port: number }).port)))
const host = `http://127.0.0.1:${port}`
const PK = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'
const creds = {
  key: '11111111-2222-4333-8444-555555555555',
  secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=',
  passphrase: 'f00d'.repeat(16),
}
const account = privateKeyToAccount(PK)
const official = new ClobClient({
  host,
  chain: 137,
  signer: createWalletClient({ account, chain: polygon, transport: http('http://127.0.0.1:1') }),
  creds,
})
const signer = Signer.fromPrivateKey(PK)
const ours = createClient({ host, chainId: 137, signer, credentials: creds })
const built = Order.limit({
  chainId: 137,
  version: 2,
  negRisk: false,
  tickSize: '0.01',
  side: 'BUY',
  price: '0.5',
  size: '10',
  signer: signer.address,
  tokenId: '71321045679252212594626385532706912750332728571942532289631379312455583992563',
})
const signed = await Order.sign(built, signer)
const created = {
  order: signed,
  hash: Order.hash(built.order, built.domain),
  domain: built.domain,
  version: 2 as const,
  tokenId: '1',
}
const post = { ours: () => ours.orders.post(created), official: () => official.postOrder(signed as never) }
async function seq(fn: () => Promise<unknown>) {
  const lat: number[] = []
  const c0 = process.cpuUsage()
  for (let i = 0; i < N; i++) {
    const s = performance.now()
    await fn()
    lat.push(performance.now() - s)
  }
  const c = process.cpuUsage(c0)
  lat.sort((a, b) => a - b)
  return { p50: lat[N >> 1] ?? 0, cpu: (c.user + c.system) / N }
}
async function conc(fn: () => Promise<unknown>) {
  let done = 0
  const t = performance.now()
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (done < N) {
        done++
        await fn()
      }
    }),
  )
  return N / ((performance.now() - t) / 1000)
}
for (let i = 0; i < 3000; i++) {
  await post.ours()
  await post.official()
}
for (let round = 0; round < 3; round++) {
  for (const name of ['ours', 'official'] as const) {
    const s = await seq(post[name])
    const c = await conc(post[name])
    console.log(
      round,
      name.padEnd(8),
      `p50=${s.p50.toFixed(3)}ms cpu=${s.cpu.toFixed(0)}µs 16way=${c.toFixed(0)}/s`,
    )
  }
}
child.disconnect()
