import { Salt } from '@clobkit/eip712-order'
import { describe, expect, it, vi } from 'vitest'

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
  it('draws from the CSPRNG in batches: one call per 64 salts, every word used once', () => {
    const calls: Uint32Array[] = []
    const real = globalThis.crypto.getRandomValues.bind(globalThis.crypto)
    const spy = vi
      .spyOn(globalThis.crypto, 'getRandomValues')
      .mockImplementation(<T extends ArrayBufferView | null>(a: T): T => {
        const out = real(a as never) as T
        calls.push(Uint32Array.from(out as unknown as Uint32Array))
        return out
      })
    try {
      // salts made from words drawn after the spy was installed (the pool may hold leftovers)
      const spied: string[] = []
      for (let i = 0; i < 640; i++) {
        const before = calls.length
        const salt = Salt.generate()
        if (before > 0 || calls.length > before) spied.push(salt)
      }
      // 1280 words: 10 refills of 128, one more when the pool started part-used
      expect(calls.length).toBeGreaterThanOrEqual(10)
      expect(calls.length).toBeLessThanOrEqual(11)
      expect(spied.length).toBeGreaterThan(570)
      // each of those salts is two consecutive words of the batches, none used twice
      const words = calls.flatMap((c) => [...c])
      const made = new Set<string>()
      for (let i = 0; i + 1 < words.length; i += 2) {
        made.add(String((words[i]! & 0x1fffff) * 0x100000000 + words[i + 1]!))
      }
      for (const salt of spied) expect(made.has(salt)).toBe(true)
      expect(new Set(spied).size).toBe(spied.length)
    } finally {
      spy.mockRestore()
    }
  })
  it('MAX is 2^53 - 1', () => {
    expect(Salt.MAX).toBe(2n ** 53n - 1n)
  })
})
