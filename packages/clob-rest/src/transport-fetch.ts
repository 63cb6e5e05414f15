/**
 * Fetch transport for browsers, Deno, Bun and workers (the `#transport` default).
 * Connection-refused style failures are marked `requestSent: false`.
 * @module
 */
import type { DefaultTransportOptions, Transport, TransportRequest, TransportResponse } from './transport.js'

const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_INVALID_URL',
])

function codeOf(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return undefined
  const e = error as { code?: unknown; cause?: unknown }
  return (
    e.code ??
    (typeof e.cause === 'object' && e.cause !== null ? (e.cause as { code?: unknown }).code : undefined)
  )
}

/** A `fetch`-based transport (uses the global `fetch` unless one is given). */
export function createDefaultTransport(options: DefaultTransportOptions = {}): Transport {
  const doFetch = options.fetch ?? globalThis.fetch
  return async (req: TransportRequest): Promise<TransportResponse> => {
    let res: Response
    try {
      res = await doFetch(req.url, {
        method: req.method,
        headers: req.headers,
        ...(req.body === undefined ? {} : { body: req.body }),
        signal: req.signal,
      })
    } catch (error) {
      const code = codeOf(error)
      if (
        typeof code === 'string' &&
        NOT_SENT_CODES.has(code) &&
        typeof error === 'object' &&
        error !== null
      ) {
        Object.defineProperty(error, 'requestSent', { value: false, enumerable: false })
      }
      throw error
    }
    const body = await res.text()
    const headers: Record<string, string> = {}
    res.headers.forEach((value, key) => {
      headers[key] = value
    })
    return { status: res.status, headers, body }
  }
}
