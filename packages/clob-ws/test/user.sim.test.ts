/**
 * The user stream and the order tracker against clob-sim over real loopback WebSockets.
 */
import { inspect } from 'node:util'
import { OrderOutcomeUnknownError } from '@clobkit/clob-rest'
import type { SimHandle } from '@clobkit/clob-sim'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  connectUser,
  QueueOverflowError,
  trackOrders,
  type UserConnection,
  type UserStreamEvent,
  WsAuthError,
} from '../src/index.js'
import { manualClock } from './support/clock.js'
import { admin, RAIN, RAIN_YES, start, type Trader, trader, until, userSubscribed } from './support/sim.js'

let sim: SimHandle
let alice: Trader
let bob: Trader
const open: UserConnection[] = []

beforeAll(async () => {
  sim = await start()
  alice = await trader(sim)
  bob = await trader(sim)
})
afterAll(() => sim.stop())
afterEach(async () => {
  for (const c of open.splice(0)) await c.close()
  await admin(sim, 'ws/faults', undefined, 'DELETE')
  await admin(sim, 'faults', undefined, 'DELETE')
  await alice.client.cancels.all()
  await bob.client.cancels.all()
})

function connect(who: Trader, options: Partial<Parameters<typeof connectUser>[0]> = {}) {
  const events: UserStreamEvent[] = []
  const user = connectUser({ url: sim.url, credentials: who.creds, ...options })
  open.push(user)
  user.on('*', (e) => events.push(e))
  return { user, events }
}

describe('connectUser', () => {
  it('parses order PLACEMENT/UPDATE/CANCELLATION and trade MATCHED → MINED → CONFIRMED', async () => {
    const { user, events } = connect(alice, { markets: [RAIN] })
    await until(() => user.state === 'open', 'open')
    await userSubscribed(sim, alice.creds.key)
    const rest = await alice.client.orders.createAndPost({
      tokenId: RAIN_YES,
      side: 'SELL',
      price: '0.51',
      size: '10',
    })
    await bob.client.orders.createAndPost({ tokenId: RAIN_YES, side: 'BUY', price: '0.51', size: '5' })
    await alice.client.cancels.one(rest.orderID)
    await admin(sim, 'time', { advanceMs: 60_000 })
    const kinds = () =>
      events.flatMap((e) =>
        e.type === 'order' ? [e.data.type] : e.type === 'trade' ? [String(e.data.status)] : [],
      )
    await until(
      () =>
        ['PLACEMENT', 'UPDATE', 'CANCELLATION', 'MATCHED', 'MINED', 'CONFIRMED'].every((k) =>
          kinds().includes(k),
        ),
      'every order type and trade status',
    ).catch((e) => {
      throw new Error(
        `${e}: ${JSON.stringify(events.map((x) => [x.type, (x as { data?: { type?: string; status?: string } }).data?.type, (x as { data?: { status?: string } }).data?.status, (x as { reason?: string }).reason]))}`,
      )
    })
    expect(events.filter((e) => e.type === 'malformed' || e.type === 'unknown')).toEqual([])
    expect(
      events.flatMap((e) => ('unknownFields' in e ? e.unknownFields.map((f) => `${e.type}.${f}`) : [])),
    ).toEqual([])
  })

  it('treats refused credentials as a typed error and does not reconnect', async () => {
    await admin(sim, 'ws/faults', { kind: 'refuse-auth', channel: 'user', count: 1 })
    const clock = manualClock()
    const { user, events } = connect(alice, { clock })
    const it = user.events()
    await until(() => user.state === 'closed', 'closed')
    expect(user.error).toBeInstanceOf(WsAuthError)
    expect(user.error?.code).toBe('WS_AUTH_FAILED')
    const drained = (async () => {
      for await (const _e of it) {
        // state events come first; the iterator then throws the auth error
      }
    })()
    await expect(drained).rejects.toBeInstanceOf(WsAuthError)
    clock.advance(600_000)
    await new Promise((r) => setTimeout(r, 30))
    expect(events.filter((e) => e.type === 'state' && e.state === 'connecting')).toHaveLength(0)
    expect(user.state).toBe('closed')
    // the secret never shows: not in the error, not in inspect of the connection or the error
    for (const text of [
      inspect(user, { depth: 6, getters: true }),
      inspect(user.error, { depth: 6 }),
      JSON.stringify(events),
      String(user.error?.message),
    ]) {
      expect(text).not.toContain(alice.creds.secret)
      expect(text).not.toContain(alice.creds.passphrase)
    }
  })
})

