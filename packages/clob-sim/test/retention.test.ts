import { describe, expect, it } from 'vitest'
import { l2, postLimit, RAIN_YES, raw, simPool, trader } from './helpers.js'

const { sim } = simPool()

describe('retention (lists are trimmed in batches; readers see exactly the retained tail)', () => {
  it('notifications: the last retention.notifications, also across deletes', async () => {
    const s = await sim({ retention: { notifications: 4 } })
    const t = await trader(s, { collateral: '1000' })
    const ids = async () =>
      ((await l2(s, t, 'GET', '/notifications')).json as { id: number }[]).map((n) => n.id)
    const cancelOne = async (price: number) => {
      const o = await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price, size: 10 })
      await l2(s, t, 'DELETE', '/order', { orderID: o.id })
    }
    const all: number[] = []
    for (let i = 0; i < 10; i++) {
      await cancelOne(0.1 + i / 100)
      const seen = await ids()
      all.push(seen[seen.length - 1] as number)
      expect(seen).toEqual(all.slice(-4))
    }
    await l2(s, t, 'DELETE', `/notifications?ids=${all[8]}`)
    expect(await ids()).toEqual([all[6], all[7], all[9]])
    await cancelOne(0.3)
    await cancelOne(0.31)
    const after = await ids()
    expect(after).toHaveLength(4)
    expect(after.slice(0, 2)).toEqual([all[7], all[9]])
  })

  it('price history: at most 5 000 points per token', async () => {
    const s = await sim()
    const token = s.state.tokens.get(RAIN_YES)
    if (!token) throw new Error('no token')
    const now = Math.floor(s.clock.now() / 1000)
    for (let i = 0; i < 6_000; i++) token.history.push({ t: now - 6_000 + i, p: 500_000 })
    const res = await raw(s, 'GET', `/prices-history?market=${RAIN_YES}&interval=max`)
    expect(res.json.history).toHaveLength(5_000)
    expect(res.json.history[0].t).toBe(now - 5_000)
  })
})
