/**
 * Input checks shared by the header builders (PROTOCOL.md §4). Every failure is
 * an `InvalidParameterError` naming the parameter and never echoing secrets.
 * @module
 */
import type { Signer } from '@clobkit/eip712-order'
import { InvalidParameterError } from '@clobkit/eip712-order/errors'

const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const DIGITS = /^[0-9]{1,16}$/
const ADDRESS = /^0x[0-9a-fA-F]{40}$/

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
}

/** A unix-seconds timestamp (safe non-negative integer, or its decimal string) as the string that is signed. */
export function timestamp(value: unknown, param = 'timestamp'): string {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value >= 0) return String(value)
  } else if (typeof value === 'string') {
    if (DIGITS.test(value)) return value
  }
  throw new InvalidParameterError(
    'INVALID_TIMESTAMP',
    param,
    `expected unix seconds as a non-negative integer, got ${describe(value)}`,
  )
}

/** An HTTP method token; hashed verbatim (the official tests even sign `test-sign`). */
export function method(value: unknown): string {
  if (value === 'GET' || value === 'POST' || value === 'DELETE') return value
  if (typeof value === 'string' && METHOD.test(value)) return value
  throw new InvalidParameterError('INVALID_METHOD', 'method', 'expected an HTTP method token such as "GET"')
}

/** A request path starting with `/` (no scheme or host); signed verbatim. */
export function path(value: unknown): string {
  if (typeof value === 'string' && value.charCodeAt(0) === 47) return value
  throw new InvalidParameterError(
    'INVALID_PATH',
    'path',
    'expected a request path starting with "/" (no scheme or host)',
  )
}

/** The exact body string that is sent, or nothing. */
export function body(value: unknown): string {
  if (value === undefined) return ''
  if (typeof value === 'string') return value
  throw new InvalidParameterError(
    'INVALID_BODY',
    'body',
    `expected the exact JSON string sent on the wire, got ${describe(value)}; serialize once and sign those bytes`,
  )
}

// The last address that passed: a bot sends every request from the same one, and
// strings are immutable, so an identity hit needs no second regex run.
let lastAddress = ''

/** A 20-byte 0x address in any casing; returned verbatim. */
export function address(value: unknown, param = 'address'): `0x${string}` {
  if (value === lastAddress) return value as `0x${string}`
  if (typeof value === 'string' && ADDRESS.test(value)) {
    lastAddress = value
    return value as `0x${string}`
  }
  throw new InvalidParameterError('INVALID_ADDRESS', param, 'expected a 0x-prefixed 20-byte hex address')
}

/** A `Signer` with an address and `signTypedData`; returns its address. */
export function signer(value: Signer): `0x${string}` {
  if (typeof value !== 'object' || value === null || typeof value.signTypedData !== 'function') {
    throw new InvalidParameterError(
      'INVALID_SIGNER',
      'signer',
      'expected a Signer with address and signTypedData',
    )
  }
  return address(value.address, 'signer.address')
}
