/**
 * Load benchmark (`pnpm bench`): sustained signed order posting with matching
 * against a sim on loopback. The sim runs in its own process (one core); this
 * process signs and sends orders. Two traders post an alternating BUY/SELL stream at
 * one price, so every order crosses the previous one: half match on arrival as
 * takers, and they fill the other half (the makers) completely.
 *
 * Reports orders/s accepted and fully filled (both sides), latency percentiles, the
 * sim's heap after warm-up and across the run, its event-loop utilization (< 1 means
 * the client, not the sim, was the limit) and throughput per second of CPU time the
 * sim used, which holds on a shared machine.
 *
 * The client signs with eip712-order's signer (libsecp256k1 where its binding loads,
 * fast enough for one client core to keep a sim core busy); every 256th order's
 * signature is also checked with `Order.recover`, and a mismatch counts as an error.
 * @module
 */

import { fork, type Serializable } from 'node:child_process'
import { Agent, request } from 'node:http'
import { fileURLToPath } from 'node:url'
import { type Address, Exchange, type LocalSigner, Order, Signer } from '@clobkit/eip712-order'
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
  /** Orders that ended fully filled (takers and the makers they hit) per second. */
  readonly filledPerSec: number
  /** Fraction of accepted orders that matched on arrival (as takers). */
  readonly matchedRatio: number
  /** Fully filled orders / accepted orders over the window (≈ 1 when both sides fill). */
  readonly filledRatio: number
  readonly p50Ms: number
  readonly p99Ms: number
  /** The sim's heap at the end of the run (MB, after a GC). */
  readonly heapMB: number
  /** The sim's heap after warm-up (MB, after a GC). */
  readonly heapAfterWarmupMB: number
  /** The sim's heap sampled every `durationMs / 6` during the measured window (MB). */
  readonly heapSamplesMB: number[]
  /** The sim's resident set at the same points (MB). */
  readonly rssSamplesMB: number[]
  /** The sim's event-loop utilization over the measured window (0..1, wall-clock based). */
  readonly simUtilization: number
  /** CPU time the sim process used in the measured window (ms). */
  readonly simCpuMs: number
  /** CPU time this (client) process used in the measured window (ms): signing and HTTP. */
  readonly clientCpuMs: number
  /**
   * Accepted orders per second of CPU time the sim process used: its capacity on one
   * dedicated core, independent of other load on the machine.
   */
  readonly ordersPerSimCpuSec: number
  /** Fully filled orders per second of the sim's CPU time. */
  readonly filledPerSimCpuSec: number
  /** Order signatures verified against a cached key / by full recovery, in the window. */
  readonly cacheHits: number
  readonly cacheMisses: number
  /** Signatures spot-checked with `Order.recover`. */
  readonly spotChecks: number
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
  signer: LocalSigner
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
  // CLOB_SIM_BENCH_PROF=dir writes a V8 CPU profile of the sim process into dir
  const prof = process.env.CLOB_SIM_BENCH_PROF
  const worker = fork(fileURLToPath(workerUrl()), [JSON.stringify({ seed: seed() })], {
    // the .ts worker needs the tsx loader and the source condition
    execArgv: [
      '--expose-gc',
      ...(fromSource ? ['--import', 'tsx', '--conditions=@clobkit/source'] : []),
      ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []),
    ],
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

    const domain = Exchange.domain({ chainId: 137, version: 2, negRisk: false })
    let salt = 1
    let spotChecks = 0
    let badSignatures = 0
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
      if (salt % 256 === 0) {
        spotChecks++
        if (Order.recover(signed, domain) !== t.signer.address) badSignatures++
      }
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
    const clientCpu0 = process.cpuUsage()
    const t0 = performance.now()
    const samples: number[] = []
    const rss: number[] = []
    let cpuMs = 0
    let utilization = 0
    let last = warm
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, durationMs / 6))
      post({ type: 'stats' })
      last = await next()
      samples.push(Number(last.heapMB))
      rss.push(Math.round(Number(last.rssMB) * 10) / 10)
      cpuMs += Number(last.cpuMs)
      utilization += Number(last.utilization) / 6
    }
    measuring = false
    const elapsed = (performance.now() - t0) / 1000
    const clientCpu = process.cpuUsage(clientCpu0)
    const filled = Number(last.filled) - Number(warm.filled)
    const problems = Number(last.problems)
    stop = true
    await Promise.all(slots)
    latencies.sort((a, b) => a - b)
    const perCpu = (n: number) => (cpuMs > 0 ? n / (cpuMs / 1000) : 0)
    return {
      ordersPerSec: accepted / elapsed,
      filledPerSec: filled / elapsed,
      matchedRatio: accepted === 0 ? 0 : matched / accepted,
      filledRatio: accepted === 0 ? 0 : filled / accepted,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      heapMB: Number(last.heapMB),
      heapAfterWarmupMB: Number(warm.heapMB),
      heapSamplesMB: samples.map((m) => Math.round(m * 10) / 10),
      rssSamplesMB: rss,
      simUtilization: utilization,
      simCpuMs: cpuMs,
      clientCpuMs: (clientCpu.user + clientCpu.system) / 1000,
      ordersPerSimCpuSec: perCpu(accepted),
      filledPerSimCpuSec: perCpu(filled),
      cacheHits: Number(last.cacheHits) - Number(warm.cacheHits),
      cacheMisses: Number(last.cacheMisses) - Number(warm.cacheMisses),
      spotChecks,
      errors: errors + badSignatures,
      invariantProblems: problems,
    }
  } finally {
    agent.destroy()
    const exited = new Promise((r) => worker.once('exit', r))
    post({ type: 'stop' })
    // the worker exits by itself after 'stopped' (writing its CPU profile when asked to)
    await Promise.race([exited, new Promise((r) => setTimeout(r, prof ? 30_000 : 2_000))])
    worker.kill()
  }
}
