import { isClobError } from '@clobkit/eip712-order'
import { expect } from 'vitest'

/** What `fn` throws, or `undefined` when it returns. */
export function caught(fn: () => unknown): unknown {
  try {
    fn()
  } catch (e) {
    return e
  }
  return undefined
}

/** Asserts `fn` throws a ClobError with this `code` and `param`, and returns it. */
export function expectInvalid(fn: () => unknown, code: string, param: string): unknown {
  const e = caught(fn)
  expect(isClobError(e), `expected a ClobError, got ${String(e)}`).toBe(true)
  expect(e).toMatchObject({ code, param })
  return e
}
