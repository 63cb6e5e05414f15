import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Seen {
  readonly method: string
  readonly path: string
  readonly query: URLSearchParams
  readonly headers: IncomingMessage['headers']
  readonly body: string
  readonly socket: number
}

export type Reply =
  | { status?: number; headers?: Record<string, string>; body?: unknown; raw?: string; delayMs?: number }
  | 'destroy'
  | 'hang'

export type Handler = (req: Seen, n: number) => Reply | Promise<Reply>

export interface TestServer {
  readonly url: string
  readonly seen: Seen[]
  readonly connections: () => number
  handler: Handler
  close(): Promise<void>
}

/** A tiny loopback HTTP server with a swappable handler that records every request. */
export async function startServer(handler: Handler = () => ({ body: {} })): Promise<TestServer> {
  const seen: Seen[] = []
  let sockets = 0
  const socketIds = new WeakMap<object, number>()
  const open = new Set<import('node:net').Socket>()
  const state = { handler }
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => {
      body += c
    })
    req.on('end', async () => {
      const u = new URL(req.url ?? '/', 'http://x')
      const entry: Seen = {
        method: req.method ?? '',
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        body,
        socket: socketIds.get(req.socket) ?? -1,
      }
      seen.push(entry)
      const reply = await state.handler(entry, seen.length)
      if (reply === 'destroy') {
        req.socket.destroy()
        return
      }
      if (reply === 'hang') return
      const send = () => {
        if (res.destroyed) return
        const text = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body))
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers })
        res.end(text)
      }
      if (reply.delayMs) setTimeout(send, reply.delayMs)
      else send()
    })
  })
  server.on('connection', (s) => {
    sockets++
    socketIds.set(s, sockets)
    open.add(s)
    s.on('close', () => open.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const api: TestServer = {
    url: `http://127.0.0.1:${port}`,
    seen,
    connections: () => sockets,
    get handler() {
      return state.handler
    },
    set handler(h: Handler) {
      state.handler = h
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy()
        server.close(() => resolve())
      }),
  }
  return api
}

/** A port on loopback where nothing listens. */
export async function deadPort(): Promise<string> {
  const s = createServer()
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  const { port } = s.address() as AddressInfo
  await new Promise<void>((resolve) => s.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}
