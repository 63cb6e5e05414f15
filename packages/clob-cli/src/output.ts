/**
 * Everything the CLI writes goes through here: human tables on a TTY, stable JSON
 * with `--json`, colour only when allowed (`NO_COLOR`, `FORCE_COLOR`, `--no-color`),
 * progress lines only on a TTY stderr, and every string scrubbed of registered
 * secrets before it reaches a stream.
 * @module
 */
import { hintFor, isUsageError } from './errors.js'

export interface OutStream {
  write(chunk: string): unknown
  readonly isTTY?: boolean | undefined
  readonly columns?: number | undefined
}

export interface InStream {
  readonly isTTY?: boolean | undefined
  setRawMode?(mode: boolean): unknown
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown
  on(event: 'end', listener: () => void): unknown
  removeListener(event: string, listener: (...args: never[]) => void): unknown
  pause(): unknown
  resume(): unknown
  setEncoding?(encoding: BufferEncoding): unknown
}

export interface Io {
  readonly stdout: OutStream
  readonly stderr: OutStream
  readonly stdin: InStream
  readonly env: Readonly<Record<string, string | undefined>>
}

/** Replaces every registered secret with `***`, case-insensitively. */
export interface Redactor {
  add(secret: string | undefined): void
  scrub(text: string): string
}

