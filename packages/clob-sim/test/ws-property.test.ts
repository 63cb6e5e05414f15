import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { book, l2, postLimit, RAIN_YES, simPool, trader } from './helpers.js'
import { clientPool, type Event, levels } from './ws-helpers.js'

const { sim } = simPool()
const clients = clientPool()
afterEach(() => clients.closeAll())

/** A local book mirrored only from the stream: `book` replaces, `price_change` sets or removes a level. */
function mirror() {
  let bids: Record<string, string> = {}
  let asks: Record<string, string> = {}
  let hash = ''
  return {
    apply(e: Event) {
      if (e.asset_id !== undefined && e.asset_id !== RAIN_YES) return
      if (e.event_type === 'book') {
        bids = levels(e.bids)
        asks = levels(e.asks)
        hash = e.hash
      } else if (e.event_type === 'price_change') {
        for (const x of e.price_changes) {
          if (x.asset_id !== RAIN_YES) continue
          const side = x.side === 'BUY' ? bids : asks
          if (x.size === '0') delete side[x.price]
          else side[x.price] = x.size
          hash = x.hash
        }
      }
    },
    get state() {
      return { bids, asks, hash }
    },
  }
}

const op = fc.oneof(
  fc.record({
    kind: fc.constant('limit' as const),
    who: fc.constantFrom(0, 1),
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    cents: fc.integer({ min: 40, max: 60 }),
    size: fc.integer({ min: 5, max: 400 }),
    orderType: fc.constantFrom('GTC' as const, 'GTC' as const, 'FAK' as const),
  }),
  fc.record({ kind: fc.constant('cancel' as const), who: fc.constantFrom(0, 1), pick: fc.nat() }),
)

describe('a book mirrored from the market stream', () => {
  it('equals GET /book level for level (and hash) after random order, cancel and match sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const s = await sim()
        const traders = [
          await trader(s, { collateral: '100000', tokens: { [RAIN_YES]: '5000' } }),
          await trader(s, { collateral: '100000', tokens: { [RAIN_YES]: '5000' } }),
        ]
        const open: string[][] = [[], []]
        const c = await clients.market(s, { type: 'market', assets_ids: [RAIN_YES] })
        const m = mirror()
        m.apply(await c.next('book'))
        for (const o of ops) {
          const t = traders[o.who] as (typeof traders)[number]
          if (o.kind === 'limit') {
            const r = await postLimit(s, t, {
              tokenId: RAIN_YES,
              side: o.side,
              price: o.cents / 100,
              size: o.size,
              orderType: o.orderType,
            })
            if (r.status === 200 && r.json.status === 'live') open[o.who]?.push(r.id)
          } else {
            const mine = open[o.who] as string[]
            if (mine.length === 0) continue
            const [id] = mine.splice(o.pick % mine.length, 1)
            await l2(s, t, 'DELETE', '/order', { orderID: id })
          }
          await c.barrier()
          for (const e of c.drain()) m.apply(e)
          const rest = await book(s, RAIN_YES)
          expect(m.state).toEqual({ bids: levels(rest.bids), asks: levels(rest.asks), hash: rest.hash })
        }
        clients.closeAll()
      }),
      { numRuns: 12 },
    )
  })
})
