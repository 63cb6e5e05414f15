// The Node backend where @noble/curves cannot be loaded with require() (a single-file
// bundle without node_modules): node:module's createRequire yields a require that fails.
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { describe, expect, it, vi } from 'vitest'
import { sign, toBig } from '../src/ecdsa.js'
import * as NodeBackend from '../src/secp256k1-node.js'
import { recoverDigest } from '../src/signer.js'
import { word } from './word.js'

vi.mock('node:module', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:module')>()
  return {
    ...original,
    createRequire: () => (id: string) => {
      throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' })
    },
  }
})

describe('Node backend without a loadable @noble/curves', () => {
  it('keeps signing in OpenSSL past the switch point, exactly as noble does', () => {
    let last: Uint8Array = new Uint8Array()
    const secret = word(0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80n)
    for (let i = 1; i <= 20; i++) {
      const digest = word(BigInt(i) ** 50n)
      last = sign(toBig(secret), secret, digest, NodeBackend.mulG, NodeBackend.hmacSha256)
      const ref = secp256k1.sign(digest, secret, { prehash: false, lowS: true, format: 'recovered' })
      expect(last).toEqual(Uint8Array.from([...ref.subarray(1), 27 + ref[0]!]))
    }
    expect(NodeBackend.engine()).toBe('openssl')
  })

  it('reports recovery as unsupported with a typed error, not as a bad signature', () => {
    expect(() => NodeBackend.curve()).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_RUNTIME' }))
    const digest = new Uint8Array(32).fill(7)
    const secret = new Uint8Array(32).fill(1)
    const sig =
      `0x${Buffer.from(sign(toBig(secret), secret, digest, NodeBackend.mulG, NodeBackend.hmacSha256)).toString('hex')}` as const
    expect(() => recoverDigest(digest, sig)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_RUNTIME' }))
  })
})
