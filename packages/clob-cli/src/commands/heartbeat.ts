/**
 * `clob heartbeat run`: keeps the key's resting orders alive with
 * `@clobkit/heartbeat` until Ctrl-C / SIGTERM / --duration. A status line on a
 * TTY, one line per event otherwise, NDJSON with --json. A status file in the
 * config directory lets `clob doctor` see that a keeper is running. Exits 1 if
 * the heartbeat ever lapsed (orders must then be presumed cancelled).
 * @module
 */
import { mkdirSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import { parseDuration, str } from '../args.js'
import { authClient } from '../client.js'
import { writePrivateFile } from '../config.js'
import type { Context } from '../context.js'
import { UsageError } from '../errors.js'
import { untilStopped } from '../interrupt.js'

export function heartbeatStatusPath(configDir: string, profile: string): string {
  return join(configDir, 'run', `heartbeat-${profile}.json`)
}

export interface HeartbeatStatusFile {
  readonly pid: number
  readonly host: string
  readonly apiKey: string
  readonly startedAt: number
  readonly updatedAt: number
  readonly lastBeatAt: number | null
  readonly beats: number
  readonly lapses: number
  readonly intervalMs: number
  /** Set when the keeper stopped cleanly: the exchange still expects beats for `apiKey`. */
  readonly stoppedAt?: number
}

/**
 * What stopping means on the exchange: once heartbeats started for an API key, the
 * exchange keeps expecting them, so every open order — and every order placed
 * later — is cancelled 10–15 s after the last beat, until beats resume.
 */
export function afterStopWarning(apiKey: string, lastBeatAt: number | null): string {
  const when = lastBeatAt === null ? '' : ` (last beat ${new Date(lastBeatAt).toISOString()})`
  return (
    `the exchange still expects heartbeats for API key ${apiKey}${when}: every open order, and every order placed later, ` +
    'is cancelled 10-15 s after the last beat. Run `clob heartbeat run` again (and keep it running) before resting orders.'
  )
}

export async function heartbeatRun(ctx: Context): Promise<number> {
  const intervalFlag = str(ctx.values, 'interval')
  const intervalMs = intervalFlag === undefined ? 5000 : parseDuration(intervalFlag, '--interval') * 1000
  if (intervalMs >= 10_000) {
    throw new UsageError(
      'INVALID_INTERVAL',
      '--interval',
      'the interval must be below 10 s (the exchange cancels after 10 s without a beat)',
    )
  }
  const durationFlag = str(ctx.values, 'duration')
  const durationMs = durationFlag === undefined ? undefined : parseDuration(durationFlag, '--duration') * 1000
  const creds = ctx.credentials()
  const client = authClient(ctx)
  const { startHeartbeat } = await import('@clobkit/heartbeat')

  // Ctrl-C, SIGTERM or --duration stop the keeper; the process is held open until then.
  const run = untilStopped(durationMs)
  const statusPath = heartbeatStatusPath(ctx.configDir, ctx.settings.profileName)
  mkdirSync(join(ctx.configDir, 'run'), { recursive: true, mode: 0o700 })
  const startedAt = Date.now()
  let lastBeatAt: number | null = null
  let beats = 0
  let lapses = 0
  const writeStatus = (stoppedAt?: number): void => {
    const s: HeartbeatStatusFile = {
      pid: process.pid,
      host: ctx.settings.host,
      apiKey: creds.key,
      startedAt,
      updatedAt: Date.now(),
      lastBeatAt,
      beats,
      lapses,
      intervalMs,
      ...(stoppedAt === undefined ? {} : { stoppedAt }),
    }
    try {
      writePrivateFile(statusPath, `${JSON.stringify(s)}\n`)
    } catch {
      // The status file is advisory; never let it stop the keeper.
    }
  }
  writeStatus()

  const out = ctx.out
  const tty = out.stderrTty && !out.json
  const statusLine = (): void => {
    if (!tty) return
    const st = keeper.state()
    const left = (st.timeLeftMs / 1000).toFixed(1)
    const last = st.lastLatencyMs === null ? '-' : `${Math.round(st.lastLatencyMs)} ms`
    out.progress(
      `${out.paint('♥', st.lapsed ? 'red' : 'green')} heartbeat ${creds.key.slice(0, 8)}… beats ${st.beats} · last ${last} · time left ${left} s${st.consecutiveFailures > 0 ? ` · ${st.consecutiveFailures} failing` : ''}  (Ctrl-C to stop)`,
    )
  }

  const keeper = startHeartbeat({
    post: (id, signal) => client.heartbeats.post(id, { signal }),
    intervalMs,
    signal: run.signal,
    onEvent(event) {
      if (event.type === 'beat') {
        beats++
        lastBeatAt = Date.now()
        writeStatus()
      }
      if (event.type === 'lapsed') {
        lapses++
        writeStatus()
      }
      if (out.json) {
        out.line(JSON.stringify({ ...event, time: new Date().toISOString() }))
        return
      }
      switch (event.type) {
        case 'beat':
          if (tty) statusLine()
          else out.line(`beat ${beats} ok (${Math.round(event.latencyMs)} ms)`)
          break
        case 'recovered':
          out.note(`recovered after ${event.failures} failure(s)`)
          break
        case 'error':
          out.warn(
            `heartbeat failed (${event.error.code ?? 'error'}): ${event.error.message}; retry in ${Math.round(event.retryInMs)} ms, ${Math.round(event.timeLeftMs)} ms left`,
          )
          break
        case 'at-risk':
          out.warn(`AT RISK: ${Math.round(event.timeLeftMs)} ms before the exchange cancels every open order`)
          break
        case 'lapsed':
          out.error({
            code: 'HEARTBEAT_LAPSED',
            message: 'no heartbeat was accepted within the deadline: presume every open order cancelled',
            hint: 'check `clob orders`',
          })
          break
        case 'stall':
          out.warn(`event loop stalled for ${Math.round(event.delayMs)} ms`)
          break
        case 'stopped':
          break
      }
    },
  })
  const ticker = tty ? setInterval(statusLine, 250) : undefined
  if (!out.json && !tty) out.note(`heartbeat started every ${intervalMs} ms for ${creds.key}`)
  const final = await keeper.closed
  if (ticker) clearInterval(ticker)
  run.dispose()
  out.endProgress()
  if (beats > 0) {
    // Keep a record for `doctor`: the exchange goes on expecting beats for this key.
    writeStatus(Date.now())
  } else {
    try {
      unlinkSync(statusPath)
    } catch {}
  }
  const warning = beats > 0 ? afterStopWarning(creds.key, lastBeatAt) : undefined
  if (out.json) {
    out.line(
      JSON.stringify({
        type: 'exchange-expects-heartbeats',
        armed: beats > 0,
        apiKey: creds.key,
        lastBeatAt: lastBeatAt === null ? null : new Date(lastBeatAt).toISOString(),
        time: new Date().toISOString(),
      }),
    )
  } else {
    out.line(`heartbeat stopped: ${final.beats} beat(s), ${final.lapses} lapse(s)`)
    if (warning !== undefined) out.warn(warning)
  }
  return final.lapses > 0 ? 1 : 0
}
