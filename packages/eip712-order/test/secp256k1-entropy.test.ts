/** The pooled CSPRNG reader that blinds noble's nonce inversions (Node and portable backends). */
import { randomFillSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { pooledRandom } from '../src/secp256k1-backend.js'

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')
const readers = [
  ['node:crypto randomFillSync', (pool: Uint8Array) => void randomFillSync(pool)],
  ['crypto.getRandomValues', (pool: Uint8Array) => void globalThis.crypto.getRandomValues(pool)],
] as const

describe.each(readers)('pooledRandom over %s', (_, fill) => {
  it('hands out fresh bytes of the asked length, across many refills, none repeated', () => {
    const randomBytes = pooledRandom(fill)
    const seen = new Set<string>()
    // 48 bytes per signature: 2,000 draws cross the 4 KB pool ~23 times
    for (let i = 0; i < 2000; i++) {
      const b = randomBytes(48)
      expect(b.length).toBe(48)
      seen.add(hex(b))
    }
    expect(seen.size).toBe(2000)
    expect(randomBytes().length).toBe(32)
  })

  it('refills only when the pool is used up, and zeroes what it has handed out', () => {
    const pools: Uint8Array[] = []
    const randomBytes = pooledRandom((pool) => {
      pools.push(pool)
      fill(pool)
    })
    const first = randomBytes(48)
    expect(pools.length).toBe(1)
    const pool = pools[0]!
    expect(pool.subarray(0, 48).every((x) => x === 0)).toBe(true)
    expect(pool.subarray(48).some((x) => x !== 0)).toBe(true)
    // a copy: changing it changes nothing in the pool or in later draws
    first.fill(0xaa)
    expect(pool.subarray(0, 48).every((x) => x === 0)).toBe(true)
    for (let i = 1; i < Math.floor(4096 / 48); i++) randomBytes(48)
    expect(pools.length).toBe(1)
    randomBytes(48)
    expect(pools.length).toBe(2)
  })

  it('serves requests larger than the pool directly', () => {
    const big = pooledRandom(fill)(5000)
    expect(big.length).toBe(5000)
    expect(new Set(big).size).toBeGreaterThan(200)
  })

  it('is roughly uniform (byte frequencies over 96 KB within 30 % of the mean, ~6 σ)', () => {
    const randomBytes = pooledRandom(fill)
    const counts = new Array<number>(256).fill(0)
    for (let i = 0; i < 2048; i++) for (const x of randomBytes(48)) counts[x]!++
    const mean = (2048 * 48) / 256
    for (const c of counts) expect(Math.abs(c - mean)).toBeLessThan(mean * 0.3)
  })
})
