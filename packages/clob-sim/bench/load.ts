/**
 * Load benchmark (`pnpm bench`): sustained signed order posting with matching
 * against a sim on loopback. The sim runs in its own process (one core);
 * this thread signs and sends orders. Reports accepted orders/s, latency
 * percentiles, the sim's heap after warm-up and at the end, and how busy the
 * sim's event loop was (utilization < 1 means the client, not the sim, was the
 * limit).
 * @module
 */

import { fork, type Serializable } from 'node:child_process'
import { Agent, request } from 'node:http'
import { fileURLToPath } from 'node:url'
import { type Address, Order, Signer } from '@clobkit/eip712-order'
import { Headers } from '@clobkit/l2-auth'
import type { SimSeed } from '../src/index.js'

export interface LoadOptions {
  /** Measured duration after warm-up (default 60 000). */
  readonly durationMs?: number
  /** Requests in flight (default 8). */
  readonly concurrency?: number
  /** Warm-up before measuring (default 5 000). */
  readonly warmupMs?: number
}

export interface LoadResult {
  /** Orders accepted (HTTP 200, success) per second over the measured window. */
  readonly ordersPerSec: number
  /** Fraction of accepted orders that matched on arrival. */
  readonly matchedRatio: number
  readonly p50Ms: number
  readonly p99Ms: number
  /** The sim thread's heap after warm-up and at the end (MB, after GC when --expose-gc). */
  readonly heapMB: number
  readonly heapAfterWarmupMB: number
  /** The sim's heap sampled every `durationMs / 6` during the measured window (MB). */
  readonly heapSamplesMB: number[]
  /** The sim's event-loop utilization over the measured window (0..1, wall-clock based). */
  readonly simUtilization: number
  /**
   * Accepted orders per second of CPU time the sim process used: its capacity on one
   * dedicated core, independent of other load on the machine.
   */
  readonly ordersPerSimCpuSec: number
  readonly errors: number
  readonly invariantProblems: number
}

const TOKEN = '62428506449048733482889176181157278288069285274000009070221467769868662240817'

function seed(): SimSeed {
  return {
    markets: [
      {
        conditionId: `0x${'42'.repeat(32)}`,
        question: 'Bench market',
        tickSize: '0.01',
        minOrderSize: '5',
        negRisk: false,
        tokens: [
          { tokenId: TOKEN, outcome: 'Yes' },
          { tokenId: '1', outcome: 'No' },
        ],
      },
    ],
  }
}

interface Trader {
  signer: ReturnType<typeof Signer.fromPrivateKey>
  creds: { key: string; secret: string; passphrase: string }
}

function http(
  agent: Agent,
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      {
        method,
        agent,
        headers: {
          'content-type': 'application/json',
          ...headers,
          ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
        },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => {
          text += c
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
      },
    )
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}

function workerUrl(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./worker.ts', import.meta.url)
    : new URL('./bench-worker.js', import.meta.url)
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}

/**
 * Runs the load benchmark.
 *
 * @example
 * ```ts
 * const r = await runLoad({ durationMs: 10_000, concurrency: 8 })
 * console.log(r.ordersPerSec, r.p50Ms, r.p99Ms, r.heapMB)
 * ```
 */
