/**
 * Argument parsing (node:util parseArgs, strict) and the validators that turn
 * flag strings into typed values. Every rejection is a UsageError (exit 2); no
 * enum value is ever defaulted when it is unknown.
 * @module
 */

import { parseArgs } from 'node:util'
import * as Decimal from '@clobkit/eip712-order/decimal'
import { type OrderType, type TickSize, TickSizes } from '@clobkit/eip712-order/types'
import type { SignatureTypeName } from './config.js'
import { UsageError } from './errors.js'

export interface OptionSpec {
  readonly type: 'string' | 'boolean'
  readonly short?: string
  readonly multiple?: boolean
  readonly description: string
  /** Placeholder in help, e.g. `ID`. */
  readonly valueName?: string
  /** Allowed values, for help and completions (validation is done by the command). */
  readonly values?: readonly string[]
  /** Completion hint for file arguments. */
  readonly file?: boolean
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>
export type ParsedValues = Readonly<Record<string, string | boolean | string[] | undefined>>

export interface Parsed {
  readonly values: ParsedValues
  readonly positionals: readonly string[]
}

interface NodeParseError {
  code?: string
  message: string
}

/** Parses `argv` against `options`; unknown options and bad values are usage errors. */
export function parse(argv: readonly string[], options: OptionSpecs, maxPositionals: number): Parsed {
  const config: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {}
  for (const [name, spec] of Object.entries(options)) {
    config[name] = {
      type: spec.type,
      ...(spec.short ? { short: spec.short } : {}),
      ...(spec.multiple ? { multiple: true } : {}),
    }
  }
  let result: ReturnType<typeof parseArgs>
  try {
    result = parseArgs({ args: [...argv], options: config, strict: true, allowPositionals: true })
  } catch (e) {
    const err = e as NodeParseError
    const m = /'(-{1,2}[^' ]+)/.exec(err.message)
    const flag = m?.[1] ?? 'argv'
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new UsageError(
        'UNKNOWN_OPTION',
        flag,
        `unknown option ${flag}`,
        'run the command with --help to see its options',
      )
    }
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new UsageError('INVALID_OPTION_VALUE', flag, firstLine(err.message))
    }
    throw new UsageError('INVALID_ARGUMENTS', flag, firstLine(err.message))
  }
  if (result.positionals.length > maxPositionals) {
    const extra = result.positionals[maxPositionals]!
    throw new UsageError(
      'UNEXPECTED_ARGUMENT',
      'argv',
      `unexpected argument ${JSON.stringify(redactLike(extra))}`,
    )
  }
  return { values: result.values as ParsedValues, positionals: result.positionals }
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s
}

/** Never echo something that looks like a private key back at the user. */
function redactLike(s: string): string {
  return /^(0x)?[0-9a-fA-F]{64}$/.test(s) ? '<64 hex digits>' : s
}

export function str(values: ParsedValues, name: string): string | undefined {
  const v = values[name]
  if (Array.isArray(v)) return v[v.length - 1]
  return typeof v === 'string' ? v : undefined
}

export function strs(values: ParsedValues, name: string): string[] {
  const v = values[name]
  if (Array.isArray(v)) return v
  return typeof v === 'string' ? [v] : []
}

export function bool(values: ParsedValues, name: string): boolean {
  return values[name] === true
}

export function required(values: ParsedValues, name: string, hint?: string): string {
  const v = str(values, name)
  if (v === undefined || v === '')
    throw new UsageError('MISSING_OPTION', `--${name}`, `--${name} is required`, hint)
  return v
}

// ---- validators -------------------------------------------------------------

/**
 * The one rule for enum flags: values are matched case-insensitively (`buy`,
 * `Buy` and `BUY` are the same) and returned in their canonical spelling;
 * anything else is a usage error naming the allowed values — never a default.
 */
export function parseEnum<T extends string>(
  value: string,
  allowed: readonly T[],
  param: string,
  code: string,
  what: string,
): T {
  const found = allowed.find((a) => a.toLowerCase() === value.toLowerCase())
  if (found === undefined) {
    throw new UsageError(
      code,
      param,
      `unknown ${what} ${JSON.stringify(value)}`,
      `${allowed.length === 2 ? `use ${allowed[0]} or ${allowed[1]}` : `use one of ${allowed.join(', ')}`} (any letter case)`,
    )
  }
  return found
}

export type SideName = 'BUY' | 'SELL'

export function parseSide(value: string, param = '--side'): SideName {
  return parseEnum(value, ['BUY', 'SELL'] as const, param, 'INVALID_SIDE', 'side')
}

const SIG_ALIASES: Record<string, SignatureTypeName> = {
  eoa: 'eoa',
  '0': 'eoa',
  proxy: 'proxy',
  poly_proxy: 'proxy',
  '1': 'proxy',
  safe: 'safe',
  poly_gnosis_safe: 'safe',
  '2': 'safe',
  '1271': '1271',
  poly_1271: '1271',
  '3': '1271',
}