export function createRedactor(): Redactor {
  const secrets = new Set<string>()
  let pattern: RegExp | undefined
  const rebuild = (): void => {
    const parts = [...secrets].sort((a, b) => b.length - a.length).map(escapeRegExp)
    pattern = parts.length === 0 ? undefined : new RegExp(parts.join('|'), 'gi')
  }
  return {
    add(secret) {
      if (secret === undefined) return
      const s = secret.trim()
      // Very short strings would redact ordinary text; no real secret is that short.
      if (s.length < 8) return
      secrets.add(s)
      if (/^0x[0-9a-f]+$/i.test(s)) secrets.add(s.slice(2))
      rebuild()
    },
    scrub(text) {
      return pattern === undefined ? text : text.replace(pattern, '***')
    },
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan'
const SGR: Record<Style, string> = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33', cyan: '36' }

export interface Column<T> {
  readonly header: string
  readonly value: (row: T) => string
  readonly align?: 'left' | 'right'
  readonly style?: (row: T) => Style | undefined
}

export interface Output {
  readonly json: boolean
  readonly color: boolean
  readonly stdoutTty: boolean
  readonly stderrTty: boolean
  readonly redactor: Redactor
  /** A line of human output on stdout (not used in `--json` mode by commands). */
  line(text?: string): void
  /** The command's result as JSON on stdout. */
  data(value: unknown): void
  /** A table on stdout. */
  table<T>(rows: readonly T[], columns: readonly Column<T>[]): void
  /** Aligned key/value pairs on stdout. */
  fields(pairs: readonly (readonly [string, string])[]): void
  /** Informational note on stderr (suppressed with --quiet). */
  note(text: string): void
  /** Warning on stderr. */
  warn(text: string): void
  /** A transient status line on a TTY stderr; no-op otherwise. */
  progress(text: string): void
  endProgress(): void
  /** Prints an error on stderr with its code and a hint. */
  error(e: unknown): void
  paint(text: string, style: Style | undefined): string
}

export interface OutputOptions {
  readonly json: boolean
  readonly noColor?: boolean
  readonly quiet?: boolean
}

export function colorEnabled(io: Io, noColorFlag: boolean): boolean {
  if (noColorFlag) return false
  const noColor = io.env.NO_COLOR
  if (noColor !== undefined && noColor !== '') return false
  const force = io.env.FORCE_COLOR
  if (force !== undefined && force !== '' && force !== '0') return true
  if (io.env.TERM === 'dumb') return false
  return io.stdout.isTTY === true
}

export function createOutput(io: Io, options: OutputOptions, redactor: Redactor = createRedactor()): Output {
  const color = colorEnabled(io, options.noColor === true)
  const stderrColor = color && io.stderr.isTTY === true
  const stdoutTty = io.stdout.isTTY === true
  const stderrTty = io.stderr.isTTY === true
  let progressShown = false
  const out = (s: string): void => {
    io.stdout.write(redactor.scrub(s))
  }
  const err = (s: string): void => {
    if (progressShown) {
      io.stderr.write('\r\x1b[2K')
      progressShown = false
    }
    io.stderr.write(redactor.scrub(s))
  }
  const paintWith =
    (enabled: boolean) =>
    (text: string, style: Style | undefined): string =>
      enabled && style !== undefined ? `\x1b[${SGR[style]}m${text}\x1b[0m` : text
  const paint = paintWith(color)
  const paintErr = paintWith(stderrColor)

  return {
    json: options.json,
    color,
    stdoutTty,
    stderrTty,
    redactor,
    line(text = '') {
      out(`${text}\n`)
    },
    data(value) {
      out(`${JSON.stringify(value, jsonReplacer, 2)}\n`)
    },
    table(rows, columns) {
      if (rows.length === 0) {
        out(`${paint('(none)', 'dim')}\n`)
        return
      }
      const cells = rows.map((r) => columns.map((c) => sanitize(c.value(r))))
      const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i]!.length)))
      const fmt = (text: string, i: number): string => {
        const w = widths[i]!
        return columns[i]!.align === 'right' ? text.padStart(w) : text.padEnd(w)
      }
      const header = columns.map((c, i) => fmt(c.header, i)).join('  ')
      out(`${paint(header.trimEnd(), 'bold')}\n`)
      rows.forEach((row, r) => {
        const line = columns
          .map((c, i) => paint(fmt(cells[r]![i]!, i), c.style?.(row)))
          .join('  ')
          .trimEnd()
        out(`${line}\n`)
      })
    },
    fields(pairs) {
      const w = Math.max(0, ...pairs.map(([k]) => k.length))
      for (const [k, v] of pairs) out(`${paint(k.padEnd(w), 'dim')}  ${sanitize(v)}\n`)
    },
    note(text) {
      if (options.quiet === true) return
      err(`${text}\n`)
    },
    warn(text) {
      err(`${paintErr('warning:', 'yellow')} ${text}\n`)
    },
    progress(text) {
      if (!stderrTty || options.json) return
      io.stderr.write(`\r\x1b[2K${redactor.scrub(text)}`)
      progressShown = true
    },
    endProgress() {
      if (progressShown) {
        io.stderr.write('\r\x1b[2K')
        progressShown = false
      }
    },
    error(e) {
      const { code, message, hint, param } = describeError(e)
      if (options.json) {
        err(
          `${JSON.stringify({ error: { code, message, ...(param ? { param } : {}), ...(hint ? { hint } : {}) } })}\n`,
        )
        return
      }
      err(`${paintErr('error', 'red')} ${paintErr(`[${code}]`, 'bold')} ${message}\n`)
      if (hint !== undefined) err(`${paintErr('hint:', 'cyan')} ${hint}\n`)
    },
    paint,
  }
}

export interface ErrorDescription {
  readonly code: string
  readonly message: string
  readonly hint: string | undefined
  readonly param: string | undefined
}

export function describeError(e: unknown): ErrorDescription {
  if (typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string') {
    const err = e as { code: string; message?: unknown; param?: unknown }
    const hint = hintFor(e) ?? (isUsageError(e) ? 'run `clob --help` for usage' : undefined)
    return {
      code: err.code,
      message: typeof err.message === 'string' ? err.message : String(err.code),
      hint,
      param: typeof err.param === 'string' ? err.param : undefined,
    }
  }
  const message = e instanceof Error ? e.message : String(e)
  return { code: 'INTERNAL', message, hint: 'this is a bug in clob; please report it', param: undefined }
}

/** bigint → decimal string; everything else as is. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value
}

/** Control characters from the server never reach the terminal raw. */
export function sanitize(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u009b]/g, '�')
}
