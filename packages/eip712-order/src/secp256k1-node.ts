/**
 * The Node backend of `#secp256k1`: libsecp256k1 through the N-API `secp256k1` package
 * (an optional dependency with prebuilt binaries for linux-x64, darwin-arm64 and
 * win32-x64), noble where that cannot load. Exports the same functions as
 * `secp256k1-noble`.
 *
 * The binding is loaded from `secp256k1/bindings.js`, never from the package's main
 * entry: that one falls back to `elliptic` when the binary is missing, and elliptic is
 * not a library clobkit signs with. noble is loaded only when it signs (the binding is
 * missing, or noble is asked for), with `require()` of ES modules (Node ≥ 20.19); it then
 * computes its RFC 6979 nonces with node:crypto's HMAC-SHA256 (OpenSSL), the same bytes, and
 * draws its nonce-inversion blinding from node:crypto's CSPRNG.
 *
 * `CLOBKIT_SECP256K1=native|noble` (read once, at the first `auto` selection) forces a
 * backend for the whole process, e.g. to run the conformance corpus on each.
 * @module
 */
import { createHmac, randomFillSync } from 'node:crypto'
import { createRequire } from 'node:module'
import { ClobError } from './errors.js'
import {
  type BackendChoice,
  type BackendName,
  type NativeSecp256k1,
  nativeBackend,
  nobleBackend,
  pooledRandom,
  type Secp256k1Backend,
} from './secp256k1-backend.js'

let requireHere: NodeJS.Require | undefined
const load = (id: string): unknown => {
  requireHere ??= createRequire(import.meta.url)
  return requireHere(id)
}

let native: Secp256k1Backend | null | undefined
let nativeError: unknown
let noble: Secp256k1Backend | undefined
let auto: Secp256k1Backend | undefined

function loadNative(): Secp256k1Backend | null {
  if (native === undefined) {
    try {
      native = nativeBackend(load('secp256k1/bindings.js') as NativeSecp256k1)
    } catch (e) {
      native = null
      nativeError = e
    }
  }
  return native
}

/** HMAC-SHA256 for noble's RFC 6979 nonces, from OpenSSL (node:crypto): same bytes, fewer µs. */
const hmacSha256 = (key: Uint8Array, message: Uint8Array): Uint8Array =>
  createHmac('sha256', key).update(message).digest()

function loadNoble(): Secp256k1Backend {
  if (noble === undefined) {
    type Modules = [
      typeof import('@noble/curves/secp256k1.js'),
      typeof import('@noble/curves/abstract/weierstrass.js'),
      typeof import('@noble/hashes/sha2.js'),
    ]
    let lib: Modules
    try {
      const ids = [
        '@noble/curves/secp256k1.js',
        '@noble/curves/abstract/weierstrass.js',
        '@noble/hashes/sha2.js',
      ]
      lib = ids.map(load) as Modules
    } catch (e) {
      const message = 'no secp256k1 here: libsecp256k1 is not installed and @noble/curves could not be loaded'
      throw new ClobError('UNSUPPORTED_RUNTIME', `${message} with require()`, { cause: e })
    }
    const [{ secp256k1 }, { ecdsa }, { sha256 }] = lib
    // noble's own ECDSA over noble's curve, as `secp256k1` is built, with node:crypto's HMAC
    // and CSPRNG (the point multiplication keeps blinding with noble's own draw)
    const randomBytes = pooledRandom((pool) => randomFillSync(pool))
    noble = nobleBackend(ecdsa(secp256k1.Point, sha256, { hmac: hmacSha256, randomBytes }))
  }
  return noble
}

function fromEnv(): BackendChoice {
  const value = process.env.CLOBKIT_SECP256K1
  if (value === undefined || value === '' || value === 'auto') return 'auto'
  if (value === 'native' || value === 'libsecp256k1') return 'libsecp256k1'
  if (value === 'noble') return 'noble'
  const message = `CLOBKIT_SECP256K1: expected native, noble or auto, got '${value}'`
  throw new ClobError('INVALID_BACKEND', message, { param: 'CLOBKIT_SECP256K1' })
}

/**
 * The backend for `choice`. `auto` follows `CLOBKIT_SECP256K1` when it is set, else
 * libsecp256k1 where it loads and noble otherwise. Asking for libsecp256k1 where it
 * cannot load throws `UNSUPPORTED_RUNTIME` (with the load error as `cause`).
 */
export function backend(choice: BackendChoice = 'auto'): Secp256k1Backend {
  if (choice === 'noble') return loadNoble()
  if (choice === 'libsecp256k1') {
    const lib = loadNative()
    if (lib === null) {
      const message = 'libsecp256k1 (the optional secp256k1 package) could not be loaded'
      throw new ClobError('UNSUPPORTED_RUNTIME', message, { cause: nativeError })
    }
    return lib
  }
  if (auto === undefined) {
    const forced = fromEnv()
    auto = forced === 'auto' ? (loadNative() ?? loadNoble()) : backend(forced)
  }
  return auto
}

/** The backends this runtime can load. */
export function available(): readonly BackendName[] {
  return loadNative() === null ? ['noble'] : ['libsecp256k1', 'noble']
}
