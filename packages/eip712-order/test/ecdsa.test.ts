import { createECDH, randomBytes } from 'node:crypto'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { keccak_256 } from '@noble/hashes/sha3.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Selected from '#secp256k1'
import { digestScalar, isScalar, N, recover, sign, toBig } from '../src/ecdsa.js'
import * as NobleBackend from '../src/secp256k1-noble.js'
import * as NodeBackend from '../src/secp256k1-node.js'
import { word } from './word.js'

const backends = [NodeBackend, NobleBackend] as const

/** noble's own ECDSA (the reference): 65 bytes r ‖ s ‖ v with v = 27/28. */
function reference(secret: Uint8Array, digest: Uint8Array): Uint8Array {
  const sig = secp256k1.sign(digest, secret, { prehash: false, lowS: true, format: 'recovered' })
  return Uint8Array.from([...sig.subarray(1), 27 + sig[0]!])
}

const secretArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).filter((b) => isScalar(toBig(b)))
const digestArb = fc.uint8Array({ minLength: 32, maxLength: 32 })

describe('#secp256k1 resolution', () => {
  it('selects the node:crypto backend on Node, which starts in OpenSSL', () => {
    expect(Selected.backend).toBe('node')
    expect(NodeBackend.engine()).toBe('openssl')
  })
})

describe.each(backends)('ECDSA with the $backend backend', (backend) => {
  it('signs exactly as noble does, past the switch to the large table (property)', () => {
    // 60 runs × 2 multiplications cross UPGRADE_AFTER, so both of each backend's paths are hit.
    fc.assert(
      fc.property(secretArb, digestArb, (secret, digest) => {
        const sig = sign(toBig(secret), secret, digest, backend.mulG, backend.hmacSha256)
        expect(Buffer.from(sig).toString('hex')).toBe(Buffer.from(reference(secret, digest)).toString('hex'))
        const q = backend.mulG(toBig(secret))
        expect(Uint8Array.from([...word(q.x), ...word(q.y)])).toEqual(
          secp256k1.getPublicKey(secret, false).subarray(1),
        )
      }),
      { numRuns: 60 },
    )
    expect(backend.engine()).toBe('noble')
  })

  it('handles the extreme scalars 1 and n−1 and an all-zero or all-ones digest', () => {
    for (const d of [1n, 2n, N - 1n, N >> 1n]) {
      const secret = word(d)
      for (const digest of [new Uint8Array(32), new Uint8Array(32).fill(0xff)]) {
        expect(sign(d, secret, digest, backend.mulG, backend.hmacSha256)).toEqual(reference(secret, digest))
      }
    }
  })

  it('recovers the signing key with its curve', () => {
    const secret = randomBytes(32)
    const digest = randomBytes(32)
    const sig = sign(toBig(secret), secret, digest, backend.mulG, backend.hmacSha256)
    const pub = recover(
      backend.curve(),
      digestScalar(digest),
      toBig(sig.subarray(0, 32)),
      toBig(sig.subarray(32, 64)),
      sig[64] === 28,
    )
    expect(pub).toEqual(secp256k1.getPublicKey(secret, false))
  })

  it('computes k·G like OpenSSL', () => {
    const k = randomBytes(32)
    const ecdh = createECDH('secp256k1')
    ecdh.setPrivateKey(k)
    const expected = ecdh.getPublicKey()
    const q = backend.mulG(toBig(k))
    expect(toBig(expected.subarray(1, 33))).toBe(q.x)
    expect(toBig(expected.subarray(33))).toBe(q.y)
  })
})

describe('recover', () => {
  it('rejects an r that is not the x of a curve point', () => {
    // x = 5: 125 + 7 = 132 is not a square mod p.
    expect(() => recover(NobleBackend.curve(), 1n, 5n, 1n, false)).toThrow()
  })

  it('matches keccak-derived addresses of noble keys', () => {
    const secret = randomBytes(32)
    const pub = secp256k1.getPublicKey(secret, false)
    const sig = reference(secret, keccak_256(Uint8Array.of(1)))
    const out = recover(
      NodeBackend.curve(),
      digestScalar(keccak_256(Uint8Array.of(1))),
      toBig(sig.subarray(0, 32)),
      toBig(sig.subarray(32, 64)),
      sig[64] === 28,
    )
    expect(out).toEqual(pub)
  })
})

describe('scalar helpers', () => {
  it('putUint/toBig round-trip and isScalar bounds', () => {
    for (const n of [0n, 1n, 255n, 256n, N - 1n, 2n ** 256n - 1n]) expect(toBig(word(n))).toBe(n)
    expect(isScalar(0n)).toBe(false)
    expect(isScalar(1n)).toBe(true)
    expect(isScalar(N - 1n)).toBe(true)
    expect(isScalar(N)).toBe(false)
  })
})
