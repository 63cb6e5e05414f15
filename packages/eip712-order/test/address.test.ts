import { Address } from '@clobkit/eip712-order'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { describe, expect, it } from 'vitest'

const HARDHAT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const PK = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'

describe('Address.checksum', () => {
  it('produces EIP-55 checksums (including the EIP-55 spec vectors)', () => {
    expect(Address.checksum(HARDHAT.toLowerCase())).toBe(HARDHAT)
    expect(Address.checksum(HARDHAT.toUpperCase().replace('0X', '0x'))).toBe(HARDHAT)
    for (const a of [
      '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
      '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
      '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
      '0xe2222d279d744050d28e00520010520000310F59',
    ]) {
      expect(Address.checksum(a.toLowerCase())).toBe(a)
    }
  })
  it('rejects non-addresses with INVALID_ADDRESS', () => {
    expect(() => Address.checksum('0x1234', 'maker')).toThrow(
      expect.objectContaining({ code: 'INVALID_ADDRESS', param: 'maker' }),
    )
  })
})

describe('Address.isAddress', () => {
  it('accepts lowercase, uppercase and correct checksums; rejects bad checksums', () => {
    expect(Address.isAddress(HARDHAT)).toBe(true)
    expect(Address.isAddress(HARDHAT.toLowerCase())).toBe(true)
    expect(Address.isAddress(`0x${HARDHAT.slice(2).toUpperCase()}`)).toBe(true)
    expect(Address.isAddress('0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266')).toBe(false)
    expect(Address.isAddress('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb9226')).toBe(false)
    expect(Address.isAddress('f39Fd6e51aad88F6F4ce6aB8827279cffFb922661')).toBe(false)
    expect(Address.isAddress(`0x${'g'.repeat(40)}`)).toBe(false)
    expect(Address.isAddress(42)).toBe(false)
  })
})

describe('Address.assert', () => {
  it('throws INVALID_ADDRESS naming the parameter', () => {
    expect(() => Address.assert('0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266', 'funder')).toThrow(
      expect.objectContaining({ code: 'INVALID_ADDRESS', param: 'funder' }),
    )
    expect(() => Address.assert(undefined, 'taker')).toThrow(expect.objectContaining({ param: 'taker' }))
    expect(() => Address.assert(HARDHAT, 'maker')).not.toThrow()
  })
})

describe('Address.equal', () => {
  it('compares case-insensitively and is false for non-addresses', () => {
    expect(Address.equal(HARDHAT, HARDHAT.toLowerCase())).toBe(true)
    expect(Address.equal(HARDHAT, Address.ZERO)).toBe(false)
    expect(Address.equal('0x12', '0x12')).toBe(false)
  })
})

describe('Address.fromPublicKey', () => {
  it('derives the address of the Hardhat key from any public key encoding', () => {
    const sk = Uint8Array.from(Buffer.from(PK.slice(2), 'hex'))
    const uncompressed = secp256k1.getPublicKey(sk, false)
    expect(Address.fromPublicKey(uncompressed)).toBe(HARDHAT)
    expect(Address.fromPublicKey(secp256k1.getPublicKey(sk, true))).toBe(HARDHAT)
    expect(Address.fromPublicKey(uncompressed.subarray(1))).toBe(HARDHAT)
  })
  it('rejects junk', () => {
    expect(() => Address.fromPublicKey(new Uint8Array(12))).toThrow(
      expect.objectContaining({ code: 'INVALID_HEX' }),
    )
    expect(() => Address.fromPublicKey(new Uint8Array(33))).toThrow(
      expect.objectContaining({ code: 'INVALID_HEX' }),
    )
  })
})
