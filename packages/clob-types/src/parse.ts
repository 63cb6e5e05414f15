/**
 * `parse(schema, value, label)`: validate a wire value or throw a
 * {@link ClobTypesError} whose `path` names the first failing field, e.g.
 * `data[3].maker_orders[0].price`.
 *
 * This package depends on zod only, so it carries its own small error class. It
 * follows the shared clobkit convention (eip712-order `errors.ts`): a stable `code`,
 * `param`, `details`, and the registered brand `Symbol.for('clobkit.error')`, so
 * `isClobError` from `@clobkit/eip712-order` recognises it across realms.
 * @module
 */
import * as z from 'zod/mini'

const BRAND = Symbol.for('clobkit.error')

/** Stable codes of {@link ClobTypesError}. */
export type ClobTypesErrorCode = 'RESPONSE_VALIDATION' | 'INVALID_PARAMETER' | 'CRYPTO_UNAVAILABLE'

/** A validation issue as data (zod's issue objects; they never carry the input values). */
export type ClobTypesIssue = z.core.$ZodIssue

/**
 * Error thrown by {@link parse} (code `RESPONSE_VALIDATION`) and by helpers of this
 * package. Messages name the label and the field, never the field's value, so a
 * response holding an API secret cannot leak it through an error.
 */
export class ClobTypesError extends Error {
  /** Stable machine-readable code. */
  readonly code: ClobTypesErrorCode
  /** The parameter or field the error is about (for validation: same as `path`). */
  readonly param: string | undefined
  /** Dotted path of the first failing field (`data[3].maker_orders[0].price`); `""` for the root. */
  readonly path: string
  /** What was being parsed, e.g. `GET /book`. */
  readonly label: string
  /** All issues reported by the schema. */
  readonly issues: readonly ClobTypesIssue[]
  /** Structured context (never values). */
  readonly details: Readonly<Record<string, unknown>>
  override name = 'ClobTypesError'

  constructor(
    code: ClobTypesErrorCode,
    message: string,
    options: { param?: string; path?: string; label?: string; issues?: readonly ClobTypesIssue[] } = {},
  ) {
    super(message)
    this.code = code
    this.param = options.param
    this.path = options.path ?? ''
    this.label = options.label ?? ''
    this.issues = options.issues ?? []
    this.details = { label: this.label, path: this.path }
    Object.defineProperty(this, BRAND, { value: true })
  }
}

/** True for a {@link ClobTypesError}, also across realms and duplicated package copies. */
export function isClobTypesError(value: unknown): value is ClobTypesError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true &&
    (value as { name?: unknown }).name === 'ClobTypesError'
  )
}

/**
 * Validate `value` against `schema` and return the parsed value (unknown keys are
 * kept by every response schema of this package), or throw a `ClobTypesError` with
 * code `RESPONSE_VALIDATION`.
 *
 * @example
 * ```ts
 * const book = parse(OrderBookSummarySchema, await res.json(), 'GET /book')
 * ```
 */
export function parse<S extends z.ZodMiniType>(schema: S, value: unknown, label: string): z.output<S> {
  const result = z.safeParse(schema, value)
  if (result.success) return result.data
  const issues = result.error.issues
  const first = firstLeaf(issues, [])
  const path = first ? formatPath(first.path) : ''
  const what = first ? describe(first.issue) : 'invalid value'
  throw new ClobTypesError(
    'RESPONSE_VALIDATION',
    `${label}: invalid ${path === '' ? 'value' : `field ${path}`}: ${what}`,
    { param: path, path, label, issues },
  )
}

type Leaf = { issue: ClobTypesIssue; path: PropertyKey[] }

/**
 * The first concrete issue, descending into unions. The branch the value was most
 * likely meant to be wins: first one whose own tag (a literal such as `event_type`)
 * matched, then the one with the fewest issues, then the one whose first failure is
 * deepest, then the first branch.
 */
function firstLeaf(issues: readonly ClobTypesIssue[], prefix: PropertyKey[]): Leaf | undefined {
  const issue = issues[0]
  if (issue === undefined) return undefined
  const path = [...prefix, ...issue.path]
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    let best: { leaf: Leaf; rank: readonly number[] } | undefined
    for (const branch of issue.errors) {
      const leaf = firstLeaf(branch, path)
      if (leaf === undefined) continue
      const tagMismatch = branch.some((i) => i.code === 'invalid_value' && i.path.length <= 1) ? 1 : 0
      const rank = [tagMismatch, branch.length, -leaf.path.length]
      if (best === undefined || isBetter(rank, best.rank)) best = { leaf, rank }
    }
    if (best) return best.leaf
  }
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) {
    return { issue, path: [...path, issue.keys[0]] }
  }
  return { issue, path }
}

function isBetter(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if ((a[i] as number) !== (b[i] as number)) return (a[i] as number) < (b[i] as number)
  }
  return false
}

const IDENT = /^[A-Za-z_$][\w$]*$/

/** `['data', 3, 'maker_orders', 0, 'price']` → `data[3].maker_orders[0].price`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else if (typeof key === 'symbol') out += `[${String(key)}]`
    else if (IDENT.test(key)) out += out === '' ? key : `.${key}`
    else out += `[${JSON.stringify(key)}]`
  }
  return out
}

/** A short reason built from the issue's structured fields (never from the input). */
function describe(issue: ClobTypesIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`
    case 'invalid_format':
      return `expected ${issue.format} format`
    case 'invalid_value':
      return `expected one of ${issue.values.map(show).join(', ')}`
    case 'unrecognized_keys':
      return 'unexpected key'
    case 'invalid_key':
      return 'invalid key'
    case 'too_big':
      return `too big (max ${String(issue.maximum)})`
    case 'too_small':
      return `too small (min ${String(issue.minimum)})`
    case 'invalid_union':
      return 'options' in issue && issue.options
        ? `expected one of ${issue.options.map(show).join(', ')}`
        : 'matches no allowed shape'
    default:
      return issue.message
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value)
}
