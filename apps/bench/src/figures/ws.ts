/**
 * clob-ws figures: book levels applied per second, market frames parsed per second,
 * sim → client event latency over loopback, and heap over a long run through the whole
 * client (socket handler, parse, book, listeners) fed by a local `ws` server.
 */
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { createClient } from '@clobkit/clob-rest'
import { defaultSeed, startSim } from '@clobkit/clob-sim'
import { connectMarket, createBook, parseMarketFrame } from '@clobkit/clob-ws'
import { type Hex, Signer } from '@clobkit/eip712-order'
import { WebSocketServer, WebSocket as Ws } from 'ws'
import { type Figure, figure } from '../results.js'
import { percentile } from '../stats.js'

const TOKEN = '71321045679252212594626385532706912750332728571942532289631379312455583992563'
const MARKET = '0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1'

/** Deterministic level updates inside 0.01–0.99 with about one removal in six. */
function updates(n: number): { side: 'BUY' | 'SELL'; price: string; size: string }[] {
  const out: { side: 'BUY' | 'SELL'; price: string; size: string }[] = []
  let x = 12345
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff
    const buy = (x & 1) === 0
    const cents = buy ? 1 + (x % 49) : 50 + (x % 50)
    const size = x % 6 === 0 ? '0' : `${(x >> 8) % 5000}.${x % 100}`
    out.push({ side: buy ? 'BUY' : 'SELL', price: `0.${String(cents).padStart(2, '0')}`, size })
  }
  return out
}

function bookApply(total: number): number {
  const book = createBook(TOKEN)
  book.replace({ bids: [], asks: [] })
  const list = updates(65_536)
  for (let i = 0; i < 200_000; i++) {
    const u = list[i & 65_535] as (typeof list)[number]
    book.set(u.side, u.price, u.size)
  }
  const start = process.hrtime.bigint()
  for (let i = 0; i < total; i++) {
    const u = list[i & 65_535] as (typeof list)[number]
    book.set(u.side, u.price, u.size)
  }
  const s = Number(process.hrtime.bigint() - start) / 1e9
  return total / s
}

function priceChangeFrame(i: number, list: ReturnType<typeof updates>): string {
  const a = list[(2 * i) & 65_535] as (typeof list)[number]
  const b = list[(2 * i + 1) & 65_535] as (typeof list)[number]
  return JSON.stringify({
    event_type: 'price_change',
    market: MARKET,
    timestamp: String(1_757_908_892_351 + i),
    price_changes: [
      { asset_id: TOKEN, ...a, hash: '56621a121a47ed9333273e21c83b660cff37ae50', best_bid: '', best_ask: '' },
      { asset_id: TOKEN, ...b, hash: '56621a121a47ed9333273e21c83b660cff37ae50', best_bid: '', best_ask: '' },
    ],
  })
}

function parseRate(total: number): number {
  const list = updates(65_536)
  const frames = Array.from({ length: 4096 }, (_, i) => priceChangeFrame(i, list))
  let n = 0
  for (let i = 0; i < 20_000; i++) n += parseMarketFrame(frames[i & 4095] as string).length
  const start = process.hrtime.bigint()
  for (let i = 0; i < total; i++) n += parseMarketFrame(frames[i & 4095] as string).length
  const s = Number(process.hrtime.bigint() - start) / 1e9
  if (n === 0) throw new Error('nothing parsed')
  return total / s
}

