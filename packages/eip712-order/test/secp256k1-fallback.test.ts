// Where the optional libsecp256k1 binding cannot load (no prebuild for the platform, no
// compiler, a bundle without node_modules), noble signs. node:module's createRequire is
// replaced by one whose require fails for the binding alone, as a missing package does.
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { describe, expect, it, vi } from 'vitest'
import * as Seam from '../src/secp256k1-node.js'
import { fromPrivateKey, recoverDigest } from '../src/signer.js'
import { word } from './word.js'

vi.mock('node:module', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:module')>()
  return {
    ...original,
    createRequire: (from: string | URL) => {
      const real = original.createRequire(from)
      return Object.assign((id: string) => {
        if (id.startsWith('secp256k1')) {
          throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' })
        }
        return real(id)
      }, real)
    },
  }
})

describe('Node backend without the libsecp256k1 binding', () => {
  it('signs with noble, exactly as noble does, and says so', () => {
    expect(Seam.backend().name).toBe('noble')
    expect(Seam.available()).toEqual(['noble'])
    const secret = word(0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80n)
    const signer = fromPrivateKey(secret)
    expect(signer.backend).toBe('noble')
    expect(signer.address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')
    for (let i = 1; i <= 20; i++) {
      const digest = word(BigInt(i) ** 50n)
      const ref = secp256k1.sign(digest, secret, { prehash: false, lowS: true, format: 'recovered' })
      const sig = signer.signDigest(digest)
      expect(sig).toBe(`0x${Buffer.from([...ref.subarray(1), 27 + ref[0]!]).toString('hex')}`)
      expect(recoverDigest(digest, sig)).toBe(signer.address)
    }
  })

  it('refuses a forced libsecp256k1 with a typed error that carries the load failure', () => {
    const attempt = () => fromPrivateKey(word(1n), { backend: 'libsecp256k1' })
    expect(attempt).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_RUNTIME' }))
    try {
      attempt()
    } catch (e) {
      expect((e as Error).cause).toMatchObject({ code: 'MODULE_NOT_FOUND' })
    }
  })
})
