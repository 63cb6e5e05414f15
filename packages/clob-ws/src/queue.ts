/**
 * Fan-out of stream events to listeners (called synchronously, in order) and to
 * async iterators, each with its own bounded queue. What happens when an iterator
 * falls `capacity` events behind is the channel's policy:
 * - `resync` (market): the queued market-data events are dropped and replaced by one
 *   `gap` event plus a fresh `snapshot` per book, so memory stays bounded and the
 *   consumer knows exactly where its view restarted;
 * - `error` (user): nothing is dropped; the iterator throws `QueueOverflowError` once
 *   it has delivered everything queued before the overflow.
 * Listeners never lag (they run inside the socket handler) and a listener that throws
 * never breaks the connection.
 * @module
 */
import { QueueOverflowError } from './errors.js'

/** How a full iterator queue is handled. */
export type OverflowPolicy<E> =
  | { readonly kind: 'error'; readonly channel: string }
  | {
      readonly kind: 'resync'
      /**
       * How many dropped events an event stands for when it may be dropped: 1 for market
       * data, a previous `gap`'s own count (gaps merge), 0 for a superseded snapshot;
       * undefined when it must be kept.
       */
      readonly droppable: (event: E) => number | undefined
      /** Events that replace the dropped ones (a `gap` and the current snapshots). */
      readonly replacement: (dropped: number) => E[]
    }

/** Options of an event iterator. */
export interface IteratorOptions {
  /** Events an iterator may fall behind before its overflow policy applies (default 10 000). */
  readonly capacity?: number | undefined
  /** Ends the iterator (it returns `done`). */
  readonly signal?: AbortSignal | undefined
}

type Listener<E> = (event: E) => void

interface Consumer<E> {
  readonly queue: E[]
  head: number
  readonly capacity: number
  waiting: ((r: IteratorResult<E>) => void) | undefined
  failWaiting: ((e: unknown) => void) | undefined
  error: unknown
  done: boolean
}

/** The fan-out hub behind a connection's `on()` and async iteration. */
export interface Hub<E extends { readonly type: string }> {
  emit(event: E): void
  on<T extends E['type']>(type: T | '*', listener: Listener<Extract<E, { type: T }>>): () => void
  iterate(options?: IteratorOptions): AsyncIterableIterator<E>
  /** Ends every iterator (after it drains), with `error` when given. */
  end(error?: unknown): void
  readonly ended: boolean
}

export const DEFAULT_QUEUE_CAPACITY = 10_000

/** Creates a hub. `onListenerError` receives what a listener threw. */
export function createHub<E extends { readonly type: string }>(
  policy: OverflowPolicy<E>,
  onListenerError: (error: unknown, event: E) => void,
  defaultCapacity = DEFAULT_QUEUE_CAPACITY,
): Hub<E> {
  const listeners = new Map<string, Set<Listener<E>>>()
  const consumers = new Set<Consumer<E>>()
  let ended = false
  let endError: unknown

  function size(c: Consumer<E>): number {
    return c.queue.length - c.head
  }

  function compact(c: Consumer<E>): void {
    if (c.head > 1024 && c.head * 2 > c.queue.length) {
      c.queue.splice(0, c.head)
      c.head = 0
    }
  }

  function deliver(c: Consumer<E>, event: E): void {
    if (c.done) return
    if (c.waiting !== undefined && size(c) === 0) {
      const w = c.waiting
      c.waiting = undefined
      c.failWaiting = undefined
      w({ value: event, done: false })
      return
    }
    if (c.error !== undefined) return
    if (size(c) >= c.capacity) {
      if (policy.kind === 'error') {
        c.error = new QueueOverflowError(policy.channel, c.capacity)
        return
      }
      const kept: E[] = []
      let dropped = 0
      for (let i = c.head; i < c.queue.length; i++) {
        const e = c.queue[i] as E
        const w = policy.droppable(e)
        if (w === undefined) kept.push(e)
        else dropped += w
      }
      const w = policy.droppable(event)
      if (w === undefined) kept.push(event)
      else dropped += w
      c.queue.length = 0
      c.head = 0
      c.queue.push(...kept, ...policy.replacement(dropped))
      return
    }
    c.queue.push(event)
  }

  function emit(event: E): void {
    for (const key of [event.type, '*']) {
      const set = listeners.get(key)
      if (set === undefined) continue
      for (const fn of set) {
        try {
          fn(event)
        } catch (error) {
          onListenerError(error, event)
        }
      }
    }
    for (const c of consumers) deliver(c, event)
  }

  function finish(c: Consumer<E>): void {
    c.done = true
    consumers.delete(c)
    const w = c.waiting
    c.waiting = undefined
    c.failWaiting = undefined
    w?.({ value: undefined, done: true })
  }

  function iterate(options: IteratorOptions = {}): AsyncIterableIterator<E> {
    const capacity = options.capacity ?? defaultCapacity
    const c: Consumer<E> = {
      queue: [],
      head: 0,
      capacity: Math.max(1, capacity),
      waiting: undefined,
      failWaiting: undefined,
      error: undefined,
      done: false,
    }
    if (!ended) consumers.add(c)
    else c.error = endError
    const onAbort = () => finish(c)
    options.signal?.addEventListener('abort', onAbort, { once: true })
    if (options.signal?.aborted) finish(c)
    const it: AsyncIterableIterator<E> = {
      next() {
        if (size(c) > 0) {
          const value = c.queue[c.head] as E
          c.queue[c.head] = undefined as unknown as E
          c.head++
          compact(c)
          return Promise.resolve({ value, done: false })
        }
        if (c.error !== undefined) {
          const error = c.error
          c.error = undefined
          finish(c)
          return Promise.reject(error)
        }
        if (c.done || ended) {
          finish(c)
          return Promise.resolve({ value: undefined, done: true })
        }
        return new Promise((resolve, reject) => {
          c.waiting = resolve
          c.failWaiting = reject
        })
      },
      return() {
        options.signal?.removeEventListener('abort', onAbort)
        finish(c)
        return Promise.resolve({ value: undefined, done: true })
      },
      [Symbol.asyncIterator]() {
        return it
      },
    }
    return it
  }

  return {
    emit,
    on(type, listener) {
      let set = listeners.get(type)
      if (set === undefined) {
        set = new Set()
        listeners.set(type, set)
      }
      const fn = listener as Listener<E>
      set.add(fn)
      return () => {
        set.delete(fn)
      }
    },
    iterate,
    end(error) {
      if (ended) return
      ended = true
      endError = error
      for (const c of [...consumers]) {
        if (error !== undefined && c.error === undefined) c.error = error
        if (size(c) === 0) {
          if (c.error !== undefined && c.failWaiting !== undefined) {
            const fail = c.failWaiting
            const err = c.error
            c.error = undefined
            c.waiting = undefined
            c.failWaiting = undefined
            consumers.delete(c)
            c.done = true
            fail(err)
          } else if (c.error === undefined) finish(c)
        }
      }
    },
    get ended() {
      return ended
    },
  }
}
