/** The pooled node:crypto CSPRNG that blinds noble's nonce inversions on Node. */
import { describe, expect, it } from 'vitest'
import { randomBytes } from '../src/secp256k1-node.js'

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')

describe('the Node entropy pool for noble', () => {
  it('hands out fresh bytes of the asked length, across many refills, none repeated', () => {
    const seen = new Set<string>()
    // 48 bytes per signature: 2,000 draws cross the 4 KB pool ~23 times
    for (let i = 0; i < 2000; i++) {
      const b = randomBytes(48)
      expect(b).toBeInstanceOf(Uint8Array)
      expect(b.length).toBe(48)
      seen.add(hex(b))
    }
    expect(seen.size).toBe(2000)
  })

  it('returns copies: changing one draw changes nothing later, and no draw is all zero', () => {
    const a = randomBytes(48)
    a.fill(0)
    for (let i = 0; i < 200; i++) expect(randomBytes(48).some((x) => x !== 0)).toBe(true)
    expect(randomBytes().length).toBe(32)
  })

  it('serves requests larger than the pool directly', () => {
    const big = randomBytes(5000)
    expect(big.length).toBe(5000)
    expect(new Set(big).size).toBeGreaterThan(200)
  })

  it('is roughly uniform (byte frequencies over 96 KB within 30 % of the mean, ~6 σ)', () => {
    const counts = new Array<number>(256).fill(0)
    for (let i = 0; i < 2048; i++) for (const x of randomBytes(48)) counts[x]!++
    const mean = (2048 * 48) / 256
    for (const c of counts) expect(Math.abs(c - mean)).toBeLessThan(mean * 0.3)
  })
})
