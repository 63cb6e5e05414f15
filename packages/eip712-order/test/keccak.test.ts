// The unrolled Keccak-256 is kept only while it stays identical to @noble/hashes' keccak_256.
import { randomBytes } from 'node:crypto'
import { keccak256 } from '@clobkit/eip712-order/keccak'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { describe, expect, it } from 'vitest'

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')

describe('keccak256 against @noble/hashes keccak_256', () => {
  it('agrees on random bytes of every length from 0 to 700 (every rate-block boundary up to 5 blocks)', () => {
    const pool = randomBytes(701)
    for (let n = 0; n <= 700; n++) {
      const data = pool.subarray(0, n)
      expect(hex(keccak256(data)), `length ${n}`).toBe(hex(keccak_256(data)))
    }
  })

  it('agrees on random lengths up to 20 KB, also for views at odd offsets into a larger buffer', () => {
    const pool = randomBytes(20 * 1024 + 16)
    for (let i = 0; i < 200; i++) {
      const n = Math.floor(Math.random() * (20 * 1024 + 1))
      const offset = i % 16
      const data = pool.subarray(offset, offset + n)
      expect(hex(keccak256(data)), `length ${n} at ${offset}`).toBe(hex(keccak_256(data)))
    }
    const all = pool.subarray(0, 20 * 1024)
    expect(hex(keccak256(all))).toBe(hex(keccak_256(all)))
  })

  it('is stateless between calls (a long input, then a short one)', () => {
    const long = randomBytes(5000)
    const short = randomBytes(3)
    keccak256(long)
    expect(hex(keccak256(short))).toBe(hex(keccak_256(short)))
  })
})
