/**
 * Shared by the clob-sim suites: a sim and keepers on one injected clock, at the
 * protocol's real windows (PROTOCOL.md §5.6: beat every 5 s, exchange window 10 s + 5 s).
 *
 * Time is fake and stands still while real loopback HTTP runs: `clock.advance(ms)`
 * fires the due timers one by one and, before each, waits until every heartbeat request
 * on the wire has been answered. So "60 s of heartbeats" takes milliseconds, and no
 * margin depends on how loaded the machine is. The sim reads the same clock (as wall
 * time: `epoch + clock.now()`), and so do the clients' auth timestamps.
 *
 * Network latency is injected on the same clock by the post function (`delay`): the
 * request leaves the keeper, waits `ms` of fake time "on the wire", then reaches the sim.
 */
import { type Client, createClient } from '@clobkit/clob-rest'
import { defaultSeed, type SimHandle, startSim } from '@clobkit/clob-sim'
import { Signer } from '@clobkit/eip712-order'
import { type HeartbeatEvent, type PostHeartbeat, startHeartbeat } from '@clobkit/heartbeat'
import type { TestContext } from 'vitest'
import { type FakeClock, fakeClock } from './fake-clock.js'

export const TOKEN = defaultSeed().markets[0]!.tokens[0].tokenId

/** The exchange's window: no valid heartbeat for 10 s + 5 s cancels a key's orders. */
export const WINDOW_MS = 15_000

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export interface World {
  readonly sim: SimHandle
  readonly clock: FakeClock
  /** Wall-clock ms on the injected clock (what the sim and the clients see). */
  readonly wall: () => number
  /** Counts a real request so `clock.advance` waits for it. */
  io<T>(request: PromiseLike<T>): Promise<T>
}

/** A sim on an injected clock; stopped when the test ends. */
export async function world(t: TestContext): Promise<World> {
  let pending = 0
  const clock = fakeClock({
    async settle() {
      await tick()
      const started = performance.now()
      while (pending > 0) {
        if (performance.now() - started > 10_000) throw new Error('loopback request unanswered after 10 s')
        await realSleep(1)
      }
      await tick()
      await tick()
    },
  })
  const epoch = Date.now()
  const wall = () => epoch + clock.now()
  const sim = await startSim({ port: 0, admin: true, now: wall })
  t.onTestFinished(() => sim.stop())
  return {
    sim,
    clock,
    wall,
    async io(request) {
      pending++
      try {
        return await request
      } finally {
        pending--
      }
    },
  }
}

export async function admin(w: World, path: string, body: unknown, method = 'POST'): Promise<unknown> {
  const res = await fetch(`${w.sim.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
  return text === '' ? undefined : JSON.parse(text)
}

/** A fresh wallet with API credentials, collateral and `n` resting BUY orders far below the book. */
export async function trader(w: World, n: number): Promise<{ client: Client; orderIds: string[] }> {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  bytes[0] = 1 // keep the key well inside the curve order
  const signer = Signer.fromPrivateKey(`0x${Buffer.from(bytes).toString('hex')}`)
  const anonymous = createClient({ host: w.sim.url, chainId: 137, signer, now: w.wall })
  const client = anonymous.withCredentials(await anonymous.keys.createOrDerive())
  await admin(w, '/_sim/fund', { address: signer.address, collateral: '1000' })
  const orderIds: string[] = []
  for (let i = 0; i < n; i++) {
    const posted = await client.orders.createAndPost({
      tokenId: TOKEN,
      side: 'BUY',
      price: `0.0${i + 1}`,
      size: '10',
    })
    if (!posted.success || posted.status !== 'live')
      throw new Error(`order not resting: ${JSON.stringify(posted)}`)
    orderIds.push(posted.orderID)
  }
  return { client, orderIds: orderIds.sort() }
}

export async function openIds(client: Client): Promise<string[]> {
  return (await client.orders.open().all()).map((o) => o.id).sort()
}

/**
 * A keeper at the protocol's defaults on the world's clock, posting through `client`;
 * stopped when the test ends. `delay(ms, count)` holds the next `count` beats on the
 * wire for `ms` of fake time before they reach the sim.
 */
export function keep(
  t: TestContext,
  w: World,
  client: Client,
  extra: Partial<Parameters<typeof startHeartbeat>[0]> = {},
) {
  const delays: number[] = []
  const wire = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const handle = w.clock.setTimeout(() => {
        signal.removeEventListener('abort', onAbort)
        resolve()
      }, ms)
      const onAbort = () => {
        w.clock.clearTimeout(handle)
        reject(signal.reason)
      }
      signal.addEventListener('abort', onAbort, { once: true })
    })
  const post: PostHeartbeat = async (id, signal) => {
    const ms = delays.shift() ?? 0
    if (ms > 0) await wire(ms, signal)
    return w.io(client.heartbeats.post(id, { signal }))
  }
  const events: HeartbeatEvent[] = []
  const keeper = startHeartbeat({ post, clock: w.clock, onEvent: (e) => events.push(e), ...extra })
  t.onTestFinished(async () => {
    const stopping = keeper.stop()
    await w.clock.advance(10_000)
    await stopping
  })
  const of = <K extends HeartbeatEvent['type']>(type: K) =>
    events.filter((e): e is Extract<HeartbeatEvent, { type: K }> => e.type === type)
  return {
    keeper,
    events,
    of,
    delay(ms: number, count = 1) {
      for (let i = 0; i < count; i++) delays.push(ms)
    },
  }
}
