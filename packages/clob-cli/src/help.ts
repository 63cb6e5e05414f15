/**
 * Help text generated from the command table.
 * @module
 */
import type { OptionSpec, OptionSpecs } from './args.js'
import type { CommandSpec } from './command.js'
import { COMMANDS, children, findCommand, GLOBAL_OPTIONS, GROUPS } from './registry.js'
import { VERSION } from './version.js'

function optionLines(options: OptionSpecs): string[] {
  const rows = Object.entries(options).map(([name, spec]: [string, OptionSpec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : ''}`
    return [flag, spec.description] as const
  })
  const w = Math.max(...rows.map(([f]) => f.length))
  return rows.map(([f, d]) => `  ${f.padEnd(w)}  ${d}`)
}

export function topHelp(): string {
  const lines = [
    `clob ${VERSION} — the Polymarket CLOB command line`,
    '',
    'Usage: clob [global options] <command> [options]',
    '',
    'Commands:',
  ]
  const entries: [string, string][] = []
  const seenGroups = new Set<string>()
  for (const c of COMMANDS) {
    const top = c.path[0]!
    const group = GROUPS.find((g) => g.path.length === 1 && g.path[0] === top)
    if (group !== undefined) {
      if (seenGroups.has(top)) continue
      seenGroups.add(top)
      entries.push([`${top} ${children([top]).join('|')}`, group.summary])
    } else {
      entries.push([`${c.path.join(' ')}${c.args ? ` ${c.args}` : ''}`, c.summary])
    }
  }
  const w = Math.min(44, Math.max(...entries.map(([n]) => n.length)))
  for (const [n, d] of entries)
    lines.push(n.length > w ? `  ${n}\n  ${''.padEnd(w)}  ${d}` : `  ${n.padEnd(w)}  ${d}`)
  lines.push('', 'Global options:', ...optionLines(GLOBAL_OPTIONS))
  lines.push(
    '',
    'Environment: CLOB_PROFILE, CLOB_HOST, CLOB_CHAIN, CLOB_SIGNATURE_TYPE, CLOB_FUNDER, CLOB_PRIVATE_KEY,',
    '  CLOB_KEYSTORE, CLOB_KEYSTORE_PASSWORD, CLOB_CONFIG_DIR, NO_COLOR, FORCE_COLOR',
    'Enum values (BUY/SELL, GTC/GTD/FOK/FAK, eoa/proxy/safe/1271, --kind, --interval) are case-insensitive;',
    '  any other value is a usage error. -o json / --output json is the same as --json.',
    'Exit codes: 0 success, 1 failure (including a rejected order), 2 usage error,',
    '  130 / 143 interrupted by Ctrl-C / SIGTERM while posting or cancelling (the outcome is reported)',
    '',
    'Run `clob <command> --help` for a command’s options and examples.',
  )
  return `${lines.join('\n')}\n`
}

export function groupHelp(path: readonly string[]): string {
  const group = GROUPS.find((g) => g.path.join(' ') === path.join(' '))
  const lines = [`clob ${path.join(' ')} — ${group?.summary ?? ''}`, '', 'Commands:']
  const entries: [string, string][] = []
  for (const name of children(path)) {
    const sub = [...path, name]
    const cmd = findCommand(sub)
    if (cmd !== undefined) entries.push([`${sub.join(' ')}${cmd.args ? ` ${cmd.args}` : ''}`, cmd.summary])
    else {
      const g = GROUPS.find((x) => x.path.join(' ') === sub.join(' '))
      entries.push([`${sub.join(' ')} ${children(sub).join('|')}`, g?.summary ?? ''])
    }
  }
  const w = Math.max(...entries.map(([n]) => n.length))
  for (const [n, d] of entries) lines.push(`  ${n.padEnd(w)}  ${d}`)
  lines.push('', `Run \`clob ${path.join(' ')} <command> --help\` for details.`)
  return `${lines.join('\n')}\n`
}

export function commandHelp(cmd: CommandSpec): string {
  const lines = [
    `clob ${cmd.path.join(' ')} — ${cmd.summary}`,
    '',
    `Usage: clob ${cmd.path.join(' ')}${cmd.args ? ` ${cmd.args}` : ''} [options]`,
  ]
  if (cmd.options !== undefined && Object.keys(cmd.options).length > 0) {
    lines.push('', 'Options:', ...optionLines(cmd.options))
  }
  if (cmd.details !== undefined) lines.push('', ...cmd.details.split('\n'))
  if (cmd.examples !== undefined && cmd.examples.length > 0) {
    lines.push('', 'Examples:', ...cmd.examples.map((e) => `  ${e}`))
  }
  lines.push('', 'Global options (--profile, --host, --json, --yes, …): see `clob --help`.')
  return `${lines.join('\n')}\n`
}
