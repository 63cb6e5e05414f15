import { ClobError } from '@clobkit/eip712-order'
import { failureStatus, findHeartbeatId, isTransient, toErrorInfo } from '@clobkit/heartbeat'
import { describe, expect, it } from 'vitest'

/** Shaped like the clob-rest HttpError: status plus the parsed body. */
class HttpLike extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`)
  }
}

describe('findHeartbeatId', () => {
  const cases: [string, unknown][] = [
    ['body at the top level', { heartbeat_id: 'hb-7' }],
    [
      'TS client, body had an error key (spread)',
      { error: 'Invalid Heartbeat ID', heartbeat_id: 'hb-7', status: 400 },
    ],
    ['TS client, body without error key (nested)', { error: { heartbeat_id: 'hb-7' }, status: 400 }],
    [
      'HttpError with parsed body',
      new HttpLike(400, { error: 'Invalid Heartbeat ID', heartbeat_id: 'hb-7' }),
    ],
    ['HttpError with nested body', new HttpLike(400, { error: { heartbeat_id: 'hb-7' } })],
    ['HttpError with a raw JSON body string', new HttpLike(400, '{"heartbeat_id":"hb-7"}')],
    [
      'ApiError.data (throwOnError)',
      Object.assign(new Error('x'), { status: 400, data: { error: { heartbeat_id: 'hb-7' } } }),
    ],
    [
      'ClobError details.body',
      new ClobError('HTTP_ERROR', 'x', { details: { status: 400, body: { heartbeat_id: 'hb-7' } } }),
    ],
    ['wrapped as cause', new Error('outer', { cause: new HttpLike(400, { heartbeat_id: 'hb-7' }) })],
    ['error string holding JSON', { error: '{"heartbeat_id":"hb-7"}', status: 400 }],
    ['axios-like response.data', { response: { status: 400, data: { heartbeat_id: 'hb-7' } } }],
  ]
  for (const [name, failure] of cases) {
    it(`finds the id: ${name}`, () => {
      expect(findHeartbeatId(failure)).toBe('hb-7')
    })
  }

  it('returns undefined when there is no usable id', () => {
    for (const failure of [
      undefined,
      null,
      'Invalid Heartbeat ID',
      new Error('fetch failed'),
      { error: 'bad' },
      { heartbeat_id: 7 },
      { heartbeat_id: '' },
      { heartbeat_id: 'x'.repeat(513) },
      new HttpLike(400, 'not json'),
    ]) {
      expect(findHeartbeatId(failure)).toBeUndefined()
    }
  })

  it('survives cycles and throwing getters', () => {
    const cyclic: Record<string, unknown> = { error: 'x' }
    cyclic.cause = cyclic
    cyclic.body = { data: cyclic }
    expect(findHeartbeatId(cyclic)).toBeUndefined()
    const hostile = Object.defineProperty({ body: { heartbeat_id: 'hb-7' } }, 'heartbeat_id', {
      get() {
        throw new Error('nope')
      },
    })
    expect(findHeartbeatId(hostile)).toBe('hb-7')
  })
})

describe('failureStatus', () => {
  it('reads status, statusCode and nested statuses', () => {
    expect(failureStatus(new HttpLike(400, {}))).toBe(400)
    expect(failureStatus({ statusCode: 503 })).toBe(503)
    expect(failureStatus({ response: { status: 429 } })).toBe(429)
    expect(failureStatus(new Error('x'))).toBeUndefined()
    expect(failureStatus({ status: 'bad' })).toBeUndefined()
    expect(failureStatus({ status: 99 })).toBeUndefined()
  })
})

describe('isTransient', () => {
  it('retries network errors, timeouts, 408/425/429 and 5xx quickly', () => {
    for (const status of [408, 425, 429, 500, 502, 503, 504, 520]) expect(isTransient({ status })).toBe(true)
    expect(isTransient(new TypeError('fetch failed'))).toBe(true)
    expect(isTransient(new ClobError('TIMEOUT', 'x'))).toBe(true)
  })

  it('does not hammer on permanent conditions', () => {
    for (const status of [400, 401, 403, 404]) expect(isTransient({ status })).toBe(false)
    expect(isTransient(new ClobError('AUTHENTICATION_FAILED', 'x'))).toBe(false)
    expect(isTransient(new ClobError('CREDENTIALS_REQUIRED', 'x'))).toBe(false)
    expect(isTransient(new ClobError('INVALID_HEARTBEAT_RESPONSE', 'x'))).toBe(false)
  })
})

describe('toErrorInfo', () => {
  it('keeps the code, message and status only', () => {
    const err = new ClobError('HTTP_ERROR', 'POST /v1/heartbeats: 503', {
      details: { status: 503, body: { error: 'x' } },
    })
    expect(toErrorInfo(err)).toEqual({ code: 'HTTP_ERROR', message: 'POST /v1/heartbeats: 503', status: 503 })
    expect(toErrorInfo(new HttpLike(401, {}))).toEqual({ code: 'HTTP_401', message: 'HTTP 401', status: 401 })
    expect(toErrorInfo(new TypeError('fetch failed'))).toEqual({ code: 'TypeError', message: 'fetch failed' })
    expect(toErrorInfo({ error: 'Internal', status: 500 })).toEqual({
      code: 'HTTP_500',
      message: 'Internal',
      status: 500,
    })
    expect(toErrorInfo('weird')).toEqual({ code: 'UNKNOWN', message: 'weird' })
  })

  it('clips long messages and stays JSON-serialisable', () => {
    const info = toErrorInfo(new Error('x'.repeat(5000)))
    expect(info.message.length).toBe(300)
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    const c = toErrorInfo(cyclic)
    expect(JSON.parse(JSON.stringify(c))).toEqual(c)
  })
})