export async function runLoad(options: LoadOptions = {}): Promise<LoadResult> {
  const durationMs = options.durationMs ?? 60_000
  const concurrency = options.concurrency ?? 8
  const warmupMs = options.warmupMs ?? 5_000
  const fromSource = import.meta.url.endsWith('.ts')
  const worker = fork(fileURLToPath(workerUrl()), [JSON.stringify({ seed: seed() })], {
    // the .ts worker needs the tsx loader and the source condition
    execArgv: fromSource
      ? ['--expose-gc', '--import', 'tsx', '--conditions=@clobkit/source']
      : ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const messages: ((m: Record<string, unknown>) => void)[] = []
  worker.on('message', (m: Record<string, unknown>) => messages.shift()?.(m))
  const post = (m: unknown) => worker.send(m as Serializable)
  const next = () => new Promise<Record<string, unknown>>((r) => messages.push(r))
  const ready = await next()
  const url = String(ready.url)
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  try {
    const nowS = () => Math.floor(Date.now() / 1000)
    const traders: Trader[] = []
    for (let i = 0; i < 2; i++) {
      const signer = Signer.fromPrivateKey(`0x${String(i + 1).padStart(64, '0')}`)
      const l1 = (await Headers.l1({ signer, chainId: 137, timestamp: nowS() })) as unknown as Record<
        string,
        string
      >
      const res = await http(agent, url, 'POST', '/auth/api-key', l1)
      const k = JSON.parse(res.text) as { apiKey: string; secret: string; passphrase: string }
      traders.push({ signer, creds: { key: k.apiKey, secret: k.secret, passphrase: k.passphrase } })
      const fund = JSON.stringify({
        address: signer.address,
        collateral: '100000000',
        tokens: { [TOKEN]: '100000000' },
      })
      await http(agent, url, 'POST', '/_sim/fund', {}, fund)
    }

    let salt = 1
    async function build(side: 'BUY' | 'SELL'): Promise<{ body: string; trader: Trader }> {
      const t = traders[side === 'BUY' ? 0 : 1] as Trader
      const built = Order.limit({
        chainId: 137,
        version: 2,
        tickSize: '0.01',
        tokenId: TOKEN,
        side,
        price: 0.5,
        size: 5,
        signer: t.signer.address as Address,
        salt: salt++,
      })
      const signed = await Order.sign(built, t.signer)
      return { body: JSON.stringify(Order.toWire(signed, { owner: t.creds.key })), trader: t }
    }

    let measuring = false
    let stop = false
    const latencies: number[] = []
    let accepted = 0
    let matched = 0
    let errors = 0
    async function slot(i: number): Promise<void> {
      let side: 'BUY' | 'SELL' = i % 2 === 0 ? 'BUY' : 'SELL'
      while (!stop) {
        const { body, trader } = await build(side)
        side = side === 'BUY' ? 'SELL' : 'BUY'
        const headers = Headers.l2({
          address: trader.signer.address,
          credentials: trader.creds,
          method: 'POST',
          path: '/order',
          body,
          timestamp: nowS(),
        }) as unknown as Record<string, string>
        const t0 = performance.now()
        const res = await http(agent, url, 'POST', '/order', headers, body)
        const ms = performance.now() - t0
        if (!measuring) continue
        latencies.push(ms)
        if (res.status === 200) {
          accepted++
          if (res.text.includes('"status":"matched"')) matched++
        } else errors++
      }
    }
    const slots = Array.from({ length: concurrency }, (_, i) => slot(i))
    await new Promise((r) => setTimeout(r, warmupMs))
    post({ type: 'stats' })
    const warm = await next()
    measuring = true
    const t0 = performance.now()
    const samples: number[] = []
    let cpuMs = 0
    let utilization = 0
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, durationMs / 6))
      post({ type: 'stats' })
      const s = await next()
      samples.push(Number(s.heapMB))
      cpuMs += Number(s.cpuMs)
      utilization += Number(s.utilization) / 6
    }
    measuring = false
    const elapsed = (performance.now() - t0) / 1000
    const end = { heapMB: samples[samples.length - 1], utilization, cpuMs, problems: 0 }
    post({ type: 'stats' })
    end.problems = Number((await next()).problems)
    stop = true
    await Promise.all(slots)
    latencies.sort((a, b) => a - b)
    return {
      ordersPerSec: accepted / elapsed,
      matchedRatio: accepted === 0 ? 0 : matched / accepted,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      heapMB: Number(end.heapMB),
      heapAfterWarmupMB: Number(warm.heapMB),
      heapSamplesMB: samples.map((m) => Math.round(m * 10) / 10),
      simUtilization: end.utilization,
      ordersPerSimCpuSec: end.cpuMs > 0 ? accepted / (end.cpuMs / 1000) : 0,
      errors,
      invariantProblems: end.problems,
    }
  } finally {
    agent.destroy()
    post({ type: 'stop' })
    await Promise.race([next(), new Promise((r) => setTimeout(r, 2_000))])
    worker.kill()
  }
}
