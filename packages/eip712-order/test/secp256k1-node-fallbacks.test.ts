// The Node backend where OpenSSL has no secp256k1 (Electron's BoringSSL, FIPS builds):
// node:crypto's createECDH is replaced by one that rejects the curve, as those runtimes do.
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { describe, expect, it, vi } from 'vitest'
import { sign, toBig } from '../src/ecdsa.js'
import * as NodeBackend from '../src/secp256k1-node.js'
import { word } from './word.js'

vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>()
  return {
    ...original,
    createECDH: (curve: string) => {
      if (curve === 'secp256k1') throw new Error('Invalid EC curve name')
      return original.createECDH(curve)
    },
  }
})

describe('Node backend without OpenSSL secp256k1', () => {
  it('signs with noble from the first call, exactly as noble does', () => {
    for (let i = 1; i <= 20; i++) {
      const secret = word(BigInt(i) * 0x1234567890abcdefn)
      const digest = word(BigInt(i) ** 40n)
      const ours = sign(toBig(secret), secret, digest, NodeBackend.mulG, NodeBackend.hmacSha256)
      const ref = secp256k1.sign(digest, secret, { prehash: false, lowS: true, format: 'recovered' })
      expect(ours).toEqual(Uint8Array.from([...ref.subarray(1), 27 + ref[0]!]))
      expect(NodeBackend.engine()).toBe('noble')
    }
  })
})
