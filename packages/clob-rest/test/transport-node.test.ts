import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDefaultTransport, type TransportRequest } from '@clobkit/clob-rest'
import { afterEach, describe, expect, it } from 'vitest'

/** A raw TCP server: `respond` gets the request head+body text and writes whatever it likes. */
async function raw(respond: (socket: Socket, request: string, n: number) => void) {
  let n = 0
  let connections = 0
  const closed: number[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    const id = ++connections
    sockets.add(socket)
    socket.on('close', () => {
      closed.push(id)
      sockets.delete(socket)
    })
    let buf = ''
    socket.on('data', (d) => {
      buf += d.toString('latin1')
      const end = buf.indexOf('\r\n\r\n')
      if (end === -1) return
      const len = Number(/content-length: (\d+)/i.exec(buf.slice(0, end))?.[1] ?? 0)
      if (buf.length < end + 4 + len) return
      const req = buf.slice(0, end + 4 + len)
      buf = buf.slice(end + 4 + len)
      respond(socket, req, ++n)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    connections: () => connections,
    closed,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy()
        server.close(() => r())
      }),
  }
}

let cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanup) await c()
  cleanup = []
})

async function serve(respond: Parameters<typeof raw>[0]) {
  const s = await raw(respond)
  cleanup.push(s.close)
  return s
}

const req = (url: string, extra: Partial<TransportRequest> = {}): TransportRequest => ({
  method: 'GET',
  url,
  headers: {},
  body: undefined,
  signal: new AbortController().signal,
  ...extra,
})

const ok = (body: string, extra = '') =>
  `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`

