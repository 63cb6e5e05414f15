import { describe, expect, it } from 'vitest'
import { createHub } from '../src/queue.js'

type E = { type: 'data'; n: number } | { type: 'gap'; dropped: number } | { type: 'note' }

describe('createHub', () => {
  it('resync policy: drops queued data past capacity and replaces it with a gap marker', async () => {
    const hub = createHub<E>(
      {
        kind: 'resync',
        droppable: (e) => (e.type === 'data' ? 1 : e.type === 'gap' ? e.dropped : undefined),
        replacement: (dropped) => [{ type: 'gap', dropped }],
      },
      () => {},
      3,
    )
    const it = hub.iterate()
    for (let n = 0; n < 3; n++) hub.emit({ type: 'data', n })
    hub.emit({ type: 'note' })
    hub.emit({ type: 'data', n: 99 })
    hub.end()
    const got: E[] = []
    for await (const e of it) got.push(e)
    expect(got).toEqual([{ type: 'note' }, { type: 'gap', dropped: 3 }, { type: 'data', n: 99 }])
  })

  it('memory stays bounded for a consumer that never reads', () => {
    const hub = createHub<E>(
      {
        kind: 'resync',
        droppable: (e) => (e.type === 'data' ? 1 : e.type === 'gap' ? e.dropped : undefined),
        replacement: (dropped) => [{ type: 'gap', dropped }],
      },
      () => {},
      100,
    )
    hub.iterate()
    for (let n = 0; n < 100_000; n++) hub.emit({ type: 'data', n })
    // nothing observable but the process did not grow: a second consumer still works
    const it = hub.iterate()
    hub.emit({ type: 'note' })
    return expect(it.next()).resolves.toEqual({ value: { type: 'note' }, done: false })
  })

  it('gaps merge, so a reader that comes back sees one gap with the total dropped', async () => {
    const hub = createHub<E>(
      {
        kind: 'resync',
        droppable: (e) => (e.type === 'data' ? 1 : e.type === 'gap' ? e.dropped : undefined),
        replacement: (dropped) => [{ type: 'gap', dropped }],
      },
      () => {},
      10,
    )
    const it = hub.iterate()
    for (let n = 0; n < 1000; n++) hub.emit({ type: 'data', n })
    hub.end()
    const got: E[] = []
    for await (const e of it) got.push(e)
    expect(got.length).toBeLessThanOrEqual(10)
    const gap = got.find((e) => e.type === 'gap') as { dropped: number }
    expect(gap.dropped + got.filter((e) => e.type === 'data').length).toBe(1000)
  })

  it('error policy: never drops; delivers everything queued, then throws QueueOverflowError', async () => {
    const hub = createHub<E>({ kind: 'error', channel: 'user' }, () => {}, 2)
    const it = hub.iterate()
    for (let n = 0; n < 5; n++) hub.emit({ type: 'data', n })
    expect(await it.next()).toEqual({ value: { type: 'data', n: 0 }, done: false })
    expect(await it.next()).toEqual({ value: { type: 'data', n: 1 }, done: false })
    await expect(it.next()).rejects.toMatchObject({
      name: 'QueueOverflowError',
      code: 'WS_QUEUE_OVERFLOW',
      capacity: 2,
    })
    expect(await it.next()).toEqual({ value: undefined, done: true })
  })

  it('calls listeners in order, survives a throwing listener, and ends waiting iterators', async () => {
    const errors: unknown[] = []
    const hub = createHub<E>({ kind: 'error', channel: 'user' }, (e) => errors.push(e))
    const seen: string[] = []
    const off = hub.on('data', (e) => seen.push(`a${e.n}`))
    hub.on('*', () => {
      throw new Error('boom')
    })
    hub.emit({ type: 'data', n: 1 })
    off()
    hub.emit({ type: 'data', n: 2 })
    expect(seen).toEqual(['a1'])
    expect(errors).toHaveLength(2)
    const it = hub.iterate()
    const pending = it.next()
    hub.end(new Error('auth'))
    await expect(pending).rejects.toThrow('auth')
  })
})
