/**
 * `run(argv, io)`: find the command, parse its flags, run its handler and map
 * the outcome to an exit code (0 ok, 1 failure, 2 usage). Never throws.
 * @module
 */
import { bool, parse, strs } from './args.js'
import { createContext } from './context.js'
import { ExitCode, exitCodeFor, isUnknownToken, tokenNotFound, UsageError } from './errors.js'
import { loadHandler } from './handlers.js'
import { commandHelp, groupHelp, topHelp } from './help.js'
import { createOutput, type Io } from './output.js'
import { children, findCommand, GLOBAL_OPTIONS, isGroup } from './registry.js'
import { VERSION } from './version.js'

interface Split {
  readonly path: string[]
  readonly rest: string[]
}

/** Separates the command words from the flags and positionals. */
export function splitCommand(argv: readonly string[]): Split {
  const path: string[] = []
  const rest: string[] = []
  let done = false
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i]!
    if (done) {
      rest.push(tok)
      continue
    }
    if (tok === '--') {
      done = true
      rest.push(tok)
      continue
    }
    if (tok.startsWith('--')) {
      rest.push(tok)
      const name = tok.slice(2)
      const spec = GLOBAL_OPTIONS[name]
      if (spec?.type === 'string' && i + 1 < argv.length) rest.push(argv[++i]!)
      continue
    }
    if (tok.startsWith('-') && tok.length > 1) {
      rest.push(tok)
      const spec = Object.values(GLOBAL_OPTIONS).find((o) => o.short === tok.slice(1))
      if (tok.length === 2 && spec?.type === 'string' && i + 1 < argv.length) rest.push(argv[++i]!)
      continue
    }
    const next = [...path, tok]
    if (findCommand(next) !== undefined || isGroup(next)) {
      path.push(tok)
      continue
    }
    // `clob cancel 0xabc…` is `clob cancel order 0xabc…`.
    if (path.length === 1 && path[0] === 'cancel' && /^0x/i.test(tok)) path.push('order')
    done = true
    rest.push(tok)
  }
  return { path, rest }
}

function suggest(word: string, options: readonly string[]): string | undefined {
  const dist = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
    for (let j = 1; j <= b.length; j++) d[0]![j] = j
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++)
        d[i]![j] = Math.min(
          d[i - 1]![j]! + 1,
          d[i]![j - 1]! + 1,
          d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
        )
    return d[a.length]![b.length]!
  }
  let best: string | undefined
  let bestD = 3
  for (const o of options) {
    const dd = dist(word, o)
    if (dd < bestD) {
      best = o
      bestD = dd
    }
  }
  return best
}

/**
 * `-o json` / `--output json` / `--output=json` (the official CLI's habit) mean
 * `--json`; `text` is the default. Any other value is reported as a usage error.
 */
function outputFormat(argv: readonly string[]): string | undefined {
  let format: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--') break
    if (a === '-o' || a === '--output') format = argv[i + 1] ?? ''
    else if (a.startsWith('--output=')) format = a.slice('--output='.length)
    else if (/^-o[^-]/.test(a)) format = a.slice(2)
  }
  return format
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const format = outputFormat(argv)
  const json = argv.includes('--json') || format?.toLowerCase() === 'json'
  const out = createOutput(io, {
    json,
    noColor: argv.includes('--no-color'),
    quiet: argv.includes('--quiet') || argv.includes('-q'),
  })
  let tokenIds: string[] = []
  let host = ''
  try {
    if (format !== undefined && !['json', 'text'].includes(format.toLowerCase())) {
      throw new UsageError(
        'INVALID_OUTPUT',
        '--output',
        `unknown output format ${JSON.stringify(format)}`,
        'use -o json (same as --json) or -o text',
      )
    }
    const { path, rest } = splitCommand(argv)
    if (path.length === 0 && (rest.includes('--version') || rest.includes('-V'))) {
      io.stdout.write(json ? `${JSON.stringify({ version: VERSION })}\n` : `clob ${VERSION}\n`)
      return ExitCode.OK
    }
    const wantsHelp = rest.includes('--help') || rest.includes('-h')
    const cmd = findCommand(path)
    if (cmd === undefined) {
      if (path.length === 0 && wantsHelp) {
        io.stdout.write(topHelp())
        return ExitCode.OK
      }
      if (path.length > 0 && wantsHelp) {
        io.stdout.write(groupHelp(path))
        return ExitCode.OK
      }
      const word = rest.find((t) => !t.startsWith('-'))
      if (path.length === 0 && word === undefined) {
        io.stderr.write(topHelp())
        return ExitCode.USAGE
      }
      const known = children(path)
      if (word === undefined) {
        throw new UsageError(
          'MISSING_COMMAND',
          'command',
          `\`clob ${path.join(' ')}\` needs a subcommand: ${known.join(', ')}`,
        )
      }
      const guess = suggest(word, known)
      // A pasted key must not be echoed back, even as a mistyped command.
      const shown = /^(0x)?[0-9a-fA-F]{64}$/.test(word) ? '<64 hex digits>' : word
      throw new UsageError(
        'UNKNOWN_COMMAND',
        'command',
        `unknown command \`${[...path, shown].join(' ')}\``,
        guess !== undefined
          ? `did you mean \`clob ${[...path, guess].join(' ')}\`?`
          : `commands: ${known.join(', ')}`,
      )
    }
    if (wantsHelp) {
      io.stdout.write(commandHelp(cmd))
      return ExitCode.OK
    }
    const parsed = parse(rest, { ...GLOBAL_OPTIONS, ...cmd.options }, cmd.positionals ?? 0)
    const ctx = createContext({
      io,
      out,
      command: cmd,
      values: parsed.values,
      positionals: parsed.positionals,
    })
    if (bool(parsed.values, 'version')) {
      io.stdout.write(`clob ${VERSION}\n`)
      return ExitCode.OK
    }
    tokenIds = [...parsed.positionals, ...strs(parsed.values, 'token')].filter((t) => /^\d{1,78}$/.test(t))
    host = ctx.settings.host
    const handler = await loadHandler(cmd.handler)
    const code = await handler(ctx)
    out.endProgress()
    return code ?? ExitCode.OK
  } catch (caught) {
    // A bare 404 from a token lookup says which token the server does not know.
    const e = tokenIds.length > 0 && isUnknownToken(caught) ? tokenNotFound(tokenIds, host, caught) : caught
    out.endProgress()
    out.error(e)
    return exitCodeFor(e)
  }
}
