import { createClient } from '@clobkit/clob-rest'
import { Signer } from '@clobkit/eip712-order'
import { officialClient, officialPost, officialSignOne } from '../official.js'
import { type Figure, figure } from '../results.js'
import { percentile } from '../stats.js'
import { CREDS, PRIVATE_KEY, TOKEN_ID, withChildStub } from '../stub-server.js'

interface Poster {
  readonly post: () => Promise<unknown>
}

async function measure(p: Poster, n: number) {
  for (let i = 0; i < Math.min(2000, n); i++) await p.post()
  const lat: number[] = []
  const cpu0 = process.cpuUsage()
  for (let i = 0; i < n; i++) {
    const s = process.hrtime.bigint()
    await p.post()
    lat.push(Number(process.hrtime.bigint() - s) / 1e6)
  }
  const cpu = process.cpuUsage(cpu0)
  lat.sort((a, b) => a - b)
  let sent = 0
  const t0 = process.hrtime.bigint()
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (sent < n) {
        sent++
        await p.post()
      }
    }),
  )
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  return {
    p50: percentile(lat, 50),
    p99: percentile(lat, 99),
    cpuUs: (cpu.user + cpu.system) / n,
    rps: n / seconds,
  }
}

/** POST /order against the same loopback server: latency, concurrency, client CPU, memory. */
export async function rest(n = 5000, memoryRequests = 100_000): Promise<Figure[]> {
  return withChildStub(async (host) => {
    const client = createClient({
      host,
      chainId: 137,
      signer: Signer.fromPrivateKey(PRIVATE_KEY),
      credentials: CREDS,
    })
    const created = await client.orders.create({ tokenId: TOKEN_ID, side: 'BUY', price: '0.5', size: '10' })
    const ours = await measure({ post: () => client.orders.post(created) }, n)

    const official = officialClient(host)
    const signed = await officialSignOne(official)
    const theirs = await measure({ post: () => officialPost(official, signed as never) }, n)

    const gc = (globalThis as { gc?: () => void }).gc
    gc?.()
    const heap0 = process.memoryUsage().heapUsed
    for (let i = 0; i < memoryRequests; i++) await client.orders.post(created)
    gc?.()
    const growth = (process.memoryUsage().heapUsed - heap0) / 1024 / 1024

    return [
      figure({
        name: 'sequential POST /order p50',
        unit: 'ms',
        ours: ours.p50,
        official: theirs.p50,
        target: '≤ 0.3 ms',
        ok: ours.p50 <= 0.3,
      }),
      figure({ name: 'sequential POST /order p99', unit: 'ms', ours: ours.p99, official: theirs.p99 }),
      figure({
        name: '16-way concurrent POST /order throughput',
        unit: 'req/s',
        ours: ours.rps,
        official: theirs.rps,
        target: '≥ 2.5× official',
        ok: ours.rps >= 2.5 * theirs.rps,
      }),
      figure({
        name: 'client CPU per POST /order',
        unit: 'µs/req',
        ours: ours.cpuUs,
        official: theirs.cpuUs,
        target: '≤ 250 µs',
        ok: ours.cpuUs <= 250,
      }),
      figure({
        name: `heap growth over ${memoryRequests} POST /order${gc ? '' : ' (no --expose-gc)'}`,
        unit: 'MB',
        ours: growth,
        target: '< 10 MB',
        ok: growth < 10,
      }),
    ]
  })
}
