/**
 * A `Signer` for one-shot CLI processes: ECDSA over secp256k1 with RFC 6979
 * deterministic nonces (HMAC-SHA256), low-s, v ∈ {27, 28} — the same signatures
 * noble and viem produce — but with the point multiplication done by node's
 * native secp256k1 (`createECDH`). A library signer pays a one-time table
 * precomputation (tens to hundreds of ms) that a process signing one order never
 * earns back; this one signs in well under a millisecond from a cold start.
 * The key stays in this closure and never appears in JSON, strings or inspect.
 * @module
 */
import { createECDH, createHmac } from 'node:crypto'
import type { Hex, Signer, TypedData } from '@clobkit/eip712-order'
import { CliError } from './errors.js'
import { addressOf, privateKeyBytes } from './keystore.js'

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
const HALF_N = N >> 1n

function toBig(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`)
}

function to32(n: bigint): Buffer {
  return Buffer.from(n.toString(16).padStart(64, '0'), 'hex')
}

function mod(a: bigint, m: bigint = N): bigint {
  const r = a % m
  return r >= 0n ? r : r + m
}

/** Modular inverse by the extended Euclidean algorithm (m prime, a ≠ 0). */
function invert(a: bigint, m: bigint = N): bigint {
  let [oldR, r] = [mod(a, m), m]
  let [oldS, s] = [1n, 0n]
  while (r !== 0n) {
    const q = oldR / r
    ;[oldR, r] = [r, oldR - q * r]
    ;[oldS, s] = [s, oldS - q * s]
  }
  return mod(oldS, m)
}

/** RFC 6979 §3.2 candidate nonces for (d, h1) with HMAC-SHA256, qlen = 256. */
function* nonces(d: Buffer, h1: Buffer): Generator<bigint> {
  const hmac = (key: Buffer, ...parts: Buffer[]): Buffer => {
    const h = createHmac('sha256', key)
    for (const p of parts) h.update(p)
    return h.digest()
  }
  let v: Buffer = Buffer.alloc(32, 1)
  let k: Buffer = Buffer.alloc(32, 0)
  k = hmac(k, v, Buffer.from([0]), d, h1)
  v = hmac(k, v)
  k = hmac(k, v, Buffer.from([1]), d, h1)
  v = hmac(k, v)
  for (;;) {
    v = hmac(k, v)
    const candidate = toBig(v)
    if (candidate >= 1n && candidate < N) yield candidate
    k = hmac(k, v, Buffer.from([0]))
    v = hmac(k, v)
  }
}

function digestBytes(digest: Uint8Array | Hex): Buffer {
  const bytes =
    typeof digest === 'string' ? Buffer.from(digest.replace(/^0x/, ''), 'hex') : Buffer.from(digest)
  if (bytes.length !== 32) throw new CliError('INVALID_DIGEST', 'a digest must be 32 bytes')
  return bytes
}

/** Signs a 32-byte digest: `r‖s‖v` hex with v ∈ {27, 28}, low-s, RFC 6979 nonce. */
export function signDigestWith(key: Buffer, digest: Uint8Array | Hex): Hex {
  const z = mod(toBig(digestBytes(digest)))
  const d = toBig(key)
  const ecdh = createECDH('secp256k1')
  for (const k of nonces(key, to32(z))) {
    ecdh.setPrivateKey(to32(k))
    const point = ecdh.getPublicKey(null, 'uncompressed')
    const x = toBig(point.subarray(1, 33))
    const yOdd = (point[64]! & 1) === 1
    const r = mod(x)
    if (r === 0n) continue
    let s = mod(invert(k) * (z + r * d))
    if (s === 0n) continue
    let recovery = (yOdd ? 1 : 0) | (x >= N ? 2 : 0)
    if (s > HALF_N) {
      s = N - s
      recovery ^= 1
    }
    if (recovery > 1) continue
    const out = Buffer.concat([to32(r), to32(s), Buffer.from([27 + recovery])])
    return `0x${out.toString('hex')}`
  }
  throw new CliError('SIGNING_FAILED', 'no valid nonce') // unreachable: the generator is infinite
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom')

export interface NativeSigner extends Signer {
  signDigest(digest: Uint8Array | Hex): Hex
}

export function nativeSigner(privateKey: string): NativeSigner {
  const key = privateKeyBytes(privateKey)
  const address = addressOf(privateKey)
  const signer: NativeSigner = {
    address,
    signDigest: (digest) => signDigestWith(key, digest),
    async signTypedData(typedData: TypedData): Promise<Hex> {
      const { TypedData: TD } = await import('./order-lib.js')
      return signDigestWith(key, TD.hashTypedData(typedData as Parameters<typeof TD.hashTypedData>[0]))
    },
  }
  Object.defineProperties(signer, {
    toJSON: { value: () => ({ address }), enumerable: false },
    toString: { value: () => `Signer(${address})`, enumerable: false },
    [INSPECT]: { value: () => `Signer { address: '${address}' }`, enumerable: false },
  })
  return Object.freeze(signer)
}
