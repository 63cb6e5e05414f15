import { createHmac } from 'node:crypto'
import { isClobError } from '@clobkit/eip712-order'
import { Credentials, Headers, Hmac } from '@clobkit/l2-auth'
import * as NodeHmac from '@clobkit/l2-auth/hmac-node'
import * as PortableHmac from '@clobkit/l2-auth/hmac-portable'
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { cases } from './corpus.js'

const ZERO_SECRET = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='
const backends = [NodeHmac, PortableHmac] as const
const l2Cases = cases('l2')

function tsOf(input: { timestamp?: number; nowMs?: number }): number {
  return input.timestamp ?? Math.floor(input.nowMs! / 1000)
}

function expectThrowsCode(fn: () => unknown, code: string, param: string, secret?: string): void {
  let caught: unknown
  try {
    fn()
  } catch (e) {
    caught = e
  }
  expect(isClobError(caught)).toBe(true)
  const err = caught as { code: string; param: string; message: string; stack?: string }
  expect(err.code).toBe(code)
  expect(err.param).toBe(param)
  if (secret !== undefined && secret.length > 2) {
    expect(err.message).not.toContain(secret)
    expect(JSON.stringify(err)).not.toContain(secret)
  }
}

describe('Hmac.backend', () => {
  it('resolves to node:crypto under Node', () => {
    expect(Hmac.backend).toBe('node')
    expect(NodeHmac.backend).toBe('node')
    expect(PortableHmac.backend).toBe('portable')
  })
})

describe('Hmac.sign — corpus l2', () => {
  it('has the public l2 cases', () => {
    expect(l2Cases.length).toBeGreaterThanOrEqual(46)
  })

  for (const c of l2Cases) {
    const { creds, method, requestPath, body } = c.input
    const timestamp = tsOf(c.input)
    it(`${c.id} (${c.input.notes?.secretStyle ?? ''})`, () => {
      const params = { secret: creds.secret, timestamp, method, path: requestPath, body }
      if (c.expected.error !== undefined) {
        expectThrowsCode(() => Hmac.sign(params), 'INVALID_SECRET', 'secret', creds.secret)
        for (const b of backends) expect(() => b.keyed(Hmac.decodeSecret(creds.secret))).toThrow()
        return
      }
      expect(Hmac.sign(params)).toBe(c.expected.hmacSignature)
      const message = `${timestamp}${method}${requestPath}${body ?? ''}`
      expect(Hmac.message(params)).toBe(message)
      const key = Hmac.decodeSecret(creds.secret)
      for (const b of backends) expect(b.keyed(key)(message)).toBe(c.expected.hmacSignature)
    })
  }
})

