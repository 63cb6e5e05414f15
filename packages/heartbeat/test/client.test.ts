import { type HeartbeatClient, heartbeatPoster, startHeartbeat } from '@clobkit/heartbeat'
import { describe, expect, it } from 'vitest'
import { fakeClock } from './support/fake-clock.js'

function recordingClient() {
  const calls: { id: string; signal: AbortSignal }[] = []
  const client: HeartbeatClient = {
    heartbeats: {
      post: async (id, options) => {
        calls.push({ id, signal: options.signal })
        return { heartbeat_id: `${id}+` }
      },
    },
  }
  return { client, calls }
}

describe('heartbeatPoster', () => {
  it('posts through client.heartbeats.post with the keeper’s signal', async () => {
    const { client, calls } = recordingClient()
    const post = heartbeatPoster(client)
    const controller = new AbortController()
    await expect(post('hb-1', controller.signal)).resolves.toEqual({ heartbeat_id: 'hb-1+' })
    expect(calls).toEqual([{ id: 'hb-1', signal: controller.signal }])
  })

  it('sends nothing once the signal is aborted', async () => {
    const { client, calls } = recordingClient()
    const reason = new Error('stopped')
    await expect(heartbeatPoster(client)('hb-1', AbortSignal.abort(reason))).rejects.toBe(reason)
    expect(calls).toEqual([])
  })

  it('rejects something that is not a client', () => {
    for (const bad of [null, {}, { heartbeats: {} }, { heartbeats: { post: 1 } }]) {
      expect(() => heartbeatPoster(bad as never)).toThrow(
        expect.objectContaining({ code: 'INVALID_CLIENT', param: 'client' }),
      )
    }
  })
})

describe('startHeartbeat with a client', () => {
  it('chains heartbeats through the client', async () => {
    const clock = fakeClock()
    const { client, calls } = recordingClient()
    const keeper = startHeartbeat({ client, clock, intervalMs: 1000, deadlineMs: 3000 })
    await clock.advance(2000)
    expect(calls.map((c) => c.id)).toEqual(['', '+', '++'])
    await keeper.stop()
  })

  it('refuses both post and client', () => {
    const { client } = recordingClient()
    expect(() => startHeartbeat({ client, post: async () => ({ heartbeat_id: 'x' }) })).toThrow(
      expect.objectContaining({ code: 'INVALID_POST', param: 'post' }),
    )
  })
})
