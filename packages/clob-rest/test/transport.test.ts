/**
 * `request` over a raw loopback server, for what clob-sim cannot give: the retry, timeout,
 * abort and connection-loss rules run against the sim in transport-sim.test.ts. What stays
 * here either observes what only a raw server sees (query encoding, the exact body bytes,
 * sockets, the headers of each attempt, that nothing was sent), or answers what no honest
 * exchange sends: an HTTP-date Retry-After (the sim sends seconds), a Cloudflare HTML page,
 * the exchange's geoblock and signer messages, an HTML 200, malformed JSON, a body that
 * fails its schema.
 */
import {
  AbortedError,
  AuthenticationError,
  createDefaultTransport,
  createFetchTransport,
  DEFAULT_RETRY,
  GeoblockError,
  NetworkError,
  type RateLimitError,
  ResponseValidationError,
  request,
  type Transport,
} from '@clobkit/clob-rest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { get, type RequestContext, requestContext } from './support/request.js'
import { deadPort, startServer, type TestServer } from './support/server.js'

let server: TestServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())

const ctx = (overrides: Partial<RequestContext> = {}): RequestContext => requestContext(server.url, overrides)

describe('request', () => {
  it('returns parsed JSON and sends query parameters in order with axios encoding', async () => {
    server.handler = () => ({ body: { ok: 1 } })
    const before = server.seen.length
    const out = await request(
      ctx(),
      get('/data/orders', { query: { b: 'x y', a: 'MA==', skip: undefined, ids: '1,2' } }),
    )
    expect(out).toEqual({ ok: 1 })
    const seen = server.seen[before]
    expect(seen?.path).toBe('/data/orders')
    expect([...(seen?.query.keys() ?? [])]).toEqual(['b', 'a', 'ids'])
    expect(seen?.query.get('a')).toBe('MA==')
  })

  it('sends the exact body string with Content-Type: application/json', async () => {
    server.handler = () => ({ body: [] })
    const before = server.seen.length
    const body = '{"b":1,"a":"é"}'
    await request(ctx(), { method: 'POST', path: '/books', body })
    const seen = server.seen[before]
    expect(seen?.body).toBe(body)
    expect(seen?.headers['content-type']).toBe('application/json')
  })

  it('reuses one keep-alive connection for sequential requests', async () => {
    server.handler = () => ({ body: {} })
    const c = ctx()
    const before = server.connections()
    for (let i = 0; i < 5; i++) await request(c, get('/ok'))
    expect(server.connections() - before).toBeLessThanOrEqual(1)
  })

  it('reads an HTTP-date Retry-After', async () => {
    const at = new Date(Date.now() + 300_000).toUTCString()
    server.handler = () => ({ status: 429, headers: { 'retry-after': at }, body: {} })
    const err = (await request(ctx(), { method: 'POST', path: '/x', body: '{}' }).catch(
      (e: unknown) => e,
    )) as RateLimitError
    expect(err.retryAfter).toBeGreaterThan(290)
    expect(err.retryAfter).toBeLessThanOrEqual(301)
  })

  it('does not send anything when the signal is already aborted', async () => {
    const before = server.seen.length
    const err = (await request(ctx(), get('/x', { signal: AbortSignal.abort() })).catch(
      (e: unknown) => e,
    )) as AbortedError
    expect(err).toBeInstanceOf(AbortedError)
    expect(err.requestSent).toBe(false)
    expect(server.seen.length).toBe(before)
  })

  it('reports a refused connection as a NetworkError that was not sent', async () => {
    const err = (await request(
      ctx({ host: await deadPort(), retry: { ...DEFAULT_RETRY, limit: 0 } }),
      get('/x'),
    ).catch((e: unknown) => e)) as NetworkError
    expect(err).toBeInstanceOf(NetworkError)
    expect(err.code).toBe('NETWORK_ERROR')
    expect(err.requestSent).toBe(false)
  })

  it('recognises a Cloudflare HTML block page and does not parse it as JSON', async () => {
    server.handler = () => ({
      status: 403,
      headers: { 'content-type': 'text/html' },
      raw: '<!DOCTYPE html><html><title>Attention Required! | Cloudflare</title></html>',
    })
    const err = (await request(ctx(), get('/book')).catch((e: unknown) => e)) as GeoblockError
    expect(err).toBeInstanceOf(GeoblockError)
    expect(err.code).toBe('GEOBLOCKED')
    expect(err.source).toBe('cloudflare')
  })

  it('recognises the exchange geoblock message', async () => {
    server.handler = () => ({ status: 403, body: { error: 'Trading restricted in your region' } })
    const err = (await request(ctx(), get('/book')).catch((e: unknown) => e)) as GeoblockError
    expect(err).toBeInstanceOf(GeoblockError)
    expect(err.source).toBe('geoblock')
  })

  it('names clock skew as the likely cause of a 401 when the server clock is far off', async () => {
    server.handler = () => ({ status: 401, body: { error: 'Unauthorized/Invalid api key' } })
    const skewed = ctx({
      auth: { headers: () => ({}), skewHint: () => 600 },
    })
    const err = (await request(skewed, get('/data/orders', { auth: 'l2' })).catch(
      (e: unknown) => e,
    )) as AuthenticationError
    expect(err).toBeInstanceOf(AuthenticationError)
    expect(err.code).toBe('AUTHENTICATION_FAILED')
    expect(err.likelyCause).toBe('clock_skew')
  })

  it('names a wrong signer or signature type', async () => {
    server.handler = () => ({
      status: 403,
      body: { error: 'the order signer address has to be the address of the API KEY' },
    })
    const err = (await request(ctx(), { method: 'POST', path: '/order', body: '{}', auth: 'l2' }).catch(
      (e: unknown) => e,
    )) as AuthenticationError
    expect(err.likelyCause).toBe('wrong_signer_or_signature_type')
  })

  it('refuses an HTML 200 without parsing it', async () => {
    server.handler = () => ({ headers: { 'content-type': 'text/html' }, raw: '<html>captive portal</html>' })
    const err = (await request(ctx(), get('/book')).catch((e: unknown) => e)) as ResponseValidationError
    expect(err).toBeInstanceOf(ResponseValidationError)
    expect(err.code).toBe('INVALID_RESPONSE')
    expect(err.message).toContain('HTML')
  })

  it('refuses malformed JSON', async () => {
    server.handler = () => ({ raw: '{"bids": [' })
    const err = (await request(ctx(), get('/book')).catch((e: unknown) => e)) as ResponseValidationError
    expect(err).toBeInstanceOf(ResponseValidationError)
    expect(err.message).toContain('GET /book')
  })

  it('names the schema path of a response that does not validate', async () => {
    server.handler = () => ({ body: { bids: [{ price: '0.5' }, { price: 7 }] } })
    const schema = {
      safeParse(v: unknown) {
        const bad = (v as { bids: { price: unknown }[] }).bids.findIndex((b) => typeof b.price !== 'string')
        return bad === -1
          ? { success: true as const, data: v }
          : {
              success: false as const,
              error: { issues: [{ path: ['bids', bad, 'price'], message: 'expected string' }] },
            }
      },
    }
    const err = (await request(ctx(), get('/book'), schema).catch(
      (e: unknown) => e,
    )) as ResponseValidationError
    expect(err.schemaPath).toBe('bids[1].price')
  })

  it('computes auth headers per attempt over the exact body', async () => {
    server.handler = () => ({ body: {} })
    const calls: unknown[] = []
    const c = ctx({
      auth: {
        headers: (kind, method, path, body) => {
          calls.push({ kind, method, path, body })
          return { POLY_TEST: `${method} ${path}` }
        },
      },
    })
    const before = server.seen.length
    await request(c, {
      method: 'DELETE',
      path: '/order',
      body: '{"orderID":"0x1"}',
      auth: 'l2',
      query: { q: 1 },
    })
    expect(calls).toEqual([{ kind: 'l2', method: 'DELETE', path: '/order', body: '{"orderID":"0x1"}' }])
    expect(server.seen[before]?.headers.poly_test).toBe('DELETE /order')
  })
})

describe('createDefaultTransport', () => {
  it('is the keep-alive node:http transport on Node, not fetch', () => {
    expect(createDefaultTransport).not.toBe(createFetchTransport)
  })
})

describe('createFetchTransport', () => {
  it('sends and receives through fetch', async () => {
    server.handler = (req) => ({ body: { echo: req.body, method: req.method } })
    const transport: Transport = createFetchTransport()
    const out = await request(ctx({ transport }), { method: 'POST', path: '/echo', body: '{"a":1}' })
    expect(out).toEqual({ echo: '{"a":1}', method: 'POST' })
  })

  it('marks a refused connection as not sent', async () => {
    const transport: Transport = createFetchTransport()
    const err = (await request(
      ctx({ transport, host: await deadPort(), retry: { ...DEFAULT_RETRY, limit: 0 } }),
      get('/x'),
    ).catch((e: unknown) => e)) as NetworkError
    expect(err).toBeInstanceOf(NetworkError)
    expect(err.requestSent).toBe(false)
  })
})
