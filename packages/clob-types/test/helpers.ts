import { ClobTypesError } from '@clobkit/clob-types'

export type Path = readonly (string | number)[]
export const DELETE = Symbol('delete')

type Container = Record<string | number, unknown>

/** The value at `path` inside `root`. */
export function getAt(root: unknown, path: Path): unknown {
  let node = root
  for (const key of path) node = (node as Container)[key]
  return node
}

/** Set (or delete, with {@link DELETE}) the value at `path`, in place. */
export function setAt(root: unknown, path: Path, value: unknown): void {
  const parent = getAt(root, path.slice(0, -1)) as Container
  const key = path[path.length - 1] as string | number
  if (value === DELETE) delete parent[key]
  else parent[key] = value
}

/** Run `fn`, expect a ClobTypesError, return it. */
export function catchError(fn: () => unknown): ClobTypesError {
  try {
    fn()
  } catch (error) {
    if (error instanceof ClobTypesError) return error
    throw error
  }
  throw new Error('expected a ClobTypesError, nothing was thrown')
}
