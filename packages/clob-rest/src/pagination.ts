/**
 * Cursor pagination (PROTOCOL.md §5.0): pages start at `MA==` and end at `LTE=`.
 * A `Pager` is an async iterable over items, with `pages()` over whole pages and
 * `first()` for one request.
 * @module
 */
import { ClobError } from '@clobkit/eip712-order'
import { type ClientContext, requireCredentials } from './context.js'
import { type CallOptions, type Query, request, type Schema } from './transport.js'

/** The initial cursor, base64 of "0". */
export const INITIAL_CURSOR = 'MA=='
/** The end sentinel, base64 of "-1". */
export const END_CURSOR = 'LTE='

/** One page as the server sends it. */
export interface Page<T> {
  readonly data: readonly T[]
  readonly next_cursor: string
  readonly limit?: number | undefined
  readonly count?: number | undefined
}

/** Fetch one page from a cursor. */
export type PageFetcher<T> = (cursor: string, signal: AbortSignal | undefined) => Promise<Page<T>>

export interface PagerOptions {
  /** Start cursor (default `MA==`). */
  readonly cursor?: string | undefined
  /** Stop after this many pages (default unbounded). */
  readonly maxPages?: number | undefined
  readonly signal?: AbortSignal | undefined
}

/** Pages and items of a cursor-paginated endpoint. Iterating the pager yields items. */
export interface Pager<T> extends AsyncIterable<T> {
  /** One request from the start cursor. */
  first(): Promise<Page<T>>
  /** Every page until `LTE=` (or `maxPages`). */
  pages(): AsyncIterableIterator<Page<T>>
  /** Every item of every page. */
  items(): AsyncIterableIterator<T>
  /** Collect every item into an array. */
  all(): Promise<T[]>
}

/** Build a pager over a page fetcher. Nothing is requested until it is used. */
export function paginate<T>(fetchPage: PageFetcher<T>, options: PagerOptions = {}): Pager<T> {
  const start = options.cursor ?? INITIAL_CURSOR
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY
  async function* pages(): AsyncIterableIterator<Page<T>> {
    let cursor = start
    const seen = new Set<string>()
    for (let n = 0; n < maxPages && cursor !== END_CURSOR; n++) {
      if (seen.has(cursor)) {
        throw new ClobError('PAGINATION_LOOP', `pagination: the server returned cursor ${cursor} twice`, {
          details: { cursor },
        })
      }
      seen.add(cursor)
      const page = await fetchPage(cursor, options.signal)
      yield page
      if (!page.next_cursor) return
      cursor = page.next_cursor
    }
  }
  async function* items(): AsyncIterableIterator<T> {
    for await (const page of pages()) yield* page.data
  }
  return {
    first: () => fetchPage(start, options.signal),
    pages,
    items,
    async all() {
      const out: T[] = []
      for await (const item of items()) out.push(item)
      return out
    },
    [Symbol.asyncIterator]: items,
  }
}

/**
 * The pager of a paginated `GET` endpoint: `query` plus `next_cursor` on each page.
 * An L2 endpoint checks for credentials when the pager is made, before any request.
 */
export function getPager<T>(
  ctx: ClientContext,
  path: string,
  query: Query,
  auth: 'none' | 'l2',
  schema: Schema<Page<T>>,
  options: PagerOptions & CallOptions,
): Pager<T> {
  if (auth === 'l2') requireCredentials(ctx, `GET ${path}`)
  const { timeouts, retry } = options
  return paginate(
    (cursor, signal) =>
      request(
        ctx,
        { method: 'GET', path, query: { ...query, next_cursor: cursor }, auth, signal, timeouts, retry },
        schema,
      ),
    options,
  )
}