describe('connectUser backpressure and abort', () => {
  it('never drops user events: a slow iterator gets them all, then QueueOverflowError', async () => {
    const controller = new AbortController()
    const { user } = connect(alice, { queueCapacity: 3, signal: controller.signal })
    const it = user.events()
    await userSubscribed(sim, alice.creds.key)
    for (let i = 0; i < 3; i++) {
      await alice.client.orders.createAndPost({
        tokenId: RAIN_YES,
        side: 'BUY',
        price: `0.1${i}`,
        size: '10',
      })
    }
    await until(() => user.state === 'open', 'open')
    await new Promise((r) => setTimeout(r, 50))
    const got: string[] = []
    const error = await (async () => {
      try {
        for await (const e of it) got.push(e.type)
      } catch (e) {
        return e
      }
      return undefined
    })()
    expect(error).toBeInstanceOf(QueueOverflowError)
    expect(got).toHaveLength(3) // the first three, in order, none skipped
    controller.abort()
    expect(user.state).toBe('closed')
  })
})

describe('trackOrders', () => {
  it('has every fill and cancel after a disconnect in the middle of trading, none twice', async () => {
    const alice = await trader(sim)
    const clock = manualClock()
    const { user } = connect(alice, { clock, random: () => 0.5 })
    const tracker = trackOrders({ user, rest: alice.client, clock })
    const tevents: unknown[] = []
    tracker.on('*', (e) => tevents.push(e))
    await until(() => user.state === 'open', 'open')
    await userSubscribed(sim, alice.creds.key)
    const a1 = await alice.client.orders.createAndPost({
      tokenId: RAIN_YES,
      side: 'SELL',
      price: '0.51',
      size: '20',
    })
    await bob.client.orders.createAndPost({ tokenId: RAIN_YES, side: 'BUY', price: '0.51', size: '5' })
    await until(() => tracker.fills().length === 1, 'first fill').catch((e) => {
      throw new Error(`${e} ${JSON.stringify(tevents)}`)
    })
    // the connection drops; trading goes on while it is down
    await admin(sim, 'ws/faults', { kind: 'drop', channel: 'user' })
    await until(() => user.state === 'reconnecting', 'reconnecting')
    const a2 = await alice.client.orders.createAndPost({
      tokenId: RAIN_YES,
      side: 'SELL',
      price: '0.51',
      size: '10',
    })
    tracker.track(a2.orderID) // the bot tells the tracker what it placed; the stream is down
    await bob.client.orders.createAndPost({ tokenId: RAIN_YES, side: 'BUY', price: '0.51', size: '5' })
    await bob.client.orders.createAndPost({ tokenId: RAIN_YES, side: 'BUY', price: '0.51', size: '5' })
    await alice.client.cancels.one(a2.orderID)
    clock.advance(1000)
    await until(() => tracker.fills().length === 3, 'fills after reconnect')
    await until(() => tracker.order(a2.orderID)?.status === 'canceled', 'cancel after reconnect')
    expect(tracker.order(a1.orderID)).toMatchObject({ status: 'live', sizeMatched: '15' })
    const restTrades = await alice.client.trades.list({ asset_id: RAIN_YES }).all()
    expect(new Set(tracker.fills().map((f) => f.tradeId))).toEqual(new Set(restTrades.map((t) => t.id)))
    expect(tracker.position(RAIN_YES)).toBe('-15')
    tracker.close()
  })

  it('settles an order whose POST outcome was unknown, by the stream or by reconcile', async () => {
    const { user } = connect(alice)
    const tracker = trackOrders({ user, rest: alice.client, settleAfterMs: 50 })
    await until(() => user.state === 'open', 'open')
    await userSubscribed(sim, alice.creds.key)
    await admin(sim, 'faults', { path: '/order', method: 'POST', dropAfterProcess: true })
    const err = await alice.client.orders
      .createAndPost({ tokenId: RAIN_YES, side: 'BUY', price: '0.2', size: '10' })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(OrderOutcomeUnknownError)
    const [placed] = await tracker.settle(err as OrderOutcomeUnknownError)
    expect(placed).toMatchObject({ outcome: 'live' })
    await admin(sim, 'faults', { path: '/order', method: 'POST', status: 503 })
    const lost = await alice.client.orders
      .createAndPost({ tokenId: RAIN_YES, side: 'BUY', price: '0.21', size: '10' })
      .catch((e: unknown) => e)
    expect(lost).toBeInstanceOf(OrderOutcomeUnknownError)
    const [never] = await tracker.settle(lost as OrderOutcomeUnknownError)
    expect(never).toMatchObject({ outcome: 'not_found', source: 'reconcile' })
    tracker.close()
  })
})
