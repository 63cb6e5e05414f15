import { createECDH, createHash, createPublicKey, verify as nodeVerify, randomBytes } from 'node:crypto'
import { type Hex, Signer } from '@clobkit/eip712-order'
import { describe, expect, it } from 'vitest'
import { Curve, invMod, liftX, N, P } from '../src/secp256k1.js'
import { HARDHAT_KEY } from './helpers.js'

const rnd = (m: bigint) => BigInt(`0x${randomBytes(32).toString('hex')}`) % m
const EDGES = [
  0n,
  1n,
  2n,
  977n,
  (1n << 32n) - 1n,
  1n << 32n,
  (1n << 255n) - 1n,
  1n << 255n,
  P >> 1n,
  P - 2n,
  P - 1n,
]

function parts(sig: string): { r: bigint; s: bigint; recovery: 0 | 1 } {
  return {
    r: BigInt(`0x${sig.slice(2, 66)}`),
    s: BigInt(`0x${sig.slice(66, 130)}`),
    recovery: (Number.parseInt(sig.slice(130, 132), 16) - 27) as 0 | 1,
  }
}

describe('node:crypto and raw digests', () => {
  it('crypto.verify hashes its input with SHA-256 even with a null algorithm, so it cannot check an order signature', () => {
    const signer = Signer.fromPrivateKey(HARDHAT_KEY)
    const ecdh = createECDH('secp256k1')
    ecdh.setPrivateKey(Buffer.from(HARDHAT_KEY.slice(2), 'hex'))
    const pub = ecdh.getPublicKey()
    const key = createPublicKey({
      key: {
        kty: 'EC',
        crv: 'secp256k1',
        x: pub.subarray(1, 33).toString('base64url'),
        y: pub.subarray(33).toString('base64url'),
      },
      format: 'jwk',
    })
    const opts = { key, dsaEncoding: 'ieee-p1363' as const }
    const rs = (sig: string) => Buffer.from(sig.slice(2, 130), 'hex')
    const digest = randomBytes(32)
    // the signature an order carries (over the raw 32-byte digest) does not verify…
    expect(nodeVerify(null, digest, opts, rs(signer.signDigest(digest)))).toBe(false)
    // …because Node verifies a signature over sha256(input): that one does, and one
    // flipped bit of the input breaks it
    const overHash = rs(signer.signDigest(createHash('sha256').update(digest).digest()))
    expect(nodeVerify(null, digest, opts, overHash)).toBe(true)
    const flipped = Buffer.from(digest)
    flipped[7] = (flipped[7] as number) ^ 0x10
    expect(nodeVerify(null, flipped, opts, overHash)).toBe(false)
    // the cache's WebAssembly code checks the raw-digest signature
    const c = new Curve(1)
    const sig = parts(signer.signDigest(digest))
    const z = BigInt(`0x${digest.toString('hex')}`)
    const q = c.recover(z, sig.r, sig.s, sig.recovery)
    expect(q).toEqual({
      x: BigInt(`0x${pub.subarray(1, 33).toString('hex')}`),
      y: BigInt(`0x${pub.subarray(33).toString('hex')}`),
    })
    expect(c.verify(z, sig.r, sig.s, sig.recovery, -1, q?.x, q?.y)).toBe(true)
    expect(c.verify(z ^ (1n << 200n), sig.r, sig.s, sig.recovery, -1, q?.x, q?.y)).toBe(false)
  })
})

describe('secp256k1 (WebAssembly field arithmetic)', () => {
  const c = new Curve(2)

  it('field operations agree with bigint arithmetic mod p, including edge values', () => {
    const pairs: [bigint, bigint][] = []
    for (const a of EDGES) for (const b of EDGES) pairs.push([a, b])
    for (let i = 0; i < 3000; i++) pairs.push([rnd(P), rnd(P)])
    for (const [a, b] of pairs) {
      expect(c.fieldMul(a, b)).toBe((a * b) % P)
      expect(c.fieldOp('sqr', a)).toBe((a * a) % P)
      expect(c.fieldOp('add', a, b)).toBe((a + b) % P)
      expect(c.fieldOp('sub', a, b)).toBe((((a - b) % P) + P) % P)
    }
    for (const a of [...EDGES.filter((x) => x !== 0n), ...pairs.slice(-200).map(([a]) => a)]) {
      expect((c.fieldOp('inv', a) * a) % P).toBe(1n)
    }
  })

  it('invMod (Lehmer) inverts mod n', () => {
    for (const a of [
      1n,
      2n,
      N - 1n,
      N - 2n,
      N >> 1n,
      ...Array.from({ length: 2000 }, () => rnd(N - 1n) + 1n),
    ]) {
      expect((invMod(a, N) * a) % N).toBe(1n)
    }
    expect(() => invMod(0n, N)).toThrow()
  })

  it('verify accepts exactly what recovery to the same key accepts (noble signatures, table and no table)', () => {
    for (let k = 0; k < 4; k++) {
      const signer = Signer.fromPrivateKey(`0x${randomBytes(32).toString('hex')}` as Hex)
      const d0 = randomBytes(32)
      const s0 = parts(signer.signDigest(d0))
      const q = c.recover(BigInt(`0x${d0.toString('hex')}`), s0.r, s0.s, s0.recovery)
      if (q === undefined) throw new Error('no key')
      c.buildTable(k % 2, q.x, q.y)
      for (let i = 0; i < 25; i++) {
        const d = randomBytes(32)
        const z = BigInt(`0x${d.toString('hex')}`)
        const { r, s, recovery } = parts(signer.signDigest(d))
        for (const slot of [k % 2, -1]) {
          expect(c.verify(z, r, s, recovery, slot, q.x, q.y)).toBe(true)
          // wrong v: recovery gives another key, so it must fail
          expect(c.verify(z, r, s, (1 - recovery) as 0 | 1, slot, q.x, q.y)).toBe(false)
          expect(c.verify(z ^ 1n, r, s, recovery, slot, q.x, q.y)).toBe(false)
          expect(c.verify(z, r, N - s, recovery, slot, q.x, q.y)).toBe(false)
          expect(c.verify(z, r ^ 2n, s, recovery, slot, q.x, q.y)).toBe(false)
        }
      }
    }
  })

  it('signDigest (the bench signer) produces low-s signatures that noble recovers', () => {
    const d = rnd(N - 1n) + 1n
    const pub = c.mulG(d)
    const address = Signer.recoverDigest(
      `0x${'11'.repeat(32)}` as Hex,
      Signer.fromPrivateKey(`0x${d.toString(16).padStart(64, '0')}` as Hex).signDigest(
        `0x${'11'.repeat(32)}` as Hex,
      ),
    )
    for (let i = 0; i < 50; i++) {
      const digest = randomBytes(32).toString('hex')
      const sig = c.signDigest(d, digest, rnd(N - 1n) + 1n)
      if (sig === undefined) continue
      expect(BigInt(`0x${sig.slice(64, 128)}`) <= N >> 1n).toBe(true)
      expect(Signer.recoverDigest(`0x${digest}` as Hex, `0x${sig}` as Hex)).toBe(address)
    }
    expect(liftX(pub.x, (pub.y & 1n) === 1n)).toEqual(pub)
  })
})
