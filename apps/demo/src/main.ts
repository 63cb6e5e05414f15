/**
 * `pnpm demo`: a narrated trading session. Starts clob-sim on an ephemeral
 * loopback port with the default seed, then drives the real `clob` binary as
 * child processes — wallet and profile in a temporary directory, credentials,
 * funding, a book, a resting GTC order, heartbeats, a batch, a fill, orders and
 * trades, live market and user streams, cancel all — printing each command and its output. Exits 0 only if
 * every step did what it should.
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { startSim } from '@clobkit/clob-sim'

const require = createRequire(import.meta.url)
const CLOB = join(dirname(require.resolve('@clobkit/clob-cli/package.json')), 'bin', 'clob.js')

const color = process.stdout.isTTY === true && !process.env.NO_COLOR
const paint = (code: string, s: string): string => (color ? `\x1b[${code}m${s}\x1b[0m` : s)
const bold = (s: string): string => paint('1', s)
const dim = (s: string): string => paint('2', s)
const green = (s: string): string => paint('32', s)
const red = (s: string): string => paint('31', s)
const cyan = (s: string): string => paint('36', s)

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

let failures = 0
let stepNo = 0

function quote(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`
}

/** Shortens long ids in what is printed (never in what is run). */
function shorten(s: string): string {
  return s.replace(/\b(\d{20})\d{30,}(\d{6})\b/g, '$1…$2')
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')
}

function narrate(title: string, why: string): void {
  stepNo++
  console.log(`\n${bold(`${stepNo}. ${title}`)}`)
  console.log(dim(`   ${why}`))
}

function check(ok: boolean, what: string): void {
  if (ok) console.log(green(`   ✓ ${what}`))
  else {
    failures++
    console.log(red(`   ✗ ${what}`))
  }
}

/** Runs `clob`, printing the command and its output (`quiet`: the output is only read by the demo). */
function clob(env: NodeJS.ProcessEnv, args: readonly string[], quiet = false): Promise<Run> {
  console.log(
    cyan(`   $ clob ${shorten(args.map(quote).join(' '))}`) +
      (quiet ? dim('   (JSON read by the demo, not shown)') : ''),
  )
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLOB, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d
    })
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d
    })
    child.on('error', reject)
    child.on('close', (code) => {
      const shown = [quiet ? '' : stdout, stderr].filter((s) => s.trim() !== '').join('\n')
      if (shown) console.log(indent(shorten(shown)))
      resolve({ code: code ?? -1, stdout, stderr })
    })
  })
}

/** A `clob` left running in the background (a stream); its output is collected. */
interface Background {
  readonly child: ChildProcess
  out(): string
  /** Resolves true once `test` holds for the output so far, false after `ms`. */
  until(test: (out: string) => boolean, ms?: number): Promise<boolean>
}

function background(env: NodeJS.ProcessEnv, args: readonly string[]): Background {
  console.log(cyan(`   $ clob ${shorten(args.map(quote).join(' '))}   (in the background)`))
  const child = spawn(process.execPath, [CLOB, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d
  })
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    out += d
  })
  return {
    child,
    out: () => out,
    until: (test, ms = 10_000) =>
      new Promise<boolean>((resolve) => {
        const end = Date.now() + ms
        const t = setInterval(() => {
          if (test(out) || Date.now() > end || child.exitCode !== null) {
            clearInterval(t)
            resolve(test(out))
          }
        }, 20)
      }),
  }
}

function parse<T>(r: Run): T | undefined {
  try {
    return JSON.parse(r.stdout) as T
  } catch {
    return undefined
  }
}