/** Sim (in this process) → client latency: server socket send → client socket receive, per data frame. */
async function latency(orders: number): Promise<{ p50: number; p99: number; n: number }> {
  const sent: number[] = []
  const received: number[] = []
  const original = Ws.prototype.send
  const sim = await startSim({ admin: true })
  const seed = defaultSeed()
  const token = seed.markets[0]?.tokens[0].tokenId as string
  const signer = Signer.fromPrivateKey(`0x${'42'.repeat(32)}` as Hex)
  const l1 = createClient({ host: sim.url, chainId: 137, signer, retry: false })
  const client = l1.withCredentials(await l1.keys.createOrDerive())
  await fetch(`${sim.url}/_sim/fund`, {
    method: 'POST',
    body: JSON.stringify({ address: signer.address, collateral: '1000000' }),
  })
  class Timed extends Ws {
    constructor(url: string) {
      super(url)
      this.on('message', (data: Buffer, binary: boolean) => {
        if (!binary && !(data.length === 4 && data.toString() === 'PONG')) received.push(performance.now())
      })
    }
  }
  const market = connectMarket({ url: sim.url, assets: [token], WebSocket: Timed as never, silentAssetMs: 0 })
  while (market.book(token)?.ready !== true) await new Promise((r) => setTimeout(r, 5))
  received.length = 0
  Ws.prototype.send = function (this: Ws, data: unknown, ...rest: unknown[]) {
    if (typeof data === 'string' && data.includes('"event_type"')) sent.push(performance.now())
    return (original as (...a: unknown[]) => void).call(this, data, ...rest)
  } as typeof original
  try {
    const ids: string[] = []
    for (let i = 0; i < orders; i++) {
      const price = `0.${String(10 + (i % 30)).padStart(2, '0')}`
      const r = await client.orders.createAndPost({ tokenId: token, side: 'BUY', price, size: '5' })
      ids.push(r.orderID)
      if (ids.length >= 50) await client.cancels.many(ids.splice(0))
    }
    const deadline = Date.now() + 5000
    while (received.length < sent.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5))
  } finally {
    Ws.prototype.send = original
    await market.close()
    await sim.stop()
  }
  const n = Math.min(sent.length, received.length)
  const d = Array.from({ length: n }, (_, i) => (received[i] as number) - (sent[i] as number)).sort(
    (a, b) => a - b,
  )
  return { p50: percentile(d, 50), p99: percentile(d, 99), n }
}

/** Frames through the whole client from a local server, heap sampled after warm-up and at the end. */
async function longRun(total: number): Promise<{ perSec: number; growthMB: number; applied: number }> {
  const gc = (globalThis as { gc?: () => void }).gc
  const list = updates(65_536)
  const frames = Array.from({ length: 4096 }, (_, i) => priceChangeFrame(i, list))
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await once(wss, 'listening')
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`
  wss.on('connection', (socket) => {
    let started = false
    socket.on('message', (data) => {
      const text = data.toString()
      if (text === 'PING') return socket.send('PONG')
      if (started) return
      started = true
      socket.send(
        JSON.stringify({
          event_type: 'book',
          asset_id: TOKEN,
          market: MARKET,
          bids: [],
          asks: [],
          timestamp: '1',
        }),
      )
      let i = 0
      const pump = () => {
        while (i < total && socket.bufferedAmount < 1 << 20) socket.send(frames[i++ & 4095] as string)
        if (i < total) setImmediate(pump)
      }
      pump()
    })
  })
  let count = 0
  let warmHeap = 0
  let start = 0n
  const market = connectMarket({ url, assets: [TOKEN], silentAssetMs: 0, verifyHash: false })
  const done = new Promise<void>((resolve) => {
    market.on('price_change', () => {
      count++
      if (count === 100_000) {
        gc?.()
        warmHeap = process.memoryUsage().heapUsed
        start = process.hrtime.bigint()
      }
      if (count === total) resolve()
    })
  })
  await done
  const s = Number(process.hrtime.bigint() - start) / 1e9
  gc?.()
  const endHeap = process.memoryUsage().heapUsed
  const applied = market.book(TOKEN)?.updates ?? 0
  await market.close()
  wss.close()
  return { perSec: (total - 100_000) / s, growthMB: (endHeap - warmHeap) / 1e6, applied }
}

export async function ws(quick: boolean): Promise<Figure[]> {
  const levels = bookApply(quick ? 1_000_000 : 5_000_000)
  const parsed = parseRate(quick ? 100_000 : 500_000)
  const lat = await latency(quick ? 500 : 3000)
  const run = await longRun(quick ? 300_000 : 1_000_000)
  return [
    figure({
      name: 'clob-ws: book levels applied per second',
      unit: 'levels/s',
      ours: levels,
      target: '≥ 200000',
      ok: levels >= 200_000,
    }),
    figure({
      name: 'clob-ws: price_change frames parsed per second (2 entries)',
      unit: 'frames/s',
      ours: parsed,
    }),
    figure({
      name: `clob-ws: sim → client event latency p50 (${lat.n} frames, loopback)`,
      unit: 'ms',
      ours: lat.p50,
    }),
    figure({ name: 'clob-ws: sim → client event latency p99', unit: 'ms', ours: lat.p99 }),
    figure({
      name: `clob-ws: frames through the client (socket, parse, book), ${quick ? '300k' : '1M'} run`,
      unit: 'frames/s',
      ours: run.perSec,
    }),
    figure({
      name: `clob-ws: heap growth over the ${quick ? '300k' : '1M'}-frame run after warm-up`,
      unit: 'MB',
      ours: run.growthMB,
      target: 'flat',
      ok: run.growthMB < 5,
    }),
  ]
}
