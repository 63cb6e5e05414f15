import { Console } from 'node:console'
import { Writable } from 'node:stream'
import { inspect } from 'node:util'
import { isClobError } from '@clobkit/eip712-order'
import { Credentials, Headers } from '@clobkit/l2-auth'
import { describe, expect, it } from 'vitest'

const SECRET = 'c2VjcmV0LXNlY3JldC1zZWNyZXQ='
const PASSPHRASE = 'f00dfacef00dfacef00dfacef00dfacef00dfacef00dfacef00dfacef00dface'
const KEY = '00000000-0000-0000-0000-000000000001'

function codeOf(fn: () => unknown): { code: string; param: string | undefined; text: string } {
  try {
    fn()
  } catch (e) {
    expect(isClobError(e)).toBe(true)
    const err = e as { code: string; param: string | undefined; message: string; stack?: string }
    return {
      code: err.code,
      param: err.param,
      text: `${err.message} ${err.stack ?? ''} ${JSON.stringify(err)}`,
    }
  }
  throw new Error('expected a throw')
}

describe('Credentials.from', () => {
  const creds = Credentials.from({ key: KEY, secret: SECRET, passphrase: PASSPHRASE })

  it('keeps key visible and secret/passphrase readable by name', () => {
    expect(creds.key).toBe(KEY)
    expect(creds.secret).toBe(SECRET)
    expect(creds.passphrase).toBe(PASSPHRASE)
    expect(Object.keys(creds)).toEqual(['key'])
    expect(Credentials.isCredentials(creds)).toBe(true)
    expect(Credentials.isCredentials({ key: KEY, secret: SECRET, passphrase: PASSPHRASE })).toBe(false)
    expect(Credentials.from(creds)).toBe(creds)
  })

  it('masks secret and passphrase in JSON.stringify', () => {
    const json = JSON.stringify(creds)
    expect(json).toBe(`{"key":"${KEY}","secret":"***","passphrase":"***"}`)
    expect(JSON.stringify({ nested: [creds] })).not.toContain(SECRET)
  })

  it('masks them in util.inspect (also with showHidden, nested, and without custom inspect)', () => {
    for (const text of [
      inspect(creds),
      inspect({ a: { b: creds } }, { depth: 5 }),
      inspect(creds, { showHidden: true }),
      inspect(creds, { customInspect: false, showHidden: true }),
    ]) {
      expect(text).not.toContain(SECRET)
      expect(text).not.toContain(PASSPHRASE)
    }
    expect(inspect(creds)).toContain(KEY)
    expect(inspect(creds)).toContain('***')
  })

  it('masks them in String(), template strings and concatenation', () => {
    for (const text of [String(creds), `${creds}`, '' + creds, creds.toString()]) {
      expect(text).toContain(KEY)
      expect(text).toContain('***')
      expect(text).not.toContain(SECRET)
      expect(text).not.toContain(PASSPHRASE)
    }
  })

  it('masks them in console.log / console.error output', () => {
    const written: string[] = []
    const sink = new Writable({
      write(chunk, _enc, done) {
        written.push(String(chunk))
        done()
      },
    })
    const out = new Console({ stdout: sink, stderr: sink })
    out.log(creds)
    out.log('creds: %o / %O / %s / %j', creds, creds, creds, creds)
    out.error({ creds })
    out.dir(creds, { showHidden: true })
    out.table([creds])
    const text = written.join('')
    expect(text).toContain(KEY)
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain(PASSPHRASE)
  })

  it('is frozen and does not leak through spread, structuredClone or Object.entries', () => {
    expect(Object.isFrozen(creds)).toBe(true)
    expect(() => {
      ;(creds as { key: string }).key = 'x'
    }).toThrow()
    expect(JSON.stringify({ ...creds })).not.toContain(SECRET)
    expect(JSON.stringify(Object.entries(creds))).not.toContain(SECRET)
    expect(JSON.stringify(structuredClone(creds))).not.toContain(SECRET)
  })

  it('rejects bad fields with INVALID_CREDENTIALS naming the field, never its value', () => {
    const good = { key: KEY, secret: SECRET, passphrase: PASSPHRASE }
    const bad: [Record<string, unknown>, string, string?][] = [
      [{ ...good, key: '' }, 'key'],
      [{ ...good, key: 42 }, 'key'],
      [{ ...good, key: 'line\nbreak' }, 'key'],
      [{ ...good, secret: '' }, 'secret'],
      [{ ...good, secret: '@@@@not-base64@@@@' }, 'secret', '@@@@not-base64@@@@'],
      [{ ...good, secret: undefined }, 'secret'],
      [{ ...good, passphrase: '' }, 'passphrase'],
      [{ ...good, passphrase: 'p\r\nX-Injected: 1' }, 'passphrase', 'X-Injected'],
      [{ ...good, passphrase: null }, 'passphrase'],
    ]
    for (const [input, param, value] of bad) {
      const r = codeOf(() => Credentials.from(input as never))
      expect(r.code).toBe('INVALID_CREDENTIALS')
      expect(r.param).toBe(param)
      if (value !== undefined) expect(r.text).not.toContain(value)
      expect(r.text).not.toContain(PASSPHRASE)
    }
    expect(codeOf(() => Credentials.from(null as never)).code).toBe('INVALID_CREDENTIALS')
  })

  it('works with Headers.l2 and builds the same headers as plain credentials', () => {
    const p = {
      address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
      method: 'POST',
      path: '/v1/heartbeats',
      body: '{"heartbeat_id":""}',
      timestamp: 1700000000,
    }
    const h = Headers.l2({ ...p, credentials: creds })
    expect(h.POLY_SIGNATURE).toBe(
      Headers.l2({ ...p, credentials: { key: KEY, secret: SECRET, passphrase: PASSPHRASE } }).POLY_SIGNATURE,
    )
    expect(h.POLY_PASSPHRASE).toBe(PASSPHRASE)
    expect(h.POLY_API_KEY).toBe(KEY)
  })
})

describe('Credentials.fromApiResponse', () => {
  it('accepts {apiKey, secret, passphrase}', () => {
    const c = Credentials.fromApiResponse({ apiKey: KEY, secret: SECRET, passphrase: PASSPHRASE })
    expect(c.key).toBe(KEY)
    expect(c.secret).toBe(SECRET)
    expect(JSON.stringify(c)).not.toContain(SECRET)
  })

  it('accepts the builder-key shape {key, secret, passphrase}', () => {
    expect(Credentials.fromApiResponse({ key: KEY, secret: SECRET, passphrase: PASSPHRASE }).key).toBe(KEY)
  })

  it('names apiKey when it is missing or bad', () => {
    const r = codeOf(() => Credentials.fromApiResponse({ secret: SECRET, passphrase: PASSPHRASE }))
    expect(r.code).toBe('INVALID_CREDENTIALS')
    expect(r.param).toBe('apiKey')
    expect(
      codeOf(() => Credentials.fromApiResponse({ apiKey: '', secret: SECRET, passphrase: PASSPHRASE })).param,
    ).toBe('apiKey')
    expect(
      codeOf(() => Credentials.fromApiResponse({ apiKey: KEY, secret: '', passphrase: PASSPHRASE })).param,
    ).toBe('secret')
    expect(codeOf(() => Credentials.fromApiResponse('nope' as never)).code).toBe('INVALID_CREDENTIALS')
  })
})
