/**
 * `strict: true` on order creation, against clob-sim over loopback HTTP: the tick it checks
 * is the market's, resolved from the server, and a refused order is never sent.
 */
import { type Client, createClient } from '@clobkit/clob-rest'
import { type SimHandle, startSim } from '@clobkit/clob-sim'
import { isClobError } from '@clobkit/eip712-order'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signer } from './support/fake.js'

const YES = '62428506449048733482889176181157278288069285274000009070221467769868662240817' // tick 0.01
const BTC_YES = '104817331945270823609853197244317013432019346290416474870117429663584390021975' // tick 0.001

let sim: SimHandle
let client: Client

beforeAll(async () => {
  sim = await startSim({ port: 0, admin: true })
  const l1 = createClient({ host: sim.url, chainId: 137, signer })
  client = l1.withCredentials(await l1.keys.createOrDerive())
  const res = await fetch(`${sim.url}/_sim/fund`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ address: signer.address, collateral: '1000' }),
  })
  expect(res.ok).toBe(true)
})
afterAll(() => sim.stop())

async function refusal(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn()
  } catch (e) {
    return e
  }
  throw new Error('expected a refusal')
}

describe('Orders.create strict', () => {
  it("checks the price against the market's own tick and names the neighbours", async () => {
    const e = await refusal(() =>
      client.orders.create({ tokenId: YES, side: 'BUY', price: '0.453', size: '10' }, { strict: true }),
    )
    expect(isClobError(e)).toBe(true)
    expect(e).toMatchObject({
      code: 'PRICE_NOT_ON_TICK',
      param: 'price',
      details: { tickSize: '0.01', below: '0.45', above: '0.46' },
    })
    // the same price is on the tick of a 0.001 market
    const fine = await client.orders.create(
      { tokenId: BTC_YES, side: 'BUY', price: '0.453', size: '10' },
      { strict: true },
    )
    expect(fine.order).toMatchObject({ makerAmount: '4530000', takerAmount: '10000000' })
  })

  it('refuses extra size decimals; without strict the rounded order is the one signed', async () => {
    const e = await refusal(() =>
      client.orders.create(
        { tokenId: YES, side: 'BUY', price: '0.45', size: '10.0000001' },
        { strict: true },
      ),
    )
    expect(e).toMatchObject({
      code: 'SIZE_NOT_ON_LOT',
      param: 'size',
      details: { below: '10', above: '10.01' },
    })
    const rounded = await client.orders.create({
      tokenId: YES,
      side: 'BUY',
      price: '0.453',
      size: '10.0000001',
    })
    expect(rounded.order).toMatchObject({ makerAmount: '4500000', takerAmount: '10000000' })
  })

  it('createAndPost refuses before sending anything', async () => {
    const e = await refusal(() =>
      client.orders.createAndPost(
        { tokenId: YES, side: 'BUY', price: '0.50000000001', size: '10' },
        { strict: true },
      ),
    )
    expect(e).toMatchObject({ code: 'PRICE_NOT_ON_TICK', param: 'price' })
    expect(await client.orders.open({ asset_id: YES }).all()).toEqual([])
    const market = await refusal(() =>
      client.orders.createAndPostMarket(
        { tokenId: YES, side: 'BUY', amount: '5.001', price: '0.5' },
        { strict: true },
      ),
    )
    expect(market).toMatchObject({ code: 'SIZE_NOT_ON_LOT', param: 'amount' })
  })
})