async function main(): Promise<void> {
  console.log(bold('clobkit demo — a trading session against a local exchange'))
  const sim = await startSim({ port: 0, admin: true })
  const home = mkdtempSync(join(tmpdir(), 'clob-demo-'))
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    CLOB_HOST: sim.url,
    NO_COLOR: '1',
  }
  let heartbeat: ChildProcess | undefined
  const streams: ChildProcess[] = []
  // Ctrl-C: leave nothing behind (keeper, streams, server, temporary HOME).
  const interrupt = (): void => {
    heartbeat?.kill('SIGKILL')
    for (const s of streams) s.kill('SIGKILL')
    rmSync(home, { recursive: true, force: true })
    void sim.stop().finally(() => process.exit(130))
  }
  process.once('SIGINT', interrupt)
  process.once('SIGTERM', interrupt)
  try {
    console.log(dim(`clob-sim is listening on ${sim.url}; HOME is ${home}`))

    narrate('The binary', 'The CLI is one bundled file; --version answers before anything else loads.')
    const v = await clob(env, ['--version'])
    check(v.code === 0 && /^clob \d/.test(v.stdout), 'prints its version')

    narrate(
      'A wallet',
      'An encrypted v3 keystore (scrypt + AES-128-CTR, the geth/Foundry format), password from a 0600 file.',
    )
    const pw = join(home, 'password.txt')
    writeFileSync(pw, 'correct horse battery staple\n', { mode: 0o600 })
    chmodSync(pw, 0o600)
    const w = await clob(env, [
      'wallet',
      'create',
      'demo',
      '--password-file',
      pw,
      '--scrypt-n',
      '16384',
      '--json',
    ])
    const wallet = parse<{ address: string }>(w)
    check(
      w.code === 0 && /^0x[0-9a-fA-F]{40}$/.test(wallet?.address ?? ''),
      'keystore written, profile linked to it',
    )
    const p = await clob(env, ['profile', 'set', '--password-file', pw])
    check(p.code === 0, 'profile remembers where the password is')

    narrate(
      'API credentials',
      'Derived once with an L1 signature and cached in the profile (0600); never printed.',
    )
    const k = await clob(env, ['keys', 'create-or-derive'])
    check(
      k.code === 0 && /api key\s+\S+/.test(k.stdout) && !/secret\s+[A-Za-z0-9_-]{20}/.test(k.stdout),
      'key stored, secret masked',
    )

    narrate(
      'Fund the account',
      "The sim's admin endpoint credits collateral and some YES shares (a real exchange has no such thing).",
    )
    const table = await clob(env, ['markets', 'list'])
    check(table.code === 0, 'markets listed')
    const list = await clob(env, ['markets', 'list', '--json'], true)
    const markets = parse<{ data: { question: string; tokens: { token_id: string; outcome: string }[] }[] }>(
      list,
    )
    const yes = markets?.data[0]?.tokens.find((t) => t.outcome === 'Yes')?.token_id ?? ''
    check(yes !== '', `first market: ${markets?.data[0]?.question ?? '?'}`)
    const f = await clob(env, ['sim', 'fund', '--collateral', '1000', '--tokens', `${yes}=100`])
    check(f.code === 0, 'funded')
    const bal = await clob(env, ['balance'])
    check(bal.code === 0 && /balance\s+1000\b/.test(bal.stdout), 'balance shows 1000 USDC')

    narrate('Look at the book', 'Asks on top, bids below; the best prices meet in the middle.')
    const book = await clob(env, ['book', yes, '--depth', '4'])
    check(book.code === 0 && /ASK/.test(book.stdout) && /BID/.test(book.stdout), 'book printed')

    narrate('A resting GTC limit order', 'BUY 20 YES at 0.45, below the best ask, so it rests on the book.')
    const limit = await clob(env, [
      'order',
      'limit',
      '--token',
      yes,
      '--side',
      'BUY',
      '--price',
      '0.45',
      '--size',
      '20',
    ])
    check(limit.code === 0 && /status\s+live/.test(limit.stdout), 'order is live')

    narrate(
      'Heartbeats',
      'From now on the exchange cancels every open order if no heartbeat arrives for 10 s; a keeper runs beside us.',
    )
    console.log(cyan('   $ clob heartbeat run --interval 1s   (in the background)'))
    let hbOut = ''
    heartbeat = spawn(process.execPath, [CLOB, 'heartbeat', 'run', '--interval', '1s'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    heartbeat.stdout?.setEncoding('utf8').on('data', (d: string) => {
      hbOut += d
    })
    heartbeat.stderr?.setEncoding('utf8').on('data', (d: string) => {
      hbOut += d
    })
    const hbExit = new Promise<number>((resolve) => heartbeat?.on('close', (code) => resolve(code ?? -1)))
    const started = await Promise.race([
      new Promise<boolean>((resolve) => {
        const t = setInterval(() => {
          if (/beat 2 ok/.test(hbOut)) {
            clearInterval(t)
            resolve(true)
          }
        }, 50)
      }),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000)),
    ])
    console.log(indent(hbOut))
    check(started, 'heartbeats accepted')

    narrate(
      'A batch',
      'Three orders from a CSV file, signed locally and posted in one request (up to 15 per request).',
    )
    const csv = join(home, 'orders.csv')
    writeFileSync(csv, `token,side,price,size\n${yes},BUY,0.44,10\n${yes},BUY,0.43,10\n${yes},SELL,0.60,10\n`)
    const batch = await clob(env, ['order', 'batch', csv])
    check(batch.code === 0 && /3 posted, 0 rejected/.test(batch.stdout), 'three orders posted')

    narrate(
      'Live streams',
      'The book over the market channel (a local copy that checks itself against the exchange) and our fills over the user channel.',
    )
    const bookStream = background(env, ['watch', 'book', yes, '--json', '--depth', '3'])
    const tradeStream = background(env, ['watch', 'trades'])
    streams.push(bookStream.child, tradeStream.child)
    const live = await bookStream.until((o) => /"type":"book"[^\n]*"stale":false/.test(o))
    const userOpen = await tradeStream.until((o) => o.includes('stream open'))
    const lastBook = ():
      | { bestAsk: { price: string; size: string } | null; lastTradePrice: string | null }
      | undefined => {
      const lines = bookStream
        .out()
        .split('\n')
        .filter((l) => l.startsWith('{"type":"book"'))
      const l = lines.at(-1)
      return l === undefined ? undefined : JSON.parse(l)
    }
    const seen = lastBook()
    console.log(
      indent(
        `best ask ${seen?.bestAsk?.price ?? '-'} × ${seen?.bestAsk?.size ?? '-'} (from the stream's book)`,
      ),
    )
    check(live && userOpen, 'book live on the market channel, user channel open')

    narrate(
      'A marketable order fills',
      'A FOK market BUY for 25 USDC with a worst price of 0.55 takes liquidity from the asks; the streams see it.',
    )
    const market = await clob(env, [
      'order',
      'market',
      '--token',
      yes,
      '--side',
      'BUY',
      '--amount',
      '25',
      '--price',
      '0.55',
    ])
    check(market.code === 0 && /status\s+matched/.test(market.stdout), 'order matched')
    const askBefore = `${seen?.bestAsk?.price} × ${seen?.bestAsk?.size}`
    const traded = await bookStream.until(() => {
      const b = lastBook()
      return b?.lastTradePrice != null && `${b.bestAsk?.price} × ${b.bestAsk?.size}` !== askBefore
    })
    const afterTrade = lastBook()
    console.log(
      indent(
        `book stream: last trade ${afterTrade?.lastTradePrice ?? '-'}, best ask now ${afterTrade?.bestAsk?.price ?? '-'} × ${afterTrade?.bestAsk?.size ?? '-'}`,
      ),
    )
    check(traded, 'the book stream shows the trade taking the ask')
    const filled = await tradeStream.until((o) => /MATCHED +trade /.test(o))
    console.log(
      indent(
        tradeStream
          .out()
          .split('\n')
          .filter((l) => /trade /.test(l))
          .join('\n'),
      ),
    )
    check(filled, 'the fill arrived on the user channel')
    for (const s of [bookStream, tradeStream]) s.child.kill('SIGINT')
    const stopped = await Promise.all(
      [bookStream, tradeStream].map(
        (s) =>
          new Promise<number>((resolve) =>
            s.child.exitCode !== null
              ? resolve(s.child.exitCode)
              : s.child.once('close', (c) => resolve(c ?? -1)),
          ),
      ),
    )
    check(
      stopped.every((c) => c === 0),
      'Ctrl-C stops both streams cleanly (exit 0)',
    )

    narrate('Open orders and trades', 'Four orders rest; the fill shows up as a trade.')
    const human = await clob(env, ['orders'])
    check(human.code === 0, 'listed')
    const orders = await clob(env, ['orders', '--json'], true)
    const open = parse<{ data: unknown[] }>(orders)?.data.length ?? -1
    check(orders.code === 0 && open === 4, `${open} open orders`)
    const trades = await clob(env, ['trades'])
    check(trades.code === 0 && /TAKER/.test(trades.stdout), 'the fill is a trade')

    narrate(
      'Doctor',
      'Checks profile, key, signature type, server, clock, credentials and the running heartbeat keeper.',
    )
    const doc = await clob(env, ['doctor'])
    check(doc.code === 0 && /OK\s+heartbeat\s+keeper pid/.test(doc.stdout), 'all checks pass, keeper seen')

    narrate('Cancel everything', '`cancel all` asks on a terminal; scripts confirm with --yes.')
    const cancel = await clob(env, ['cancel', 'all', '--yes'])
    check(
      cancel.code === 0 && (cancel.stdout.match(/canceled\s+0x/g) ?? []).length === 4,
      'four orders canceled',
    )
    const after = parse<{ data: unknown[] }>(await clob(env, ['orders', '--json'], true))
    check(after?.data.length === 0, 'nothing left open')

    narrate('Stop', 'The keeper stops on SIGTERM and reports its beats; then the exchange shuts down.')
    heartbeat.kill('SIGTERM')
    const code = await hbExit
    heartbeat = undefined
    console.log(indent(hbOut.split('\n').slice(-2).join('\n')))
    check(
      code === 0 && /heartbeat stopped: \d+ beat\(s\), 0 lapse\(s\)/.test(hbOut),
      'keeper stopped without a lapse',
    )
  } finally {
    process.removeListener('SIGINT', interrupt)
    process.removeListener('SIGTERM', interrupt)
    heartbeat?.kill('SIGKILL')
    for (const s of streams) if (s.exitCode === null) s.kill('SIGKILL')
    await sim.stop()
    rmSync(home, { recursive: true, force: true })
  }
  console.log()
  if (failures === 0) console.log(green(bold(`demo complete: ${stepNo} steps, every check passed`)))
  else console.log(red(bold(`demo FAILED: ${failures} check(s) did not pass`)))
  process.exitCode = failures === 0 ? 0 : 1
}

main().catch((e: unknown) => {
  console.error(red(`demo crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`))
  process.exitCode = 1
})
