import { putUint } from '../src/struct.js'

/** `n` as a 32-byte big-endian word. */
export function word(n: bigint): Uint8Array {
  const b = new Uint8Array(32)
  putUint(b, 0, n)
  return b
}
