/**
 * The transport's retry, timeout, abort and connection-loss rules against clob-sim over
 * real loopback HTTP, with the sim's fault injection producing each failure. Attempts are
 * counted by the sim itself: a fault armed for `n` requests reports how many it has left.
 * (transport.test.ts keeps the raw server for what no honest server sends, or for what
 * only a raw server can observe.)
 */
import {
  AbortedError,
  AuthenticationError,
  DEFAULT_RETRY,
  HttpError,
  NetworkError,
  RateLimitError,
  request,
  TimeoutError,
} from '@clobkit/clob-rest'
import { type SimHandle, startSim } from '@clobkit/clob-sim'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { get, type RequestContext, requestContext } from './support/request.js'

let sim: SimHandle
beforeAll(async () => {
  sim = await startSim({ admin: true })
})
afterAll(() => sim.stop())
beforeEach(async () => {
  await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' })
})

async function fault(spec: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${sim.url}/_sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  })
  if (!res.ok) throw new Error(`POST /_sim/faults: ${res.status} ${await res.text()}`)
}

/** Uses the armed faults have left, in the order they were armed. */
async function remaining(): Promise<number[]> {
  const res = await fetch(`${sim.url}/_sim/faults`)
  return ((await res.json()) as { remaining: number }[]).map((f) => f.remaining)
}

const ctx = (overrides: Partial<RequestContext> = {}): RequestContext => requestContext(sim.url, overrides)
const ATTEMPTS = DEFAULT_RETRY.limit + 1

describe('request against clob-sim', () => {
  it('retries a GET on 503 and succeeds with the real answer', async () => {
    await fault({ path: '/time', method: 'GET', status: 503, count: 2 })
    const out = await request(ctx(), get('/time'))
    expect(typeof out).toBe('number')
    expect(Math.abs((out as number) - Date.now() / 1000)).toBeLessThan(60)
    expect(await remaining()).toEqual([])
  })

  it('gives up after the retry limit with the last HTTP error', async () => {
    await fault({ path: '/time', method: 'GET', status: 502, count: ATTEMPTS + 1 })
    const err = (await request(ctx(), get('/time')).catch((e: unknown) => e)) as HttpError
    expect(err).toBeInstanceOf(HttpError)
    expect(err.status).toBe(502)
    expect(err.code).toBe('HTTP_ERROR')
    expect(err.message).toContain('GET /time')
    expect(await remaining()).toEqual([1])
  })

  it('never retries a POST or a DELETE, even on 5xx', async () => {
    await fault({ path: '/books', method: 'POST', status: 503, count: 2 })
    await expect(request(ctx(), { method: 'POST', path: '/books', body: '[]' })).rejects.toBeInstanceOf(
      HttpError,
    )
    await fault({ path: '/order', method: 'DELETE', status: 500, count: 2 })
    await expect(request(ctx(), { method: 'DELETE', path: '/order', body: '{}' })).rejects.toBeInstanceOf(
      HttpError,
    )
    expect(await remaining()).toEqual([1, 1])
  })

  it('does not retry a 400, and keeps the server message and body', async () => {
    const err = (await request(ctx(), get('/book', { query: { token_id: 'nope' } })).catch(
      (e: unknown) => e,
    )) as HttpError
    expect(err.status).toBe(400)
    expect(typeof err.serverMessage).toBe('string')
    expect(err.body).toEqual({ error: err.serverMessage })
    await fault({ path: '/time', method: 'GET', status: 400, count: 2 })
    await expect(request(ctx(), get('/time'))).rejects.toMatchObject({ status: 400 })
    expect(await remaining()).toEqual([1])
  })

  it('waits out a short Retry-After on a 429, then succeeds', async () => {
    await fault({ path: '/time', method: 'GET', rateLimit: { retryAfter: 1 }, count: 1 })
    const t0 = performance.now()
    await expect(request(ctx(), get('/time'))).resolves.toEqual(expect.any(Number))
    // the wait is the server's Retry-After, not the 5 ms backoff
    expect(performance.now() - t0).toBeGreaterThanOrEqual(950)
    expect(await remaining()).toEqual([])
  })

  it('throws RateLimitError with retryAfter when Retry-After is too long to wait', async () => {
    await fault({ path: '/time', method: 'GET', rateLimit: { retryAfter: 120 }, count: 2 })
    const err = (await request(ctx(), get('/time')).catch((e: unknown) => e)) as RateLimitError
    expect(err).toBeInstanceOf(RateLimitError)
    expect(err.code).toBe('RATE_LIMITED')
    expect(err.retryAfter).toBe(120)
    expect(await remaining()).toEqual([1])
  })

  it('times out an attempt and retries a GET, then reports the timeout', async () => {
    await fault({ path: '/time', method: 'GET', latencyMs: 300, count: ATTEMPTS + 1 })
    const err = (await request(ctx({ timeouts: { attempt: 50, total: 5_000 } }), get('/time')).catch(
      (e: unknown) => e,
    )) as TimeoutError
    expect(err).toBeInstanceOf(TimeoutError)
    expect(err.code).toBe('TIMEOUT')
    expect(err.scope).toBe('attempt')
    expect(err.timeoutMs).toBe(50)
    expect(await remaining()).toEqual([1])
  })

  it('enforces the total timeout across retries', async () => {
    await fault({ path: '/time', method: 'GET', latencyMs: 1_000, count: 5 })
    const err = (await request(ctx({ timeouts: { attempt: 500, total: 120 } }), get('/time')).catch(
      (e: unknown) => e,
    )) as TimeoutError
    expect(err).toBeInstanceOf(TimeoutError)
    expect(err.scope).toBe('total')
    // the total budget (120 ms) ended it inside the first attempt's 500 ms
    expect(await remaining()).toEqual([4])
  })

  it('aborts through the caller signal', async () => {
    await fault({ path: '/time', method: 'GET', latencyMs: 1_000, count: 1 })
    const controller = new AbortController()
    const pending = request(ctx(), get('/time', { signal: controller.signal })).catch((e: unknown) => e)
    // abort once the sim is holding the request
    while ((await remaining()).length > 0) await new Promise((resolve) => setTimeout(resolve, 5))
    controller.abort(new Error('user'))
    const err = (await pending) as AbortedError
    expect(err).toBeInstanceOf(AbortedError)
    expect(err.code).toBe('ABORTED')
    expect((err.cause as Error).message).toBe('user')
  })

  it('reports a connection dropped after the request was processed as a NetworkError of unknown delivery', async () => {
    await fault({ path: '/books', method: 'POST', dropAfterProcess: true, count: 1 })
    const err = (await request(ctx(), { method: 'POST', path: '/books', body: '[]' }).catch(
      (e: unknown) => e,
    )) as NetworkError
    expect(err).toBeInstanceOf(NetworkError)
    expect(err.requestSent).toBeUndefined()
  })

  it('names an unknown API key as the likely cause of the sim’s 401', async () => {
    const err = (await request(
      ctx({
        auth: {
          headers: () => ({
            POLY_ADDRESS: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
            POLY_SIGNATURE: `${'A'.repeat(43)}=`,
            POLY_TIMESTAMP: String(Math.floor(Date.now() / 1000)),
            POLY_API_KEY: '00000000-0000-4000-8000-000000000000',
            POLY_PASSPHRASE: 'x'.repeat(64),
          }),
        },
      }),
      get('/data/orders', { auth: 'l2' }),
    ).catch((e: unknown) => e)) as AuthenticationError
    expect(err).toBeInstanceOf(AuthenticationError)
    expect(err.status).toBe(401)
    expect(err.likelyCause).toBe('unknown_api_key')
  })
})
