/**
 * `clob sim`: runs `@clobkit/clob-sim` in the foreground until Ctrl-C / SIGTERM.
 * `clob sim fund`: credits collateral or tokens through the sim's admin endpoint
 * (paper trading and demos; a real exchange has no such thing).
 *
 * The simulator is an optional peer dependency: only `clob sim` loads it, and a CLI
 * installed without it says so (`SIM_NOT_INSTALLED`) instead of failing on import.
 * @module
 */
import { readFileSync } from 'node:fs'
import { bool, parseAddress, parseDecimal, parseNonNegInt, parseTokenId, str, strs } from '../args.js'
import type { Context } from '../context.js'
import { CliError, UsageError } from '../errors.js'

type SimModule = typeof import('@clobkit/clob-sim')

// A variable, not a literal: the bundler then leaves the import to Node at run time instead
// of inlining the simulator into the published CLI.
const SIM_PACKAGE = '@clobkit/clob-sim'

/** `@clobkit/clob-sim`, or `SIM_NOT_INSTALLED` when it cannot be resolved. */
export async function loadSim(specifier: string = SIM_PACKAGE): Promise<SimModule> {
  try {
    return (await import(specifier)) as SimModule
  } catch (e) {
    const err = e as { code?: unknown; message?: unknown }
    const missing =
      (err?.code === 'ERR_MODULE_NOT_FOUND' || err?.code === 'MODULE_NOT_FOUND') &&
      String(err.message).includes(`'${specifier}'`)
    if (!missing) throw e
    throw new CliError('SIM_NOT_INSTALLED', `\`clob sim\` needs ${specifier}, which is not installed`, {
      cause: e,
      hint: `install it next to the CLI: npm install ${specifier} (with -g if the CLI is global)`,
    })
  }
}

export async function simRun(ctx: Context): Promise<number> {
  const portFlag = str(ctx.values, 'port')
  const port = portFlag === undefined ? 8080 : parseNonNegInt(portFlag, '--port', 65535)
  const bind = str(ctx.values, 'bind') ?? '127.0.0.1'
  const seedFile = str(ctx.values, 'seed')
  const { startSim, parseSeed, defaultSeed } = await loadSim()
  let seed = defaultSeed()
  if (seedFile !== undefined) {
    let raw: unknown
    try {
      raw = JSON.parse(readFileSync(seedFile, 'utf8'))
    } catch (e) {
      throw new UsageError(
        'INVALID_SEED',
        '--seed',
        `cannot read seed JSON from ${seedFile}: ${(e as Error).message}`,
      )
    }
    seed = parseSeed(raw)
  }
  const verbose = bool(ctx.values, 'verbose')
  const sim = await startSim({
    port,
    host: bind,
    seed,
    admin: bool(ctx.values, 'admin'),
    ...(verbose
      ? {
          logger: (ev: {
            level: string
            msg: string
            method?: string
            path?: string
            status?: number
            ms?: number
          }) =>
            ctx.out.note(
              `${ev.level} ${ev.method ?? ''} ${ev.path ?? ''} ${ev.status ?? ''} ${ev.ms === undefined ? '' : `${ev.ms} ms`} ${ev.msg}`
                .replace(/\s+/g, ' ')
                .trim(),
            ),
        }
      : {}),
  })
  if (ctx.out.json)
    ctx.out.line(JSON.stringify({ url: sim.url, port: sim.port, admin: bool(ctx.values, 'admin') }))
  else {
    ctx.out.line(
      `clob-sim listening on ${sim.url}${bool(ctx.values, 'admin') ? ' (admin endpoints on)' : ''}`,
    )
    ctx.out.note(`point clob at it: clob --host ${sim.url} … (or: clob profile set --host ${sim.url})`)
    ctx.out.note('Ctrl-C to stop')
  }
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.removeListener('SIGINT', stop)
      process.removeListener('SIGTERM', stop)
      resolve()
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await sim.stop()
  if (!ctx.out.json) ctx.out.note('clob-sim stopped')
  return 0
}

export async function simFund(ctx: Context): Promise<number> {
  const addrFlag = str(ctx.values, 'address')
  const address = addrFlag === undefined ? await ctx.address() : parseAddress(addrFlag, '--address')
  const collateralFlag = str(ctx.values, 'collateral')
  const tokens: Record<string, string> = {}
  for (const spec of strs(ctx.values, 'tokens')) {
    const m = /^([^=]+)=(.+)$/.exec(spec)
    if (m === null) throw new UsageError('INVALID_OPTION_VALUE', '--tokens', 'use --tokens TOKEN_ID=AMOUNT')
    tokens[parseTokenId(m[1]!, '--tokens')] = parseDecimal(m[2]!, '--tokens', { positive: true })
  }
  if (collateralFlag === undefined && Object.keys(tokens).length === 0) {
    throw new UsageError(
      'MISSING_OPTION',
      '--collateral',
      'give --collateral AMOUNT and/or --tokens ID=AMOUNT',
    )
  }
  const body = JSON.stringify({
    address,
    ...(collateralFlag === undefined
      ? {}
      : { collateral: parseDecimal(collateralFlag, '--collateral', { positive: true }) }),
    ...(Object.keys(tokens).length === 0 ? {} : { tokens }),
  })
  let res: Response
  try {
    res = await fetch(`${ctx.settings.host}/_sim/fund`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
  } catch (e) {
    throw new CliError('NETWORK_ERROR', `POST ${ctx.settings.host}/_sim/fund: ${(e as Error).message}`, {
      cause: e,
    })
  }
  const text = await res.text()
  if (!res.ok) {
    throw new CliError(
      'HTTP_ERROR',
      `POST /_sim/fund failed with HTTP ${res.status}: ${text.slice(0, 300)}`,
      {
        hint: res.status === 404 ? 'funding needs a clob-sim started with --admin' : 'see the message',
      },
    )
  }
  const data = JSON.parse(text) as { address: string; collateral: string; tokens: Record<string, string> }
  if (ctx.out.json) ctx.out.data(data)
  else {
    ctx.out.fields([
      ['address', data.address],
      ['collateral', data.collateral],
      ...Object.entries(data.tokens ?? {}).map(([t, v]) => [`token ${t.slice(0, 10)}…`, v] as const),
    ])
  }
  return 0
}
