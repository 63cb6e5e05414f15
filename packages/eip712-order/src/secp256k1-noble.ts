/**
 * The portable backend of `#secp256k1` (browsers, edge runtimes, bundles):
 * `@noble/curves`' secp256k1 ECDSA, with the window schedule of `secp256k1-backend` and its
 * nonce-inversion blinding drawn from `crypto.getRandomValues` through `pooledRandom`.
 * No native or WebAssembly code. Exports the same functions as `secp256k1-node`.
 * @module
 */
import { ecdsa } from '@noble/curves/abstract/weierstrass.js'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { ClobError } from './errors.js'
import {
  type BackendChoice,
  type BackendName,
  nobleBackend,
  pooledRandom,
  type Secp256k1Backend,
} from './secp256k1-backend.js'

let noble: Secp256k1Backend | undefined

/**
 * The backend for `choice`: always noble here. libsecp256k1 is Node-only, so asking for
 * it throws `UNSUPPORTED_RUNTIME`.
 */
export function backend(choice: BackendChoice = 'auto'): Secp256k1Backend {
  if (choice === 'libsecp256k1') {
    throw new ClobError(
      'UNSUPPORTED_RUNTIME',
      'libsecp256k1 is only available on Node; this runtime signs with noble',
    )
  }
  // noble's own ECDSA over noble's curve, as `secp256k1` is built, with a pooled CSPRNG reader
  noble ??= nobleBackend(
    ecdsa(secp256k1.Point, sha256, {
      randomBytes: pooledRandom((pool) => globalThis.crypto.getRandomValues(pool)),
    }),
  )
  return noble
}

/** The backends this runtime can load. */
export function available(): readonly BackendName[] {
  return ['noble']
}
