/**
 * Base64 helpers for the L2 HMAC (PROTOCOL.md §4.2): the secret decoder that
 * accepts exactly what the official client's `atob` accepts, and the URL-safe,
 * padded encoder of the signature. No `Buffer`, so it runs in browsers too.
 * @module
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** Value of a standard-alphabet base64 character, or -1. */
function sextet(c: number): number {
  if (c >= 65 && c <= 90) return c - 65 // A-Z
  if (c >= 97 && c <= 122) return c - 71 // a-z
  if (c >= 48 && c <= 57) return c + 4 // 0-9
  if (c === 43) return 62 // +
  if (c === 47) return 63 // /
  return -1
}

function isAsciiWhitespace(c: number): boolean {
  return c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x20
}

/**
 * WHATWG "forgiving-base64 decode", the algorithm behind `atob`: strips ASCII
 * whitespace, drops one or two trailing `=` when the length is a multiple of 4,
 * rejects a remainder of 1 and any other character, ignores leftover bits.
 * Returns `undefined` where `atob` throws `InvalidCharacterError`.
 */
export function forgivingDecode(input: string): Uint8Array | undefined {
  let data = ''
  for (let i = 0; i < input.length; i++) {
    if (!isAsciiWhitespace(input.charCodeAt(i))) data += input[i]
  }
  if (data.length % 4 === 0) {
    if (data.endsWith('==')) data = data.slice(0, -2)
    else if (data.endsWith('=')) data = data.slice(0, -1)
  }
  if (data.length % 4 === 1) return undefined
  const out = new Uint8Array(Math.floor((data.length * 3) / 4))
  let buffer = 0
  let bits = 0
  let n = 0
  for (let i = 0; i < data.length; i++) {
    const v = sextet(data.charCodeAt(i))
    if (v < 0) return undefined
    buffer = ((buffer << 6) | v) & 0xffffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[n++] = (buffer >> bits) & 0xff
    }
  }
  return out
}

/** Standard base64 with `+`→`-`, `/`→`_` and the `=` padding kept (the HMAC output format). */
export function encodeUrlSafePadded(bytes: Uint8Array): string {
  let out = ''
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    out += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + ALPHABET[(v >> 6) & 63]! + ALPHABET[v & 63]!
  }
  const rest = bytes.length - i
  if (rest === 1) {
    const v = bytes[i]! << 16
    out += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + '=='
  } else if (rest === 2) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8)
    out += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + ALPHABET[(v >> 6) & 63]! + '='
  }
  return out
}
