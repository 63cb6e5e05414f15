/**
 * L2 secret decoding (PROTOCOL.md §4.2): `-`→`+`, `_`→`/`, `=`-pad to a
 * multiple of 4, then base64-decode with exactly the acceptance of `atob`.
 * @module
 */
import { InvalidParameterError } from '@clobkit/eip712-order/errors'
import { forgivingDecode } from './base64.js'

/** Decodes an API secret into HMAC key bytes; throws `INVALID_SECRET` (never echoing the secret). */
export function decodeSecret(secret: unknown, param = 'secret'): Uint8Array {
  if (typeof secret !== 'string') {
    throw new InvalidParameterError('INVALID_SECRET', param, 'expected a base64 or base64url string')
  }
  if (secret.length === 0) throw new InvalidParameterError('INVALID_SECRET', param, 'secret is empty')
  const mapped = secret.replace(/-/g, '+').replace(/_/g, '/')
  const padded = mapped + '='.repeat((4 - (mapped.length % 4)) % 4)
  const bytes = forgivingDecode(padded)
  if (bytes === undefined) {
    throw new InvalidParameterError('INVALID_SECRET', param, 'secret is not valid base64 or base64url')
  }
  // Only an all-whitespace secret gets here with no bytes; an empty HMAC key is never a real credential.
  if (bytes.length === 0)
    throw new InvalidParameterError('INVALID_SECRET', param, 'secret decodes to no bytes')
  return bytes
}