describe('Hmac.sign — ANCHORS §B.2', () => {
  const rows: [
    secret: string,
    ts: number,
    method: string,
    path: string,
    body: string | undefined,
    sig: string,
  ][] = [
    [
      ZERO_SECRET,
      1000000,
      'test-sign',
      '/orders',
      '{"hash": "0x123"}',
      'ZwAdJKvoYRlEKDkNMwd5BuwNNtg93kNaR_oU2HrfVvc=',
    ],
    [
      ZERO_SECRET,
      1000000,
      'test-sign',
      '/orders',
      '{"hash":"0x123"}',
      '4gJVbox-R6XlDK4nlaicig0_ANVL1qdcahiL8CXfXLM=',
    ],
    [ZERO_SECRET, 1, 'GET', '/', undefined, 'eHaylCwqRSOa2LFD77Nt_SaTpbsxzN8eTEI3LryhEj4='],
    [
      '++/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      1000000,
      'test-sign',
      '/orders',
      '{"hash": "0x123"}',
      'HNo0ctLa8EfeOxYf0wiNci4JqCwLiVWsubxySKwD1cs=',
    ],
    [
      '--_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      1000000,
      'test-sign',
      '/orders',
      '{"hash": "0x123"}',
      'HNo0ctLa8EfeOxYf0wiNci4JqCwLiVWsubxySKwD1cs=',
    ],
    [ZERO_SECRET, 1000000, 'GET', '/data/orders', undefined, '9-I3DmVY9ObJ6EVf_KvrHpUWMOQJXiAjR5z7fO8qnPw='],
    [
      ZERO_SECRET,
      1700000000,
      'POST',
      '/v1/heartbeats',
      '{"heartbeat_id":""}',
      '-PUdMuGD63fwGrjfWWDTMme64hsoU-TNjWB7GroYNmo=',
    ],
    [
      ZERO_SECRET,
      1700000000,
      'GET',
      '/data/orders',
      undefined,
      'm6lGS9WyES7JjpAYNd7zIdW5bfHxAAI_pIa1St9vLO4=',
    ],
    [
      'c2VjcmV0LXNlY3JldC1zZWNyZXQ=',
      1700000000,
      'POST',
      '/v1/heartbeats',
      '{"heartbeat_id":""}',
      'xDWMGvuPc5mbr7taxQEjVEpZ72RyjFl1BRrHmnUDzcE=',
    ],
  ]
  for (const [secret, timestamp, method, path, body, sig] of rows) {
    it(`${secret.slice(0, 6)}… ${timestamp} ${method} ${path}`, () => {
      expect(Hmac.sign({ secret, timestamp, method, path, body })).toBe(sig)
      for (const b of backends) {
        expect(b.keyed(Hmac.decodeSecret(secret))(`${timestamp}${method}${path}${body ?? ''}`)).toBe(sig)
      }
    })
  }

  it('signs the RS to_message example exactly', () => {
    expect(Hmac.message({ timestamp: 1, method: 'POST', path: '/path', body: '{"foo":"bar"}' })).toBe(
      '1POST/path{"foo":"bar"}',
    )
  })

  it('gives the same signature for an absent and an empty body, and differs on whitespace', () => {
    const base = { secret: ZERO_SECRET, timestamp: 1, method: 'POST', path: '/x' }
    expect(Hmac.sign({ ...base, body: '' })).toBe(Hmac.sign(base))
    expect(Hmac.sign({ ...base, body: '{"a":1}' })).not.toBe(Hmac.sign({ ...base, body: '{"a": 1}' }))
  })

  it('accepts the timestamp as a decimal string, signed verbatim', () => {
    const a = Hmac.sign({
      secret: ZERO_SECRET,
      timestamp: '1000000',
      method: 'test-sign',
      path: '/orders',
      body: '{"hash": "0x123"}',
    })
    expect(a).toBe('ZwAdJKvoYRlEKDkNMwd5BuwNNtg93kNaR_oU2HrfVvc=')
  })
})

describe('Hmac.decodeSecret', () => {
  function viaAtob(secret: string): Uint8Array | undefined {
    const mapped = secret.replace(/-/g, '+').replace(/_/g, '/')
    const padded = mapped + '='.repeat((4 - (mapped.length % 4)) % 4)
    try {
      return Uint8Array.from(atob(padded), (ch) => ch.charCodeAt(0))
    } catch {
      return undefined
    }
  }

  it('decodes base64url and standard base64, padded or not, to the same bytes', () => {
    expect(Hmac.decodeSecret('--_A')).toEqual(new Uint8Array([251, 239, 192]))
    expect(Hmac.decodeSecret('++/A')).toEqual(new Uint8Array([251, 239, 192]))
    expect(Hmac.decodeSecret('GaU')).toEqual(Hmac.decodeSecret('GaU='))
    expect(Hmac.decodeSecret(ZERO_SECRET)).toEqual(new Uint8Array(32))
  })

  it('accepts exactly what atob accepts, with the same bytes (property)', () => {
    const chars = 'AZaz09+/-_= \t\n\r\f@!é^.'.split('')
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars, 'Q', 'w', '8'), { maxLength: 24 }), (arr) => {
        const secret = arr.join('')
        const expected = viaAtob(secret)
        let got: Uint8Array | undefined
        try {
          got = Hmac.decodeSecret(secret)
        } catch (e) {
          expect(isClobError(e) && e.code === 'INVALID_SECRET').toBe(true)
          got = undefined
        }
        // An empty or all-whitespace secret decodes to nothing: rejected on purpose.
        if (expected !== undefined && expected.length === 0) expect(got).toBeUndefined()
        else expect(got).toEqual(expected)
      }),
      { numRuns: 3000 },
    )
  })

  it('accepts random valid secrets of 1–64 bytes in every style', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.boolean(),
        fc.boolean(),
        (bytes, url, pad) => {
          let s = btoa(String.fromCharCode(...bytes))
          if (url) s = s.replace(/\+/g, '-').replace(/\//g, '_')
          if (!pad) s = s.replace(/=+$/, '')
          expect(Hmac.decodeSecret(s)).toEqual(bytes)
        },
      ),
    )
  })

  it('rejects empty, invalid and non-string secrets with INVALID_SECRET and never echoes them', () => {
    for (const bad of [
      '',
      '@@@@',
      '!!!notbase64!!!',
      'A',
      'AAAAA',
      'AA=A',
      'AAA===',
      '   ',
      'AAAAAAAAAAAé',
    ]) {
      expectThrowsCode(() => Hmac.decodeSecret(bad), 'INVALID_SECRET', 'secret', bad)
    }
    expectThrowsCode(() => Hmac.decodeSecret(42 as unknown as string), 'INVALID_SECRET', 'secret')
  })
})

