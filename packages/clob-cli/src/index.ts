/**
 * @clobkit/clob-cli — the `clob` command line. The binary is `bin/clob.js`; this
 * entry exposes the runner and the keystore functions for programs and tests.
 * @module
 */

export { configDir } from './config.js'
export { CliError, ExitCode, RejectedError, UsageError } from './errors.js'
export {
  addressOf,
  decryptKeystore,
  encryptKeystore,
  KeystoreError,
  type KeystoreV3,
  parseKeystore,
  type ScryptParams,
} from './keystore.js'
export { run, splitCommand } from './main.js'
export type { InStream, Io, OutStream } from './output.js'
export { VERSION } from './version.js'
