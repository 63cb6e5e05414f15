/**
 * The portable backend of `#secp256k1` (browsers, edge runtimes, bundles):
 * `@noble/curves`' secp256k1 ECDSA, with the window schedule of `secp256k1-backend`.
 * No native or WebAssembly code. Exports the same functions as `secp256k1-node`.
 * @module
 */
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { ClobError } from './errors.js'
import {
  type BackendChoice,
  type BackendName,
  nobleBackend,
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
  noble ??= nobleBackend(secp256k1)
  return noble
}

/** The backends this runtime can load. */
export function available(): readonly BackendName[] {
  return ['noble']
}
