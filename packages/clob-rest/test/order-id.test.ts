/**
 * One name for the order ID (`orderId`) on every library surface, against clob-sim over
 * loopback HTTP: created, posted, batched, refused, outcome-unknown and reconciled orders all
 * carry the same id, and it is the exchange's own `orderID`.
 */
import { type Client, createClient, OrderOutcomeUnknownError, OrderRejectedError } from '@clobkit/clob-rest'
import { type SimHandle, startSim } from '@clobkit/clob-sim'
import { Order } from '@clobkit/eip712-order'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { signer } from './support/fake.js'
import { startServer } from './support/server.js'

const YES = '62428506449048733482889176181157278288069285274000009070221467769868662240817'

let sim: SimHandle
let client: Client

async function admin(path: string, body?: unknown, method = 'POST'): Promise<void> {
  const res = await fetch(`${sim.url}/_sim/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  expect(res.ok, `admin ${path}`).toBe(true)
}

beforeAll(async () => {
  sim = await startSim({ port: 0, admin: true })
  const l1 = createClient({ host: sim.url, chainId: 137, signer })
  client = l1.withCredentials(await l1.keys.createOrDerive())
})
afterAll(() => sim.stop())
beforeEach(async () => {
  await admin('faults', undefined, 'DELETE')
  await admin('fund', { address: signer.address, collateral: '1000' })
  await client.cancels.all()
})

const limit = (price: string) => ({ tokenId: YES, side: 'BUY', price, size: '10' }) as const

describe('orderId', () => {
  it('is the EIP-712 hash on a created order and the exchange orderID once posted', async () => {
    const created = await client.orders.create(limit('0.30'))
    expect(created.orderId).toBe(Order.hash(created.order, created.domain))
    expect(created.hash).toBe(created.orderId) // deprecated alias
    const posted = await client.orders.post(created)
    expect(posted.orderId).toBe(created.orderId)
    expect(posted.orderID.toLowerCase()).toBe(posted.orderId.toLowerCase())
    const [open] = await client.orders.open({ id: posted.orderId }).all()
    expect(open?.id.toLowerCase()).toBe(posted.orderId.toLowerCase())
  })

  it('is known for a bare signed order too', async () => {
    const created = await client.orders.create(limit('0.31'))
    const posted = await client.orders.post(created.order)
    expect(posted.orderId).toBe(created.orderId)
  })

  it('names every order of a batch', async () => {
    const created = await Promise.all(['0.32', '0.33'].map((p) => client.orders.create(limit(p))))
    const entries = await client.orders.postMany(created)
    expect(entries.map((e) => e.orderId)).toEqual(created.map((c) => c.orderId))
    expect(entries.map((e) => e.response?.orderID.toLowerCase())).toEqual(created.map((c) => c.orderId))
  })

  it('is on a refusal', async () => {
    const created = await client.orders.create(limit('0.34'))
    await client.orders.post(created)
    const err = await client.orders.post(created).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(OrderRejectedError)
    expect((err as OrderRejectedError).orderId).toBe(created.orderId)
    expect((err as OrderRejectedError).details.orderId).toBe(created.orderId)
  })

  it('is on an unknown outcome and in what reconcile reports', async () => {
    await admin('faults', { path: '/order', method: 'POST', dropAfterProcess: true })
    const created = await client.orders.create(limit('0.35'))
    const err = (await client.orders.post(created).catch((e: unknown) => e)) as OrderOutcomeUnknownError
    expect(err).toBeInstanceOf(OrderOutcomeUnknownError)
    expect(err.orderIds).toEqual([created.orderId])
    expect(err.details.orderIds).toEqual([created.orderId])
    expect(err.orderHashes).toBe(err.orderIds) // deprecated alias
    const [entry] = await client.orders.reconcile(err)
    expect(entry).toMatchObject({ orderId: created.orderId, status: 'live' })
    const [again] = await client.orders.reconcile([{ orderId: created.orderId, tokenId: YES }])
    expect(again).toMatchObject({ orderId: created.orderId, status: 'live' })
  })
})

// No honest server accepts an order without its id; a raw loopback server plays the one that
// does, for a bare signed order whose domain (neg risk) this client has never fetched.
describe('orderId of a bare signed order on a fresh client', () => {
  it("is the server's orderID, and an accepted order without one is an unknown outcome", async () => {
    const created = await client.orders.create(limit('0.36'))
    const id = `0x${'ab'.repeat(32)}`
    const raw = await startServer(() => ({ body: { success: true, orderID: id, status: 'live' } }))
    try {
      const fresh = createClient({ host: raw.url, chainId: 137, signer }).withCredentials(
        await client.keys.createOrDerive(),
      )
      expect((await fresh.orders.post(created.order)).orderId).toBe(id)
      raw.handler = () => ({ body: { success: true, orderID: '', status: 'live' } })
      const err = await fresh.orders.post(created.order).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(OrderOutcomeUnknownError)
      expect((err as OrderOutcomeUnknownError).orderIds).toEqual([])
      expect((err as OrderOutcomeUnknownError).tokenIds).toEqual([YES])
      expect((err as Error).cause).toMatchObject({ name: 'ResponseValidationError', schemaPath: 'orderID' })
    } finally {
      await raw.close()
    }
  })
})