describe('HMAC backends', () => {
  it('node and portable agree on arbitrary keys and UTF-16 messages (lone surrogates, U+0000, U+2028)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 100 }),
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.string({
          unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)),
          maxLength: 50,
        }),
        (key, a, b) => {
          const msg = a + b
          const expected = NodeHmac.keyed(key)(msg)
          expect(expected).toMatch(/^[A-Za-z0-9_-]{43}=$/)
          expect(PortableHmac.keyed(key)(msg)).toBe(expected)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('signing (head, tail) equals signing head + tail, wherever the split falls (surrogate pairs too)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 80 }),
        fc.string({
          unit: fc.oneof(
            fc.constantFrom('\ud83d', '\ude00', '😀', '€', '\u0000', 'a'),
            fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)),
          ),
          maxLength: 60,
        }),
        fc.nat(),
        (key, msg, at) => {
          const i = msg.length === 0 ? 0 : at % (msg.length + 1)
          for (const b of backends) {
            const sign = b.keyed(key)
            expect(sign(msg.slice(0, i), msg.slice(i))).toBe(sign(msg))
          }
          expect(NodeHmac.keyed(key)(msg)).toBe(
            `${createHmac('sha256', key).update(msg, 'utf8').digest('base64url')}=`,
          )
        },
      ),
      { numRuns: 500 },
    )
    const key = new Uint8Array(32)
    for (const b of backends)
      expect(b.keyed(key)('1700000000POST/x\ud83d', '\ude00{}')).toBe(b.keyed(key)('1700000000POST/x😀{}'))
  })

  it('node backend: long messages grow its buffer, and shorter ones after that are unaffected', () => {
    const key = Uint8Array.from({ length: 32 }, (_, i) => i * 7)
    const reference = (m: string) => `${createHmac('sha256', key).update(m, 'utf8').digest('base64url')}=`
    const sign = NodeHmac.keyed(key)
    const long = `1700000000POST/orders${'€😀x'.repeat(3000)}`
    const short = '1700000000GET/data/orders'
    expect(sign(short)).toBe(reference(short))
    expect(sign(long)).toBe(reference(long))
    expect(sign(short)).toBe(reference(short))
    expect(sign(short, long)).toBe(reference(short + long))
    expect(sign('', '€'.repeat(5000))).toBe(reference('€'.repeat(5000)))
    expect(PortableHmac.keyed(key)(long)).toBe(reference(long))
  })

  it('node backend without Buffer#utf8Write/latin1Write (other runtimes) signs the same bytes', async () => {
    const methods = Buffer.prototype as unknown as Record<string, unknown>
    const saved = { utf8Write: methods.utf8Write, latin1Write: methods.latin1Write }
    expect(typeof saved.utf8Write).toBe('function')
    let Fallback: typeof NodeHmac
    try {
      methods.utf8Write = undefined
      methods.latin1Write = undefined
      vi.resetModules()
      Fallback = await import('@clobkit/l2-auth/hmac-node')
    } finally {
      Object.assign(methods, saved)
    }
    expect(Fallback).not.toBe(NodeHmac)
    const key = Uint8Array.from({ length: 32 }, (_, i) => 255 - i)
    const sign = Fallback.keyed(key)
    // count Buffer#write calls: the fallback goes through it, the direct writers do not
    const write = Buffer.prototype.write
    let writes = 0
    Buffer.prototype.write = function (this: Buffer, ...args: unknown[]) {
      writes++
      return (write as (...a: unknown[]) => number).apply(this, args)
    } as typeof write
    try {
      const direct = NodeHmac.keyed(key)
      for (const [head, tail] of [
        ['1700000000GET/data/orders', ''],
        ['1700000000POST/order', '{"order":{"salt":1},"owner":"é😀"}'],
        ['', '€'.repeat(3000)],
      ] as const) {
        const expected = `${createHmac('sha256', key)
          .update(head + tail, 'utf8')
          .digest('base64url')}=`
        writes = 0
        expect(direct(head, tail)).toBe(expected)
        expect(writes).toBe(0)
        expect(sign(head, tail)).toBe(expected)
        expect(writes).toBeGreaterThanOrEqual(2)
      }
    } finally {
      Buffer.prototype.write = write
    }
  })

  it('signs the same message repeatedly with one bound key (no state carried over)', () => {
    for (const b of backends) {
      const sign = b.keyed(new Uint8Array(32))
      const first = sign('1000000test-sign/orders{"hash": "0x123"}')
      sign('something else')
      expect(sign('1000000test-sign/orders{"hash": "0x123"}')).toBe(first)
      expect(first).toBe('ZwAdJKvoYRlEKDkNMwd5BuwNNtg93kNaR_oU2HrfVvc=')
    }
  })

  it('safeEqual compares exactly', () => {
    for (const b of backends) {
      expect(b.safeEqual('abc=', 'abc=')).toBe(true)
      expect(b.safeEqual('abc=', 'abd=')).toBe(false)
      expect(b.safeEqual('abc', 'abc=')).toBe(false)
      expect(b.safeEqual('', '')).toBe(true)
      expect(b.safeEqual('é', 'e')).toBe(false)
    }
    fc.assert(
      fc.property(fc.string(), fc.string(), (x, y) => {
        for (const b of backends) expect(b.safeEqual(x, y)).toBe(x === y)
      }),
    )
  })
})

