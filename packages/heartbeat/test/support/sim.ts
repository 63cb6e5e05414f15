/**
 * Shared by the clob-sim tests: a sim with the protocol's heartbeat windows scaled
 * down 5× (see sim.test.ts), traders with resting orders, and keepers that stop
 * when their test ends.
 */
import { type Client, createClient } from '@clobkit/clob-rest'
import { defaultSeed, type SimHandle, startSim } from '@clobkit/clob-sim'
import { Signer } from '@clobkit/eip712-order'
import { type HeartbeatEvent, startHeartbeat } from '@clobkit/heartbeat'
import type { TestContext } from 'vitest'

export const SCALE = 5
export const TIMEOUT_MS = 10_000 / SCALE
export const BUFFER_MS = 5_000 / SCALE
export const DEADLINE_MS = 10_000 / SCALE
export const INTERVAL_MS = 2_500 / SCALE

const TOKEN = defaultSeed().markets[0]!.tokens[0].tokenId

export { TOKEN }

/** The sim checks for expired heartbeat sessions every 20 ms. */
export function startScaledSim(): Promise<SimHandle> {
  return startSim({
    port: 0,
    admin: true,
    heartbeat: { timeoutMs: TIMEOUT_MS, bufferMs: BUFFER_MS, checkIntervalMs: 20 },
  })
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export async function admin(sim: SimHandle, path: string, body: unknown, method = 'POST'): Promise<unknown> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
  return text === '' ? undefined : JSON.parse(text)
}

/** A fresh wallet with API credentials, collateral and `n` resting BUY orders far below the book. */
export async function trader(sim: SimHandle, n: number): Promise<{ client: Client; orderIds: string[] }> {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  bytes[0] = 1 // keep the key well inside the curve order
  const signer = Signer.fromPrivateKey(`0x${Buffer.from(bytes).toString('hex')}`)
  const anonymous = createClient({ host: sim.url, chainId: 137, signer })
  const client = anonymous.withCredentials(await anonymous.keys.createOrDerive())
  await admin(sim, '/_sim/fund', { address: signer.address, collateral: '1000' })
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

/** Starts a keeper that the test stops when it ends (the context's hook: tests may run concurrently). */
export function keep(
  t: TestContext,
  client: Client,
  extra: Partial<Parameters<typeof startHeartbeat>[0]> = {},
) {
  const events: HeartbeatEvent[] = []
  const keeper = startHeartbeat({
    client,
    intervalMs: INTERVAL_MS,
    deadlineMs: DEADLINE_MS,
    onEvent: (e) => events.push(e),
    ...extra,
  })
  t.onTestFinished(() => keeper.stop())
  const of = <K extends HeartbeatEvent['type']>(type: K) =>
    events.filter((e): e is Extract<HeartbeatEvent, { type: K }> => e.type === type)
  return { keeper, events, of }
}

/** Polls `cond` every 10 ms; throws after `timeoutMs`. Resolves with the time it took. */
export async function until(
  what: string,
  cond: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<number> {
  const started = performance.now()
  for (;;) {
    if (await cond()) return performance.now() - started
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await sleep(10)
  }
}