describe('node transport', () => {
  it('writes one well-formed HTTP/1.1 request with the exact body', async () => {
    let seen = ''
    const s = await serve((sock, r) => {
      seen = r
      sock.write(ok('{}'))
    })
    const t = createDefaultTransport()
    const body = '{"a":"é"}'
    await t(
      req(`${s.url}/order?x=1`, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json', POLY_X: 'y' },
      }),
    )
    expect(seen.startsWith('POST /order?x=1 HTTP/1.1\r\n')).toBe(true)
    expect(seen).toContain(`\r\nHost: ${s.url.slice(7)}\r\n`)
    expect(seen).toContain('\r\nPOLY_X: y\r\n')
    expect(seen).toContain(`\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`)
    expect(Buffer.from(seen, 'latin1').toString('utf8').endsWith(`\r\n\r\n${body}`)).toBe(true)
  })

  it('reuses one connection and reads lower-cased headers', async () => {
    const s = await serve((sock) => sock.write(ok('[1]', 'Retry-After: 3\r\n')))
    const t = createDefaultTransport()
    for (let i = 0; i < 5; i++) {
      const res = await t(req(`${s.url}/x`))
      expect(res.body).toBe('[1]')
      expect(res.headers['retry-after']).toBe('3')
    }
    expect(s.connections()).toBe(1)
  })

  it('parses a response delivered one byte at a time, with multi-byte UTF-8', async () => {
    const s = await serve((sock) => {
      const bytes = Buffer.from(ok('{"q":"€✓"}'))
      let i = 0
      const next = () => {
        if (i < bytes.length) {
          sock.write(bytes.subarray(i, ++i))
          setImmediate(next)
        }
      }
      next()
    })
    const res = await createDefaultTransport()(req(`${s.url}/x`))
    expect(res.body).toBe('{"q":"€✓"}')
  })

  it('decodes chunked bodies with extensions and trailers', async () => {
    const s = await serve((sock) =>
      sock.write(
        'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\n{"a"\r\n5\r\n:"b"}\r\n0\r\nX-Trailer: 1\r\n\r\n',
      ),
    )
    const t = createDefaultTransport()
    expect((await t(req(`${s.url}/x`))).body).toBe('{"a":"b"}')
    expect((await t(req(`${s.url}/x`))).body).toBe('{"a":"b"}')
    expect(s.connections()).toBe(1)
  })

  it('skips 1xx interim responses', async () => {
    const s = await serve((sock) => sock.write(`HTTP/1.1 100 Continue\r\n\r\n${ok('"done"')}`))
    expect((await createDefaultTransport()(req(`${s.url}/x`))).body).toBe('"done"')
  })

  it('reads a body that runs until the connection closes, and does not reuse it', async () => {
    const s = await serve((sock) => {
      sock.write('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{"until":')
      setTimeout(() => sock.end('"close"}'), 10)
    })
    const t = createDefaultTransport()
    expect((await t(req(`${s.url}/x`))).body).toBe('{"until":"close"}')
    expect((await t(req(`${s.url}/x`))).body).toBe('{"until":"close"}')
    expect(s.connections()).toBe(2)
  })

  it('opens a new connection after Connection: close and after the server drops an idle one', async () => {
    const s = await serve((sock, _r, n) => {
      if (n === 1) sock.end(ok('1', 'Connection: close\r\n'))
      else if (n === 2) {
        sock.write(ok('2'))
        setTimeout(() => sock.destroy(), 10)
      } else sock.write(ok('3'))
    })
    const t = createDefaultTransport()
    expect((await t(req(`${s.url}/x`))).body).toBe('1')
    expect((await t(req(`${s.url}/x`))).body).toBe('2')
    await new Promise((r) => setTimeout(r, 50))
    expect((await t(req(`${s.url}/x`))).body).toBe('3')
    expect(s.connections()).toBe(3)
  })

  it('closes keep-alive connections idle longer than idleSocketMs', async () => {
    const s = await serve((sock) => sock.write(ok('{}')))
    const t = createDefaultTransport({ idleSocketMs: 30 })
    await t(req(`${s.url}/x`))
    await new Promise((r) => setTimeout(r, 250))
    expect(s.closed).toEqual([1])
    await t(req(`${s.url}/x`))
    expect(s.connections()).toBe(2)
  })

  it('handles 204 without a body', async () => {
    const s = await serve((sock) => sock.write('HTTP/1.1 204 No Content\r\n\r\n'))
    const res = await createDefaultTransport()(req(`${s.url}/x`, { method: 'DELETE' }))
    expect(res.status).toBe(204)
    expect(res.body).toBe('')
  })

  it('rejects a malformed status line and oversized headers', async () => {
    const bad = await serve((sock) => sock.write('HTTX/9 nope\r\n\r\n'))
    await expect(createDefaultTransport()(req(`${bad.url}/x`))).rejects.toThrow(/status line/)
    const huge = await serve((sock) => sock.write(`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(70_000)}`))
    await expect(createDefaultTransport()(req(`${huge.url}/x`))).rejects.toThrow(/too large/)
  })

  it('refuses header and path injection before sending', async () => {
    const s = await serve((sock) => sock.write(ok('{}')))
    const t = createDefaultTransport()
    const e1 = await t(req(`${s.url}/x`, { headers: { X: 'a\r\nInjected: 1' } })).catch((e: unknown) => e)
    expect((e1 as { requestSent?: boolean }).requestSent).toBe(false)
    const e2 = await t(req(`${s.url}/x y`)).catch((e: unknown) => e)
    expect((e2 as { requestSent?: boolean }).requestSent).toBe(false)
    expect(s.connections()).toBe(0)
  })

  it('queues beyond maxSockets and serves everyone', async () => {
    const s = await serve((sock) => setTimeout(() => sock.write(ok('{}')), 5))
    const t = createDefaultTransport({ maxSockets: 2 })
    const all = await Promise.all(Array.from({ length: 10 }, () => t(req(`${s.url}/x`))))
    expect(all.every((r) => r.status === 200)).toBe(true)
    expect(s.connections()).toBe(2)
  })

  it('aborts a queued request and an in-flight one', async () => {
    const s = await serve(() => undefined)
    const t = createDefaultTransport({ maxSockets: 1 })
    const a = new AbortController()
    const b = new AbortController()
    const first = t(req(`${s.url}/x`, { signal: a.signal })).catch((e: unknown) => e)
    const second = t(req(`${s.url}/x`, { signal: b.signal })).catch((e: unknown) => e)
    await new Promise((r) => setTimeout(r, 20))
    b.abort()
    expect(((await second) as { requestSent?: boolean }).requestSent).toBe(false)
    a.abort()
    const e = (await first) as Error & { requestSent?: boolean }
    expect(e.message).toBe('aborted')
    expect(e.requestSent).toBeUndefined()
  })

  it('marks a refused connection as not sent and a drop after sending as maybe sent', async () => {
    const s = await serve((sock) => sock.destroy())
    const e = (await createDefaultTransport()(req(`${s.url}/x`, { method: 'POST', body: '{}' })).catch(
      (x: unknown) => x,
    )) as { requestSent?: boolean }
    expect(e.requestSent).toBeUndefined()
    const port = Number(new URL(s.url).port)
    await s.close()
    cleanup = []
    const refused = (await createDefaultTransport()(req(`http://127.0.0.1:${port}/x`)).catch(
      (x: unknown) => x,
    )) as {
      requestSent?: boolean
    }
    expect(refused.requestSent).toBe(false)
  })
})

describe('node transport over TLS', () => {
  const hasOpenssl = (() => {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  })()

  it.skipIf(!hasOpenssl)('speaks HTTPS, verifies the certificate, and reuses the connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clob-rest-tls-'))
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'k.pem'),
        '-out',
        join(dir, 'c.pem'),
      ].concat([
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ]),
      { stdio: 'ignore' },
    )
    const key = readFileSync(join(dir, 'k.pem'), 'utf8')
    const cert = readFileSync(join(dir, 'c.pem'), 'utf8')
    let connections = 0
    const server = createHttpsServer({ key, cert }, (r, res) => {
      r.resume()
      r.on('end', () => res.end(JSON.stringify({ tls: true, method: r.method })))
    })
    server.on('secureConnection', () => connections++)
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    cleanup.push(
      () =>
        new Promise<void>((r) => {
          server.closeAllConnections()
          server.close(() => r())
        }),
    )
    const url = `https://localhost:${(server.address() as AddressInfo).port}/x`
    const untrusted = await createDefaultTransport()(req(url)).catch((e: unknown) => e)
    expect((untrusted as { requestSent?: boolean }).requestSent).toBe(false)
    const t = createDefaultTransport({ tls: { ca: cert } })
    for (let i = 0; i < 3; i++) {
      const res = await t(req(url, { method: 'POST', body: '{}' }))
      expect(JSON.parse(res.body)).toEqual({ tls: true, method: 'POST' })
    }
    // The untrusted handshake never completed; the three trusted requests shared one connection.
    expect(connections).toBe(1)
  })
})