export function parseSignatureType(value: string, param = '--signature-type'): SignatureTypeName {
  const v = SIG_ALIASES[value.toLowerCase()]
  if (v === undefined) {
    throw new UsageError(
      'INVALID_SIGNATURE_TYPE',
      param,
      `unknown signature type ${JSON.stringify(value)}`,
      'use eoa, proxy, safe or 1271 (0..3)',
    )
  }
  return v
}

export function signatureTypeNumber(name: SignatureTypeName): 0 | 1 | 2 | 3 {
  return name === 'eoa' ? 0 : name === 'proxy' ? 1 : name === 'safe' ? 2 : 3
}

export type Tick = TickSize

export function parseTick(value: string, param = '--tick-size'): Tick {
  const found = TickSizes.find((t) => t === value || (isDecimal(value) && sameDecimal(t, value)))
  if (found === undefined) {
    throw new UsageError(
      'INVALID_TICK_SIZE',
      param,
      `unknown tick size ${JSON.stringify(value)}`,
      `use one of ${TickSizes.join(', ')}`,
    )
  }
  return found
}

export type OrderTypeName = OrderType

export function parseOrderType(
  value: string,
  allowed: readonly OrderTypeName[],
  param = '--type',
): OrderTypeName {
  return parseEnum(value, allowed, param, 'INVALID_ORDER_TYPE', 'order type')
}

const DECIMAL_RE = /^(?:\d+(?:\.\d*)?|\.\d+)$/

export function isDecimal(value: string): boolean {
  return DECIMAL_RE.test(value)
}

function sameDecimal(a: string, b: string): boolean {
  const norm = (s: string): string => {
    const [i = '', f = ''] = s.split('.')
    return `${i.replace(/^0+/, '') || '0'}.${f.replace(/0+$/, '')}`
  }
  return norm(a) === norm(b)
}

/** A non-negative decimal string (no exponent, no sign), returned normalized. */
export function parseDecimal(value: string, param: string, opts: { positive?: boolean } = {}): string {
  if (!DECIMAL_RE.test(value)) {
    throw new UsageError(
      'INVALID_DECIMAL',
      param,
      `${JSON.stringify(value)} is not a plain decimal number`,
      'write it like 0.55 or 100',
    )
  }
  // The repository's one decimal: eip712-order's Decimal (exact, normalized).
  let d: Decimal.Decimal
  try {
    d = Decimal.parse(value, param)
  } catch (e) {
    throw new UsageError('INVALID_DECIMAL', param, (e as Error).message, 'write it like 0.55 or 100')
  }
  if (opts.positive === true && Decimal.isZero(d)) {
    throw new UsageError('INVALID_DECIMAL', param, `${param} must be greater than zero`)
  }
  return Decimal.toString(d)
}

/** A price strictly between 0 and 1. */
export function parsePrice(value: string, param = '--price'): string {
  const p = parseDecimal(value, param)
  if (!p.startsWith('0.') || /^0\.0*$/.test(p)) {
    throw new UsageError('INVALID_PRICE', param, `price ${value} must be strictly between 0 and 1`)
  }
  return p
}

export function parseTokenId(value: string, param = '--token'): string {
  if (!/^\d{1,78}$/.test(value) || (value.length > 1 && value.startsWith('0'))) {
    throw new UsageError(
      'INVALID_TOKEN_ID',
      param,
      `${JSON.stringify(value)} is not a token id`,
      'token ids are decimal integers (uint256)',
    )
  }
  if (BigInt(value) >= 1n << 256n) throw new UsageError('INVALID_TOKEN_ID', param, 'token id exceeds uint256')
  return value
}

export function isConditionId(value: string): boolean {
  return /^0x[0-9a-fA-F]{64}$/.test(value)
}

export function parseConditionId(value: string, param = '--market'): string {
  if (!isConditionId(value)) {
    throw new UsageError(
      'INVALID_CONDITION_ID',
      param,
      `${JSON.stringify(value)} is not a condition id`,
      'condition ids are 0x + 64 hex digits',
    )
  }
  return value.toLowerCase()
}

export function parseOrderId(value: string, param = 'order-id'): string {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw new UsageError(
      'INVALID_ORDER_ID',
      param,
      `${JSON.stringify(value)} is not an order id`,
      'order ids are 0x + 64 hex digits',
    )
  }
  return value.toLowerCase()
}

export function parseAddress(value: string, param: string): `0x${string}` {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) {
    throw new UsageError(
      'INVALID_ADDRESS',
      param,
      `${JSON.stringify(value)} is not an address`,
      'addresses are 0x + 40 hex digits',
    )
  }
  return value as `0x${string}`
}

export function parseBytes32(value: string, param: string): `0x${string}` {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw new UsageError('INVALID_BYTES32', param, `${JSON.stringify(value)} is not 32 bytes of hex`)
  }
  return value.toLowerCase() as `0x${string}`
}

