import { Salt } from '@clobkit/eip712-order'
import { describe, expect, it } from 'vitest'

describe('Salt.generate', () => {
  it('returns decimal strings in [1, 2^53 - 1] without duplicates', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 2000; i++) {
      const s = Salt.generate()
      expect(s).toMatch(/^[1-9][0-9]*$/)
      const n = BigInt(s)
      expect(n >= 1n && n <= Salt.MAX).toBe(true)
      expect(Number.isSafeInteger(Number(s))).toBe(true)
      seen.add(s)
    }
    expect(seen.size).toBe(2000)
  })
  it('uses the whole range (high bits are set in some salts)', () => {
    let big = 0
    for (let i = 0; i < 200; i++) if (BigInt(Salt.generate()) > 2n ** 52n) big++
    expect(big).toBeGreaterThan(40)
  })
  it('MAX is 2^53 - 1', () => {
    expect(Salt.MAX).toBe(2n ** 53n - 1n)
  })
})
