import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { systemClock } from '@clobkit/heartbeat'
import { describe, expect, it } from 'vitest'

describe('systemClock', () => {
  it('is monotonic and runs timers', async () => {
    const a = systemClock.now()
    const fired = await new Promise<number>((resolve) => {
      systemClock.setTimeout(() => resolve(systemClock.now()), 5)
    })
    expect(fired - a).toBeGreaterThanOrEqual(4)
  })

  it('makes timers that do not keep the process alive, and can clear them', async () => {
    let fired = false
    const handle = systemClock.setTimeout(() => {
      fired = true
    }, 1)
    expect((handle as { hasRef(): boolean }).hasRef()).toBe(false)
    systemClock.clearTimeout(handle)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(fired).toBe(false)
  })

  it('lets a process with a forgotten keeper exit on its own', () => {
    const fixture = fileURLToPath(new URL('./fixtures/forgotten-keeper.ts', import.meta.url))
    const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url))
    const started = Date.now()
    const child = spawnSync(tsx, ['--conditions=@clobkit/source', fixture], {
      encoding: 'utf8',
      timeout: 15_000,
    })
    expect(child.error).toBeUndefined()
    expect(child.status).toBe(0)
    // the fixture saw its first beat, then nothing held the loop: it exited long before a second one
    expect(child.stdout.trim()).toBe('beat hb-1')
    expect(Date.now() - started).toBeLessThan(12_000)
  })
})