export function parseChain(value: string, param = '--chain'): 137 | 80002 {
  const v = value.toLowerCase()
  if (v === '137' || v === 'polygon' || v === 'matic') return 137
  if (v === '80002' || v === 'amoy') return 80002
  throw new UsageError(
    'INVALID_CHAIN',
    param,
    `unknown chain ${JSON.stringify(value)}`,
    'use 137 (polygon) or 80002 (amoy)',
  )
}

export function parseVersion(value: string, param = '--exchange-version'): 1 | 2 | 3 {
  if (value === '1' || value === '2' || value === '3') return Number(value) as 1 | 2 | 3
  throw new UsageError(
    'INVALID_EXCHANGE_VERSION',
    param,
    `unknown exchange version ${JSON.stringify(value)}`,
    'use 1, 2 or 3',
  )
}

export function parseHost(value: string, param = '--host'): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new UsageError(
      'INVALID_HOST',
      param,
      `${JSON.stringify(value)} is not a URL`,
      'e.g. https://clob.polymarket.com',
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError('INVALID_HOST', param, 'the host must be an http(s) URL')
  }
  if (url.username !== '' || url.password !== '') {
    throw new UsageError('INVALID_HOST', param, 'the host must not carry credentials')
  }
  return value.replace(/\/+$/, '')
}

export function parseNonNegInt(value: string, param: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(value) || Number(value) > max) {
    throw new UsageError('INVALID_INTEGER', param, `${JSON.stringify(value)} is not an integer in 0..${max}`)
  }
  return Number(value)
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }

/** `90s`, `10m`, `1h30m`, `2d` → seconds. */
export function parseDuration(value: string, param: string): number {
  const re = /(\d+)([smhdw])/gy
  let total = 0
  let matched = 0
  for (let m = re.exec(value); m !== null; m = re.exec(value)) {
    total += Number(m[1]) * UNIT_SECONDS[m[2]!]!
    matched = re.lastIndex
  }
  if (value === '' || matched !== value.length || total <= 0) {
    throw new UsageError(
      'INVALID_DURATION',
      param,
      `${JSON.stringify(value)} is not a duration`,
      'e.g. 90s, 10m, 1h30m, 2d',
    )
  }
  return total
}

/** The server's GTD security threshold (PROTOCOL.md §5.4): expiry is effective 60 s early. */
export const GTD_THRESHOLD_SECONDS = 60

export interface Expiry {
  /** Unix seconds sent as `expiration`. */
  readonly expiration: number
  /** When the order actually stops being live (expiration − 60). */
  readonly effectiveAt: number
}

/**
 * `--expires 10m` → now + 60 + 600 so the order lives 10 minutes; an absolute
 * timestamp (unix seconds or ISO 8601) must lie more than 60 s ahead.
 */
export function parseExpires(value: string, nowSeconds: number, param = '--expires'): Expiry {
  let expiration: number
  if (/^\d+$/.test(value)) {
    expiration = Number(value)
    if (expiration > 1e11) {
      throw new UsageError(
        'INVALID_EXPIRATION',
        param,
        'expiration looks like milliseconds; give unix seconds',
      )
    }
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const ms = Date.parse(value)
    if (Number.isNaN(ms))
      throw new UsageError('INVALID_EXPIRATION', param, `${JSON.stringify(value)} is not a valid date`)
    expiration = Math.floor(ms / 1000)
  } else {
    expiration = nowSeconds + GTD_THRESHOLD_SECONDS + parseDuration(value, param)
  }
  if (expiration <= nowSeconds + GTD_THRESHOLD_SECONDS) {
    throw new UsageError(
      'INVALID_EXPIRATION',
      param,
      'expiration must be more than 60 s in the future (the exchange expires GTD orders 60 s early)',
      'use a duration such as --expires 10m',
    )
  }
  return { expiration, effectiveAt: expiration - GTD_THRESHOLD_SECONDS }
}

/** `2024-05-01`, unix seconds, or ISO 8601 → unix seconds. */
export function parseTimestamp(value: string, param: string): number {
  if (/^\d+$/.test(value)) return Number(value)
  const ms = Date.parse(value)
  if (Number.isNaN(ms))
    throw new UsageError(
      'INVALID_TIMESTAMP',
      param,
      `${JSON.stringify(value)} is not a timestamp`,
      'unix seconds or ISO 8601',
    )
  return Math.floor(ms / 1000)
}

export function parseDate(value: string, param = '--date'): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UsageError('INVALID_DATE', param, `${JSON.stringify(value)} is not a date`, 'use YYYY-MM-DD')
  }
  return value
}

/** Rejects a flag value that is itself a flag, like `--token --side`. */
export function notFlag(value: string, param: string): string {
  if (value.startsWith('--')) throw new UsageError('MISSING_VALUE', param, `${param} needs a value`)
  return value
}