describe('Hmac input validation', () => {
  const base = { secret: ZERO_SECRET, timestamp: 1, method: 'GET', path: '/x' }
  it('names the bad parameter', () => {
    expectThrowsCode(() => Hmac.sign({ ...base, timestamp: -1 }), 'INVALID_TIMESTAMP', 'timestamp')
    expectThrowsCode(() => Hmac.sign({ ...base, timestamp: 1.5 }), 'INVALID_TIMESTAMP', 'timestamp')
    expectThrowsCode(() => Hmac.sign({ ...base, timestamp: '12a' }), 'INVALID_TIMESTAMP', 'timestamp')
    expectThrowsCode(() => Hmac.sign({ ...base, timestamp: Number.NaN }), 'INVALID_TIMESTAMP', 'timestamp')
    expectThrowsCode(() => Hmac.sign({ ...base, method: '' }), 'INVALID_METHOD', 'method')
    expectThrowsCode(() => Hmac.sign({ ...base, method: 'GET /x' }), 'INVALID_METHOD', 'method')
    expectThrowsCode(() => Hmac.sign({ ...base, path: 'http://host/x' }), 'INVALID_PATH', 'path')
    expectThrowsCode(() => Hmac.sign({ ...base, path: '' }), 'INVALID_PATH', 'path')
    expectThrowsCode(
      () => Hmac.sign({ ...base, body: { a: 1 } as unknown as string }),
      'INVALID_BODY',
      'body',
    )
  })
})

describe('Headers.l2 / Headers.builder with plain credentials match Hmac.sign', () => {
  it('binds plain credential objects and re-binds when they change', () => {
    const creds = { key: 'k', secret: ZERO_SECRET, passphrase: 'p' }
    const p = {
      address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
      credentials: creds,
      method: 'GET',
      path: '/',
      timestamp: 1,
    }
    expect(Headers.l2(p).POLY_SIGNATURE).toBe('eHaylCwqRSOa2LFD77Nt_SaTpbsxzN8eTEI3LryhEj4=')
    const mutable = creds as { secret: string }
    mutable.secret = 'c2VjcmV0LXNlY3JldC1zZWNyZXQ='
    expect(Headers.l2(p).POLY_SIGNATURE).toBe(
      Hmac.sign({ secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ=', timestamp: 1, method: 'GET', path: '/' }),
    )
    expect(Headers.l2({ ...p, credentials: Credentials.from(creds) }).POLY_SIGNATURE).toBe(
      Headers.l2(p).POLY_SIGNATURE,
    )
  })
})
