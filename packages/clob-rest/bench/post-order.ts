/**
 * Sequential and 16-way concurrent `POST /order` against a loopback server in a
 * child process, with client CPU per request and heap growth. Run:
 *   node --conditions=@clobkit/source --import tsx bench/post-order.ts [n]
 */
import { fork } from 'node:child_process'
import { createClient } from '@clobkit/clob-rest'
import { Signer } from '@clobkit/eip712-order'

const N = Number(process.argv[2] ?? 5_000)
const child = fork(new URL('./server.mjs', import.meta.url))
const port = await new Promise<number>((resolve) =>
  child.once('message', (m) => resolve((m as { port: number }).port)),
)
const host = `http://127.0.0.1:${port}`
const signer = Signer.fromPrivateKey('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
const credentials = {
  key: '11111111-2222-4333-8444-555555555555',
  secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=',
  passphrase: 'f00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeed',
}
const client = createClient({ host, chainId: 137, signer, credentials })
const created = await client.orders
  .create(
    {
      tokenId: '71321045679252212594626385532706912750332728571942532289631379312455583992563',
      side: 'BUY',
      price: '0.5',
      size: '10',
    },
    { tickSize: '0.01', negRisk: false, version: 2 },
  )
  .catch(async () => {
    // No /tick-size on the bench server: build the order offline instead.
    const { Order } = await import('@clobkit/eip712-order')
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
    return {
      order: await Order.sign(built, signer),
      hash: Order.hash(built.order, built.domain),
      domain: built.domain,
      version: 2 as const,
      tokenId: '0',
    }
  })

for (let i = 0; i < 5_000; i++) await client.orders.post(created)

const lat: number[] = []
const cpu0 = process.cpuUsage()
const t0 = performance.now()
for (let i = 0; i < N; i++) {
  const s = performance.now()
  await client.orders.post(created)
  lat.push(performance.now() - s)
}
const wall = performance.now() - t0
const cpu = process.cpuUsage(cpu0)
lat.sort((a, b) => a - b)
const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]?.toFixed(3)
console.log(
  `sequential: n=${N} p50=${q(0.5)} ms p90=${q(0.9)} ms p99=${q(0.99)} ms rps=${(N / (wall / 1000)).toFixed(0)}`,
)
console.log(`client cpu: ${((cpu.user + cpu.system) / N).toFixed(1)} µs/request`)

const C = 16
const t1 = performance.now()
let done = 0
await Promise.all(
  Array.from({ length: C }, async () => {
    while (done < N) {
      done++
      await client.orders.post(created)
    }
  }),
)
console.log(`16-way: ${(N / ((performance.now() - t1) / 1000)).toFixed(0)} req/s`)

if (process.argv.includes('--memory')) {
  globalThis.gc?.()
  const h0 = process.memoryUsage().heapUsed
  for (let i = 0; i < 100_000; i++) await client.orders.post(created)
  globalThis.gc?.()
  console.log(`heap growth after 100k: ${((process.memoryUsage().heapUsed - h0) / 1e6).toFixed(2)} MB`)
}
child.disconnect()
