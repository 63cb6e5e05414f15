import { Hex, isClobError } from '@clobkit/eip712-order'
import { describe, expect, it } from 'vitest'

describe('Hex.fromBytes', () => {
  it('encodes lowercase with 0x', () => {
    expect(Hex.fromBytes(new Uint8Array([0, 1, 171, 255]))).toBe('0x0001abff')
    expect(Hex.fromBytes(new Uint8Array(0))).toBe('0x')
  })
  it('round-trips every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i)
    expect(Hex.toBytes(Hex.fromBytes(all))).toEqual(all)
  })
})

describe('Hex.toBytes', () => {
  it('decodes either case', () => {
    expect(Hex.toBytes('0xDEADbeef')).toEqual(new Uint8Array([0xde, 0xad, 0xbe, 0xef]))
    expect(Hex.toBytes('0X01')).toEqual(new Uint8Array([1]))
    expect(Hex.toBytes('0x')).toEqual(new Uint8Array(0))
  })
  it.each([['deadbeef'], ['0x123'], ['0xzz'], ['0x0g'], [''], ['0'], [' 0x00']])(
    'rejects %j with INVALID_HEX',
    (v) => {
      expect(() => Hex.toBytes(v, 'metadata')).toThrow(
        expect.objectContaining({ code: 'INVALID_HEX', param: 'metadata' }),
      )
    },
  )
  it('rejects non-strings', () => {
    for (const v of [null, undefined, 12, {}, []]) {
      try {
        Hex.toBytes(v as unknown as string)
        expect.unreachable()
      } catch (e) {
        expect(isClobError(e) && e.code).toBe('INVALID_HEX')
      }
    }
  })
  it('checks the byte length when asked', () => {
    expect(Hex.toBytes(Hex.ZERO_BYTES32, 'x', 32)).toHaveLength(32)
    expect(() => Hex.toBytes('0x00', 'builder', 32)).toThrow(expect.objectContaining({ param: 'builder' }))
  })
})

describe('Hex.isHex', () => {
  it('accepts even-length hex, optionally of a byte length', () => {
    expect(Hex.isHex('0xabCD')).toBe(true)
    expect(Hex.isHex('0x')).toBe(true)
    expect(Hex.isHex('0xabc')).toBe(false)
    expect(Hex.isHex('abcd')).toBe(false)
    expect(Hex.isHex('0xabcg')).toBe(false)
    expect(Hex.isHex(1234)).toBe(false)
    expect(Hex.isHex(Hex.ZERO_BYTES32, { bytes: 32 })).toBe(true)
    expect(Hex.isHex('0x00', { bytes: 32 })).toBe(false)
  })
})

describe('Hex.assert', () => {
  it('throws INVALID_HEX naming the parameter', () => {
    expect(() => Hex.assert('0x1', 'signature')).toThrow(
      expect.objectContaining({ code: 'INVALID_HEX', param: 'signature' }),
    )
    expect(() => Hex.assert('0x11', 'metadata', 32)).toThrow(expect.objectContaining({ param: 'metadata' }))
    expect(() => Hex.assert('0x11', 'x')).not.toThrow()
  })
})

describe('Hex.concat', () => {
  it('concatenates', () => {
    expect(Hex.concat(new Uint8Array([1]), new Uint8Array(0), new Uint8Array([2, 3]))).toEqual(
      new Uint8Array([1, 2, 3]),
    )
  })
})

describe('Hex.ZERO_BYTES32', () => {
  it('is 32 zero bytes', () => {
    expect(Hex.toBytes(Hex.ZERO_BYTES32)).toEqual(new Uint8Array(32))
  })
})
