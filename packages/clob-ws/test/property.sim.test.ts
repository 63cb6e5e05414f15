/**
 * Property: after any sequence of orders, cancels and matches on the sim, the book mirrored
 * from the market stream equals GET /book level for level, also when the connection drops
 * in the middle of the sequence.
 */
import type { SimHandle } from '@clobkit/clob-sim'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectMarket, type MarketConnection } from '../src/index.js'
import { manualClock } from './support/clock.js'
import { admin, mirrorsRest, RAIN_NO, RAIN_YES, start, type Trader, trader, until } from './support/sim.js'

let sim: SimHandle
let traders: Trader[]
let market: MarketConnection
const clock = manualClock()

beforeAll(async () => {
  sim = await start()
  traders = [await trader(sim), await trader(sim)]
  market = connectMarket({
    url: sim.url,
    assets: [RAIN_YES, RAIN_NO],
    rest: traders[0]?.client,
    clock,
    random: () => 0.5,
  })
  await until(() => market.book(RAIN_YES)?.ready === true && market.book(RAIN_NO)?.ready === true, 'books')
})
afterAll(async () => {
  await market.close()
  await sim.stop()
})

type Cmd =
  | { kind: 'limit'; who: number; token: number; side: 'BUY' | 'SELL'; cents: number; size: number }
  | { kind: 'cancel'; who: number; pick: number }
  | { kind: 'market'; who: number; token: number; side: 'BUY' | 'SELL'; amount: number }
  | { kind: 'drop' }

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({
    kind: fc.constant('limit' as const),
    who: fc.integer({ min: 0, max: 1 }),
    token: fc.integer({ min: 0, max: 1 }),
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    cents: fc.integer({ min: 40, max: 60 }),
    size: fc.integer({ min: 5, max: 30 }),
  }),
  fc.record({ kind: fc.constant('cancel' as const), who: fc.integer({ min: 0, max: 1 }), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('market' as const),
    who: fc.integer({ min: 0, max: 1 }),
    token: fc.integer({ min: 0, max: 1 }),
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    amount: fc.integer({ min: 1, max: 10 }),
  }),
  fc.record({ kind: fc.constant('drop' as const) }),
)

const same = (tokenId: string) => mirrorsRest((traders[0] as Trader).client, market, tokenId)

describe('mirrored book', () => {
  it('equals GET /book level for level after random order/cancel/match sequences', async () => {
    const live: string[][] = [[], []]
    let drops = 0
    const done = { limit: 0, cancel: 0, market: 0, refused: new Set<string>() }
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 1, maxLength: 12 }), async (cmds) => {
        for (const c of cmds) {
          try {
            if (c.kind === 'drop') {
              // the connection is cut in the middle of trading; trading goes on while it reconnects
              await admin(sim, 'ws/faults', { kind: 'drop', channel: 'market' })
              await until(() => market.state === 'reconnecting', 'reconnecting')
              drops++
              continue
            }
            const t = traders[c.who] as Trader
            const tokenId = 'token' in c ? (c.token === 0 ? RAIN_YES : RAIN_NO) : RAIN_YES
            if (c.kind === 'limit') {
              const price = `0.${String(c.cents).padStart(2, '0')}`
              const r = await t.client.orders.createAndPost({
                tokenId,
                side: c.side,
                price,
                size: String(c.size),
              })
              if (r.status === 'live') live[c.who]?.push(r.orderID)
              done.limit++
            } else if (c.kind === 'cancel') {
              const ids = live[c.who] as string[]
              if (ids.length > 0) {
                await t.client.cancels.one(ids.splice(c.pick % ids.length, 1)[0] as string)
                done.cancel++
              }
            } else {
              await t.client.orders.createAndPostMarket(
                { tokenId, side: c.side, amount: String(c.amount) },
                { orderType: 'FAK' },
              )
              done.market++
            }
          } catch (error) {
            // an order the exchange refuses (no liquidity for a FAK, balance) changes nothing
            if (!(error instanceof Error && 'code' in error)) throw error
            done.refused.add(
              String((error as { insertCode?: string; code: string }).insertCode ?? error.code),
            )
          }
        }
        // let any pending reconnect fire: sim time moves in small steps while real I/O catches up
        for (let i = 0; i < 400 && market.state !== 'open'; i++) {
          clock.advance(500)
          await new Promise((r) => setTimeout(r, 2))
        }
        await until(async () => (await same(RAIN_YES)) && (await same(RAIN_NO)), 'mirror = GET /book', 5000)
        expect(market.book(RAIN_YES)?.crossed()).toBe(false)
      }),
      { numRuns: 25 },
    )
    // the sequences really traded: orders rested, were cancelled, and matched
    expect(done.limit).toBeGreaterThan(10)
    expect(done.cancel).toBeGreaterThan(0)
    expect(done.market).toBeGreaterThan(0)
    expect(drops).toBeGreaterThan(0)
    expect(
      [...done.refused].filter((c) => !/FAK_ORDER_NOT_FILLED|NOT_ENOUGH_BALANCE|NO_MATCH/.test(c)),
    ).toEqual([])
  })
})
