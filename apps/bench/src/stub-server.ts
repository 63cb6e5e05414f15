import { fork } from 'node:child_process'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { CONDITION_ID, TOKEN_ID } from './fixtures.js'

/**
 * A minimal loopback HTTP server answering fixed JSON per path, so both clients are
 * measured against identical, near-zero server work.
 */
export interface StubServer {
  readonly url: string
  readonly requests: () => number
  close(): Promise<void>
}

export type Routes = Readonly<Record<string, unknown>>

export async function startStub(routes: Routes): Promise<StubServer> {
  const bodies = new Map<string, Buffer>()
  for (const [k, v] of Object.entries(routes)) bodies.set(k, Buffer.from(JSON.stringify(v)))
  let count = 0
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    count++
    req.resume()
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/'
      const body = bodies.get(`${req.method} ${path}`) ?? bodies.get(path)
      if (!body) {
        res.writeHead(404, { 'content-type': 'application/json' })
        res.end('{"error":"not found"}')
        return
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.byteLength })
      res.end(body)
    })
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export { CONDITION_ID, CREDS, PRIVATE_KEY, TOKEN_ID } from './fixtures.js'

/** What a market lookup answers, for either client. */
export const MARKET_ROUTES: Routes = {
  '/tick-size': { minimum_tick_size: 0.01 },
  '/neg-risk': { neg_risk: false },
  '/fee-rate': { base_fee: 0 },
  '/version': { version: 2 },
  '/time': 1_700_000_000,
  [`/markets-by-token/${TOKEN_ID}`]: { condition_id: CONDITION_ID },
  [`/clob-markets/${CONDITION_ID}`]: {
    c: CONDITION_ID,
    t: [{ t: TOKEN_ID, o: 'Yes' }, null],
    mts: 0.01,
    nr: false,
  },
  'POST /order': {
    success: true,
    errorMsg: '',
    orderID: '0xabababababababababababababababababababababababababababababababab',
    status: 'live',
    makingAmount: '',
    takingAmount: '',
    transactionsHashes: [],
    tradeIDs: [],
  },
}

/**
 * Runs `fn` against the stub in its own process (dist/stub-child.js, next to the bundled
 * main.js), so server work never shares the measured event loop and blocking calls such
 * as spawnSync cannot starve it.
 */
export async function withChildStub<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const child = fork(fileURLToPath(new URL('./stub-child.js', import.meta.url)), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (m) => resolve((m as { url: string }).url))
      child.once('exit', (code) => reject(new Error(`stub exited ${code}`)))
    })
    return await fn(url)
  } finally {
    if (child.connected) child.disconnect()
  }
}
