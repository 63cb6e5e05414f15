/**
 * Error taxonomy and secret hygiene. The raw server stands in for servers that misbehave
 * in ways no honest exchange does — echoing the secret in an error, a key response of the
 * wrong shape, a request that never answers; the outcome-unknown error's contents are
 * checked against clob-sim in integration.test.ts.
 */
import { inspect } from 'node:util'
import {
  createClient,
  ErrorCode,
  HttpError,
  InsertErrorCodes,
  insertErrorCode,
  OrderRejectedError,
  ResponseValidationError,
} from '@clobkit/clob-rest'
import { ClobError, isClobError } from '@clobkit/eip712-order'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { creds, PK, signer } from './support/fake.js'
import { deadPort, startServer, type TestServer } from './support/server.js'

let server: TestServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())

const SECRETS = [creds.secret, creds.passphrase, PK.slice(2)]

/** Every string reachable from an error: message, JSON, inspect, and the cause chain. */
function surface(error: unknown): string {
  let out = ''
  let e: unknown = error
  for (let depth = 0; e !== undefined && depth < 6; depth++) {
    out += `${String(e)}\n${inspect(e, { depth: 8, showHidden: true })}\n`
    try {
      out += JSON.stringify(e)
    } catch {}
    if (e instanceof Error) out += `${e.stack ?? ''}${JSON.stringify((e as ClobError).details ?? {})}`
    e = e instanceof Error ? e.cause : undefined
  }
  return out
}

describe('error taxonomy', () => {
  it('every error is a ClobError with a stable code', () => {
    const e = new OrderRejectedError({
      method: 'POST',
      path: '/order',
      status: 400,
      serverMessage: 'invalid expiration',
    })
    expect(e).toBeInstanceOf(ClobError)
    expect(isClobError(e)).toBe(true)
    expect(e.code).toBe(ErrorCode.ORDER_REJECTED)
    expect(e.insertCode).toBe('INVALID_ORDER_EXPIRATION')
    expect(e.message).toContain('POST /order')
  })

  it('recognises every documented insert error code from its literal', () => {
    for (const code of InsertErrorCodes) {
      if (code === 'ORDER_VERSION_MISMATCH') continue
      expect(insertErrorCode(`${code}: something`)).toBe(code)
    }
    expect(insertErrorCode('{"error":"order_version_mismatch"}')).toBe('ORDER_VERSION_MISMATCH')
    expect(insertErrorCode("order couldn't be fully filled. FOK orders are fully filled or killed.")).toBe(
      'FOK_ORDER_NOT_FILLED_ERROR',
    )
    expect(insertErrorCode('something else')).toBeUndefined()
  })
})

describe('secrets never leak into errors', () => {
  const cases: [string, () => Promise<unknown>][] = [
    [
      '401 on an L2 call',
      async () => {
        server.handler = () => ({ status: 401, body: { error: 'Unauthorized/Invalid api key' } })
        await createClient({ host: server.url, chainId: 137, signer, credentials: creds }).keys.list()
      },
    ],
    [
      'an invalid key response that contains the secret',
      async () => {
        server.handler = () => ({ body: { apiKey: 5, secret: creds.secret, passphrase: creds.passphrase } })
        await createClient({ host: server.url, chainId: 137, signer, credentials: creds }).keys.derive()
      },
    ],
    [
      'a 500 on a key endpoint echoing the secret',
      async () => {
        server.handler = () => ({
          status: 500,
          body: { error: `bad secret ${creds.secret} ${creds.passphrase}` },
        })
        await createClient({
          host: server.url,
          chainId: 137,
          signer,
          credentials: creds,
          retry: false,
        }).keys.create()
      },
    ],
    [
      'a network error',
      async () => {
        await createClient({
          host: await deadPort(),
          chainId: 137,
          signer,
          credentials: creds,
          retry: false,
        }).account.closedOnly()
      },
    ],
    [
      'a timeout',
      async () => {
        server.handler = () => 'hang'
        await createClient({
          host: server.url,
          chainId: 137,
          signer,
          credentials: creds,
          retry: false,
          timeouts: { attempt: 30 },
        }).heartbeats.post('')
      },
    ],
    [
      'missing credentials',
      async () => {
        await createClient({ host: server.url, chainId: 137, signer }).cancels.all()
      },
    ],
  ]
  it.each(cases)('%s', async (_name, run) => {
    const error = await run().then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(isClobError(error)).toBe(true)
    const text = surface(error)
    for (const secret of SECRETS) expect(text).not.toContain(secret)
  })

  it('redacts the body of key endpoints in HTTP errors', async () => {
    server.handler = () => ({ status: 500, body: { error: creds.secret } })
    const err = (await createClient({
      host: server.url,
      chainId: 137,
      signer,
      credentials: creds,
      retry: false,
    })
      .keys.create()
      .catch((e: unknown) => e)) as HttpError
    expect(err).toBeInstanceOf(HttpError)
    expect(err.body).toBe('[redacted]')
  })

  it('keeps the schema path but not the values of an invalid key response', async () => {
    server.handler = () => ({ body: { apiKey: 5, secret: creds.secret, passphrase: creds.passphrase } })
    const err = (await createClient({ host: server.url, chainId: 137, signer, credentials: creds })
      .keys.derive()
      .catch((e: unknown) => e)) as ResponseValidationError
    expect(err).toBeInstanceOf(ResponseValidationError)
    expect(err.schemaPath).toBe('apiKey')
  })
})
