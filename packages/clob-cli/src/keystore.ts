/**
 * Ethereum v3 keystores (Web3 Secret Storage): scrypt (or PBKDF2-HMAC-SHA256 on
 * read) derives a 32-byte key; AES-128-CTR with its first half encrypts the private
 * key; keccak256(second half ‖ ciphertext) is the MAC. Files written by geth and
 * Foundry (`cast wallet new`) decrypt here and ours decrypt there.
 * @module
 */
import {
  createCipheriv,
  createDecipheriv,
  createECDH,
  pbkdf2,
  randomBytes,
  randomUUID,
  scrypt,
  timingSafeEqual,
} from 'node:crypto'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { CliError } from './errors.js'

export interface KeystoreV3 {
  readonly address?: string
  readonly crypto: {
    readonly cipher: 'aes-128-ctr'
    readonly cipherparams: { readonly iv: string }
    readonly ciphertext: string
    readonly kdf: 'scrypt' | 'pbkdf2'
    readonly kdfparams: Readonly<Record<string, unknown>>
    readonly mac: string
  }
  readonly id: string
  readonly version: 3
}

export interface ScryptParams {
  /** CPU/memory cost, a power of two. geth's standard is 2^18; Foundry writes 2^13. */
  readonly n: number
  readonly r: number
  readonly p: number
}

export const DEFAULT_SCRYPT: ScryptParams = { n: 1 << 18, r: 8, p: 1 }

/** Bounds that keep a hostile keystore from exhausting memory or time. */
const MAX_SCRYPT_MEM = 1024 * 1024 * 1024
const MAX_PBKDF2_ITERATIONS = 10_000_000

export class KeystoreError extends CliError {
  override name = 'KeystoreError'
}

const HEX_RE = /^(?:0x)?([0-9a-fA-F]*)$/

function hexBytes(value: unknown, field: string, length?: number): Buffer {
  const m = typeof value === 'string' ? HEX_RE.exec(value) : null
  if (m === null || m[1]!.length % 2 !== 0) {
    throw new KeystoreError('KEYSTORE_INVALID', `keystore field ${field} is not hex`)
  }
  const buf = Buffer.from(m[1]!, 'hex')
  if (length !== undefined && buf.length !== length) {
    throw new KeystoreError('KEYSTORE_INVALID', `keystore field ${field} must be ${length} bytes`)
  }
  return buf
}

function posInt(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new KeystoreError('KEYSTORE_INVALID', `keystore kdfparams.${field} must be a positive integer`)
  }
  return value
}

/**
 * node's (OpenSSL) scrypt is several times faster than JS, but OpenSSL refuses
 * N ≥ 2^(16·r), which rules out e.g. the Web3 Secret Storage vector (N=2^18, r=1);
 * those fall back to noble's implementation.
 */
async function scryptAsync(
  password: Buffer,
  salt: Buffer,
  dklen: number,
  params: ScryptParams,
): Promise<Buffer> {
  const mem = 128 * params.n * params.r + 128 * params.r * params.p
  const opensslOk = Math.log2(params.n) < 16 * params.r
  if (opensslOk) {
    return new Promise((resolve, reject) => {
      scrypt(
        password,
        salt,
        dklen,
        { N: params.n, r: params.r, p: params.p, maxmem: mem + 16 * 1024 * 1024 },
        (err, key) => (err ? reject(err) : resolve(key)),
      )
    })
  }
  const { scryptAsync: nobleScrypt } = await import('@noble/hashes/scrypt.js')
  const key = await nobleScrypt(password, salt, {
    N: params.n,
    r: params.r,
    p: params.p,
    dkLen: dklen,
    maxmem: mem + 1024,
  })
  return Buffer.from(key)
}

function pbkdf2Async(password: Buffer, salt: Buffer, iterations: number, dklen: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(password, salt, iterations, dklen, 'sha256', (err, key) => (err ? reject(err) : resolve(key)))
  })
}

function validateScrypt(params: ScryptParams): void {
  const { n, r, p } = params
  if (n < 2 || (n & (n - 1)) !== 0)
    throw new KeystoreError('KEYSTORE_INVALID', 'keystore scrypt n must be a power of two')
  if (128 * n * r > MAX_SCRYPT_MEM || r * p >= 1 << 30 || p > 64) {
    throw new KeystoreError('KEYSTORE_UNSAFE_PARAMS', 'keystore scrypt parameters exceed the allowed cost')
  }
}

