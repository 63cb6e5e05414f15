/** The result of running one case. */
export type Outcome =
  | { readonly outcome: 'pass' }
  | { readonly outcome: 'fail'; readonly detail: string }
  | { readonly outcome: 'rejected-by-rule'; readonly rule: 'D1' | 'D2'; readonly detail: string }

export const pass: Outcome = { outcome: 'pass' }
export const fail = (detail: string): Outcome => ({ outcome: 'fail', detail })

/**
 * Compares two JSON values exactly, key order included (the wire and the signed
 * object are compared as the client emits them). Returns a description of the
 * first difference, or undefined when equal.
 */
export function diff(actual: unknown, expected: unknown, path = '$'): string | undefined {
  const a = JSON.stringify(actual)
  const e = JSON.stringify(expected)
  if (a === e) return undefined
  if (isObject(actual) && isObject(expected)) {
    const ak = Object.keys(actual)
    const ek = Object.keys(expected)
    if (ak.join(',') !== ek.join(',')) return `${path}: keys [${ak.join(',')}] ≠ expected [${ek.join(',')}]`
    for (const k of ek) {
      const d = diff(actual[k], expected[k], Array.isArray(expected) ? `${path}[${k}]` : `${path}.${k}`)
      if (d) return d
    }
  }
  return `${path}: ${truncate(a)} ≠ expected ${truncate(e)}`
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null
}

function truncate(s: string | undefined): string {
  if (s === undefined) return 'undefined'
  return s.length > 160 ? `${s.slice(0, 157)}...` : s
}

/** Turns a thrown value into a short description (never includes secrets: our errors carry none). */
export function describeError(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e)
    return `${String((e as { code: unknown }).code)}: ${String((e as { message?: unknown }).message)}`
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e)
}
