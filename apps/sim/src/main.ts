/**
 * `pnpm sim [--seed file] [--port n] [--no-admin] [--version 1|2|3] [--chain 137|80002]`:
 * starts a clob-sim on 127.0.0.1:8080 (`--port 0` picks a free port) with the admin
 * routes on (`/_sim/…`, so `clob sim fund` works; `--no-admin` turns them off), and
 * prints `clob-sim listening on http://127.0.0.1:PORT` as its first line. Stops
 * cleanly on SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs'
import { parseSeed, type SimOptions, startSim } from '@clobkit/clob-sim'

const USAGE =
  'usage: pnpm sim [--seed file.json] [--port n (default 8080; 0 = any free port)] [--no-admin] [--version 1|2|3] [--chain 137|80002] [--verbose]'

interface Args {
  seed?: string
  port: number
  admin: boolean
  version: 1 | 2 | 3
  chainId: 137 | 80002
  verbose: boolean
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { port: 8080, admin: true, version: 2, chainId: 137, verbose: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const value = (): string => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`)
      return v
    }
    switch (a) {
      case '--seed':
        args.seed = value()
        break
      case '--port': {
        const p = Number(value())
        if (!Number.isInteger(p) || p < 0 || p > 65535) throw new Error(`--port: expected 0..65535\n${USAGE}`)
        args.port = p
        break
      }
      case '--admin':
        args.admin = true
        break
      case '--no-admin':
        args.admin = false
        break
      case '--version': {
        const v = Number(value())
        if (v !== 1 && v !== 2 && v !== 3) throw new Error(`--version: expected 1, 2 or 3\n${USAGE}`)
        args.version = v
        break
      }
      case '--chain': {
        const c = Number(value())
        if (c !== 137 && c !== 80002) throw new Error(`--chain: expected 137 or 80002\n${USAGE}`)
        args.chainId = c
        break
      }
      case '--verbose':
        args.verbose = true
        break
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`)
        process.exit(0)
        break
      default:
        throw new Error(`unknown argument ${String(a)}\n${USAGE}`)
    }
  }
  return args
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const options: SimOptions = {
    port: args.port,
    admin: args.admin,
    version: args.version,
    chainId: args.chainId,
    ...(args.seed !== undefined
      ? { seed: parseSeed(JSON.parse(readFileSync(args.seed, 'utf8')) as unknown) }
      : {}),
    ...(args.verbose
      ? {
          logger: (e) => {
            process.stderr.write(
              `${e.level} ${e.msg}${e.method ? ` ${e.method} ${e.path} ${e.status} ${e.ms?.toFixed(1)}ms` : ''}${e.detail ? ` ${e.detail}` : ''}\n`,
            )
          },
        }
      : {}),
  }
  let sim: Awaited<ReturnType<typeof startSim>>
  try {
    sim = await startSim(options)
  } catch (e) {
    if ((e as { code?: unknown }).code === 'EADDRINUSE') {
      throw new Error(
        `port ${args.port} is in use (another sim?); choose one with --port n, or --port 0 for any free port`,
      )
    }
    throw e
  }
  process.stdout.write(`clob-sim listening on ${sim.url}\n`)
  const ws = sim.url.replace(/^http/, 'ws')
  process.stdout.write(`  streams ${ws}/ws/market and ${ws}/ws/user\n`)
  process.stdout.write(
    `  chain ${args.chainId}, exchange version ${args.version}, ${sim.state.marketList.length} markets, admin ${args.admin ? 'on (/_sim/…)' : 'off'}\n`,
  )
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    process.stderr.write(`clob-sim: ${signal}, stopping\n`)
    sim.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((e: unknown) => {
  process.stderr.write(`clob-sim: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
})
