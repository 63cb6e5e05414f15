import { isClobError, Signer } from '@clobkit/eip712-order'
import { Headers } from '@clobkit/l2-auth'
import type { Case } from '../corpus.js'
import { describeError, diff, fail, type Outcome, pass } from '../outcome.js'

/** Where the official client throws, we must throw one of our typed errors. */
export function expectThrow(c: Case, e: unknown): Outcome {
  if (c.expected.error === undefined) return fail(`threw ${describeError(e)}`)
  return isClobError(e) ? pass : fail(`threw an untyped error: ${describeError(e)}`)
}

/** `l1`: ClobAuth signature and the four L1 headers (PROTOCOL.md §4.1). */
export async function l1(c: Case): Promise<Outcome> {
  const { privateKey, chainId, timestamp, nowMs, nonce, address } = c.input
  try {
    const headers = await Headers.l1({
      signer: Signer.fromPrivateKey(privateKey),
      chainId,
      timestamp,
      nonce,
      address,
      now: nowMs,
    })
    if (c.expected.error !== undefined) return fail(`returned headers; expected error "${c.expected.error}"`)
    const d = diff(headers, c.expected.headers)
    return d ? fail(d) : pass
  } catch (e) {
    return expectThrow(c, e)
  }
}

/** `l2`: HMAC signature and the five L2 headers (PROTOCOL.md §4.2). */
export function l2(c: Case): Outcome {
  const { signerAddress, creds, timestamp, nowMs, method, requestPath, body } = c.input
  try {
    const headers = Headers.l2({
      address: signerAddress,
      credentials: creds,
      method,
      path: requestPath,
      body,
      timestamp: timestamp ?? Math.floor(nowMs / 1000),
    })
    if (c.expected.error !== undefined) return fail(`returned headers; expected error "${c.expected.error}"`)
    const d = diff(headers, c.expected.headers)
    return d ? fail(d) : pass
  } catch (e) {
    return expectThrow(c, e)
  }
}
