import { describe, expect, it } from 'vitest'
import { backoffDelay, backoffPolicy } from '../src/index.js'

describe('backoffDelay', () => {
  it('doubles from 1 s, caps at 60 s and spreads ±50 %', () => {
    const p = backoffPolicy()
    expect([0, 1, 2, 3, 5, 6, 20].map((n) => backoffDelay(n, p, () => 0.5))).toEqual([
      1000, 2000, 4000, 8000, 32000, 60000, 60000,
    ])
    expect(backoffDelay(0, p, () => 0)).toBe(500)
    expect(backoffDelay(0, p, () => 0.999999)).toBe(1500)
    expect(backoffDelay(30, p, () => 0)).toBe(30000)
  })
})

describe('backoffPolicy', () => {
  it('names the bad field', () => {
    expect(() => backoffPolicy({ jitter: 2 })).toThrow(expect.objectContaining({ param: 'backoff.jitter' }))
    expect(() => backoffPolicy({ initialMs: 10, maxMs: 5 })).toThrow(
      expect.objectContaining({ param: 'backoff.maxMs' }),
    )
    expect(() => backoffPolicy({ factor: Number.NaN })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    )
  })
})