async function deriveKey(ks: KeystoreV3, password: Buffer): Promise<Buffer> {
  const kp = ks.crypto.kdfparams
  const dklen = posInt(kp.dklen, 'dklen')
  if (dklen < 32 || dklen > 64)
    throw new KeystoreError('KEYSTORE_INVALID', 'keystore kdfparams.dklen must be 32..64')
  const salt = hexBytes(kp.salt, 'kdfparams.salt')
  if (ks.crypto.kdf === 'scrypt') {
    const params = { n: posInt(kp.n, 'n'), r: posInt(kp.r, 'r'), p: posInt(kp.p, 'p') }
    validateScrypt(params)
    return scryptAsync(password, salt, dklen, params)
  }
  if (ks.crypto.kdf === 'pbkdf2') {
    if (kp.prf !== 'hmac-sha256')
      throw new KeystoreError('KEYSTORE_UNSUPPORTED', 'keystore pbkdf2 prf must be hmac-sha256')
    const c = posInt(kp.c, 'c')
    if (c > MAX_PBKDF2_ITERATIONS)
      throw new KeystoreError('KEYSTORE_UNSAFE_PARAMS', 'keystore pbkdf2 iterations too high')
    return pbkdf2Async(password, salt, c, dklen)
  }
  throw new KeystoreError('KEYSTORE_UNSUPPORTED', 'keystore kdf must be scrypt or pbkdf2')
}

function mac(derived: Buffer, ciphertext: Buffer): Buffer {
  return Buffer.from(keccak_256(Buffer.concat([derived.subarray(16, 32), ciphertext])))
}

/** Parses keystore JSON text (accepts geth's legacy `Crypto` key) without decrypting. */
export function parseKeystore(text: string): KeystoreV3 {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new KeystoreError('KEYSTORE_INVALID', 'keystore is not valid JSON')
  }
  if (typeof raw !== 'object' || raw === null)
    throw new KeystoreError('KEYSTORE_INVALID', 'keystore is not an object')
  const obj = raw as Record<string, unknown>
  if (obj.version !== 3)
    throw new KeystoreError('KEYSTORE_UNSUPPORTED', 'only version 3 keystores are supported')
  const crypto = (obj.crypto ?? obj.Crypto) as Record<string, unknown> | undefined
  if (typeof crypto !== 'object' || crypto === null)
    throw new KeystoreError('KEYSTORE_INVALID', 'keystore has no crypto section')
  if (crypto.cipher !== 'aes-128-ctr')
    throw new KeystoreError('KEYSTORE_UNSUPPORTED', 'keystore cipher must be aes-128-ctr')
  const cp = crypto.cipherparams as Record<string, unknown> | undefined
  const kp = crypto.kdfparams as Record<string, unknown> | undefined
  if (typeof cp !== 'object' || cp === null || typeof kp !== 'object' || kp === null) {
    throw new KeystoreError('KEYSTORE_INVALID', 'keystore cipherparams/kdfparams missing')
  }
  if (crypto.kdf !== 'scrypt' && crypto.kdf !== 'pbkdf2') {
    throw new KeystoreError('KEYSTORE_UNSUPPORTED', 'keystore kdf must be scrypt or pbkdf2')
  }
  hexBytes(cp.iv, 'cipherparams.iv', 16)
  hexBytes(crypto.ciphertext, 'ciphertext')
  hexBytes(crypto.mac, 'mac', 32)
  return {
    ...(typeof obj.address === 'string' ? { address: obj.address } : {}),
    crypto: {
      cipher: 'aes-128-ctr',
      cipherparams: { iv: cp.iv as string },
      ciphertext: crypto.ciphertext as string,
      kdf: crypto.kdf,
      kdfparams: kp,
      mac: crypto.mac as string,
    },
    id: typeof obj.id === 'string' ? obj.id : '',
    version: 3,
  }
}

/** Decrypts a keystore; returns the 32-byte private key as 0x-hex. Wrong password → KEYSTORE_BAD_PASSWORD. */
export async function decryptKeystore(ks: KeystoreV3, password: string): Promise<`0x${string}`> {
  const derived = await deriveKey(ks, Buffer.from(password, 'utf8'))
  const ciphertext = hexBytes(ks.crypto.ciphertext, 'ciphertext')
  const expected = hexBytes(ks.crypto.mac, 'mac', 32)
  if (!timingSafeEqual(mac(derived, ciphertext), expected)) {
    throw new KeystoreError('KEYSTORE_BAD_PASSWORD', 'wrong keystore password (MAC mismatch)', {
      hint: 'check the password or --password-file',
    })
  }
  const iv = hexBytes(ks.crypto.cipherparams.iv, 'cipherparams.iv', 16)
  const decipher = createDecipheriv('aes-128-ctr', derived.subarray(0, 16), iv)
  const key = Buffer.concat([decipher.update(ciphertext), decipher.final()])
  if (key.length !== 32) throw new KeystoreError('KEYSTORE_INVALID', 'keystore does not hold a 32-byte key')
  const hex = `0x${key.toString('hex')}` as const
  key.fill(0)
  derived.fill(0)
  return hex
}

/** Encrypts a private key into a v3 keystore (scrypt, AES-128-CTR, keccak MAC). */
export async function encryptKeystore(
  privateKey: `0x${string}`,
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<KeystoreV3> {
  validateScrypt(params)
  const key = privateKeyBytes(privateKey)
  const salt = randomBytes(32)
  const iv = randomBytes(16)
  const derived = await scryptAsync(Buffer.from(password, 'utf8'), salt, 32, params)
  const cipher = createCipheriv('aes-128-ctr', derived.subarray(0, 16), iv)
  const ciphertext = Buffer.concat([cipher.update(key), cipher.final()])
  const result: KeystoreV3 = {
    address: addressOf(privateKey).slice(2).toLowerCase(),
    crypto: {
      cipher: 'aes-128-ctr',
      cipherparams: { iv: iv.toString('hex') },
      ciphertext: ciphertext.toString('hex'),
      kdf: 'scrypt',
      kdfparams: { dklen: 32, n: params.n, p: params.p, r: params.r, salt: salt.toString('hex') },
      mac: mac(derived, ciphertext).toString('hex'),
    },
    id: randomUUID(),
    version: 3,
  }
  key.fill(0)
  derived.fill(0)
  return result
}

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n

/** Validates and returns the 32 key bytes. Never echoes the key in the error. */
export function privateKeyBytes(privateKey: string): Buffer {
  const m = /^(?:0x)?([0-9a-fA-F]{64})$/.exec(privateKey.trim())
  if (m === null) {
    throw new CliError('INVALID_PRIVATE_KEY', 'the private key is not 32 bytes of hex', {
      hint: 'a private key is 64 hex digits, optionally prefixed with 0x',
    })
  }
  const k = BigInt(`0x${m[1]}`)
  if (k === 0n || k >= SECP256K1_N) {
    throw new CliError('INVALID_PRIVATE_KEY', 'the private key is out of range for secp256k1')
  }
  return Buffer.from(m[1]!, 'hex')
}

/** Normalizes a private key to lowercase 0x-hex after validating it. */
export function normalizePrivateKey(privateKey: string): `0x${string}` {
  return `0x${privateKeyBytes(privateKey).toString('hex')}`
}

/** EIP-55 checksummed address of a private key (node's secp256k1, no curve code loaded). */
export function addressOf(privateKey: string): `0x${string}` {
  const ecdh = createECDH('secp256k1')
  ecdh.setPrivateKey(privateKeyBytes(privateKey))
  const pub = ecdh.getPublicKey(null, 'uncompressed')
  const hash = keccak_256(pub.subarray(1))
  return checksum(Buffer.from(hash.subarray(12)).toString('hex'))
}

/** EIP-55 checksum of a 40-hex-digit address (with or without 0x). */
export function checksum(address: string): `0x${string}` {
  const lower = address.toLowerCase().replace(/^0x/, '')
  const hash = Buffer.from(keccak_256(new TextEncoder().encode(lower))).toString('hex')
  let out = '0x'
  for (let i = 0; i < lower.length; i++) {
    const c = lower[i]!
    out += Number.parseInt(hash[i]!, 16) >= 8 ? c.toUpperCase() : c
  }
  return out as `0x${string}`
}

export function isAddress(value: string): boolean {
  return /^0x[0-9a-fA-F]{40}$/.test(value)
}
