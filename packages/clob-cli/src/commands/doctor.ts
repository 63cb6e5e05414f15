/**
 * `clob doctor`: checks what an operator gets wrong before money is at stake —
 * profile file and permissions, key and address, signature type / funder
 * consistency, server reachability, clock offset, exchange version, credentials
 * validity, closed-only status, and whether a heartbeat keeper is running — and
 * says how to fix each finding. Never sends a heartbeat (that would arm the
 * exchange's dead-man switch). Exits 1 when any check fails.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs'
import { checkSignatureSetup, publicClient, sameAddress } from '../client.js'
import { fileMode, profileExists, profilePath } from '../config.js'
import { type Context, describeKeySource } from '../context.js'
import { describeError } from '../output.js'
import { loose, text } from '../util.js'
import { afterStopWarning, type HeartbeatStatusFile, heartbeatStatusPath } from './heartbeat.js'

type Status = 'ok' | 'warn' | 'fail' | 'skip'

interface Check {
  readonly name: string
  readonly status: Status
  readonly detail: string
  readonly fix?: string
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM'
  }
}

export async function doctor(ctx: Context): Promise<number> {
  const checks: Check[] = []
  const add = (c: Check): void => {
    checks.push(c)
    ctx.out.progress(`checking ${c.name}…`)
  }
  const s = ctx.settings

  // Profile
  const path = profilePath(ctx.configDir, s.profileName)
  if (!profileExists(ctx.configDir, s.profileName)) {
    add({
      name: 'profile',
      status: 'warn',
      detail: `profile ${s.profileName} does not exist; using defaults (${s.host})`,
      fix: 'clob profile set --host … --chain …',
    })
  } else {
    const mode = fileMode(path)
    if (mode !== undefined && (mode & 0o077) !== 0 && process.platform !== 'win32') {
      add({
        name: 'profile',
        status: 'fail',
        detail: `${path} is readable by others (mode ${mode.toString(8)}) and may hold API credentials`,
        fix: `chmod 600 ${path}`,
      })
    } else add({ name: 'profile', status: 'ok', detail: `${s.profileName} (${path})` })
  }

  // Key and address
  const src = ctx.keySource()
  let address: string | undefined
  if (src === undefined) {
    add({
      name: 'key',
      status: 'warn',
      detail: 'no private key configured: only market data and L2 reads work',
      fix: 'clob wallet create (or wallet import, or CLOB_PRIVATE_KEY)',
    })
  } else {
    try {
      address = await ctx.address()
      const where = describeKeySource(src)
      if (src.kind === 'key-file' || src.kind === 'keystore') {
        const mode = fileMode(src.path)
        if (mode !== undefined && (mode & 0o077) !== 0 && process.platform !== 'win32') {
          add({
            name: 'key',
            status: 'fail',
            detail: `${where} is readable by others (mode ${mode.toString(8)})`,
            fix: `chmod 600 ${src.path}`,
          })
        } else add({ name: 'key', status: 'ok', detail: `${address} from ${where}` })
      } else if (src.kind === 'env') {
        add({
          name: 'key',
          status: 'warn',
          detail: `${address} from CLOB_PRIVATE_KEY (environment variables leak into child processes)`,
          fix: 'clob wallet import (reads CLOB_PRIVATE_KEY once into an encrypted keystore)',
        })
      } else
        add({
          name: 'key',
          status: 'warn',
          detail: `${address} from --private-key`,
          fix: 'use a keystore instead of argv',
        })
    } catch (e) {
      const d = describeError(e)
      add({
        name: 'key',
        status: d.code === 'PASSWORD_REQUIRED' ? 'skip' : 'fail',
        detail: `${d.code}: ${d.message}`,
        ...(d.hint ? { fix: d.hint } : {}),
      })
    }
  }

  // Signature type and funder
  if (address !== undefined) {
    try {
      checkSignatureSetup(ctx, address, s.exchangeVersion)
      add({
        name: 'signature type',
        status: 'ok',
        detail: `${s.signatureType}${s.funder ? `, funder ${s.funder}` : ''}`,
      })
    } catch (e) {
      const d = describeError(e)
      add({ name: 'signature type', status: 'fail', detail: d.message, ...(d.hint ? { fix: d.hint } : {}) })
    }
  } else {
    add({
      name: 'signature type',
      status: 'skip',
      detail: `${s.signatureType}${s.funder ? `, funder ${s.funder}` : ''} (no key address to compare)`,
    })
  }

  // Server, clock, version
  const client = publicClient(ctx)
  let reachable = false
  try {
    const t0 = Date.now()
    await client.server.health()
    reachable = true
    add({ name: 'server', status: 'ok', detail: `${s.host} answered in ${Date.now() - t0} ms` })
  } catch (e) {
    const d = describeError(e)
    add({
      name: 'server',
      status: 'fail',
      detail: `${s.host}: ${d.message}`,
      fix: 'check --host / `clob profile set --host`, and your network',
    })
  }
  if (reachable) {
    try {
      const before = Date.now()
      const server = await client.server.time()
      const after = Date.now()
      const offset = server * 1000 - (before + after) / 2
      const abs = Math.abs(offset)
      const detail = `local clock ${offset >= 0 ? 'behind' : 'ahead'} by ${(abs / 1000).toFixed(1)} s (server reports whole seconds)`
      add(
        abs > 30_000
          ? {
              name: 'clock',
              status: 'fail',
              detail,
              fix: 'sync the clock (e.g. timedatectl set-ntp true); auth headers are rejected with a large skew',
            }
          : abs > 5_000
            ? { name: 'clock', status: 'warn', detail, fix: 'sync the clock with NTP' }
            : { name: 'clock', status: 'ok', detail },
      )
    } catch (e) {
      add({ name: 'clock', status: 'warn', detail: describeError(e).message })
    }
    try {
      const v = await client.server.version()
      if (s.exchangeVersion !== undefined && s.exchangeVersion !== v) {
        add({
          name: 'exchange version',
          status: 'warn',
          detail: `profile pins v${s.exchangeVersion} but the server runs v${v}`,
          fix: 'clob profile set --unset exchangeVersion',
        })
      } else add({ name: 'exchange version', status: 'ok', detail: `v${v}` })
    } catch (e) {
      add({ name: 'exchange version', status: 'warn', detail: describeError(e).message })
    }
  } else {
    add({ name: 'clock', status: 'skip', detail: 'server unreachable' })
  }

  // Credentials
  const creds = ctx.profile.credentials
  if (creds === undefined) {
    add({
      name: 'credentials',
      status: 'warn',
      detail: 'no API credentials stored: orders, cancels and account commands will fail',
      fix: 'clob keys create-or-derive',
    })
  } else if (address !== undefined && !sameAddress(creds.address, address)) {
    add({
      name: 'credentials',
      status: 'fail',
      detail: `stored for ${creds.address}, but the key is ${address}`,
      fix: 'clob keys create-or-derive',
    })
  } else if (!reachable) {
    add({ name: 'credentials', status: 'skip', detail: `API key ${creds.key} (server unreachable)` })
  } else {
    try {
      const { authClient } = await import('../client.js')
      const closed = await authClient(ctx).account.closedOnly()
      add({ name: 'credentials', status: 'ok', detail: `API key ${creds.key} accepted` })
      if (closed)
        add({
          name: 'closed-only',
          status: 'warn',
          detail: 'the account is in closed-only mode: it may only reduce positions',
        })
    } catch (e) {
      const d = describeError(e)
      add({
        name: 'credentials',
        status: 'fail',
        detail: `API key ${creds.key}: ${d.message}`,
        fix:
          d.code === 'AUTHENTICATION_FAILED'
            ? 'clob keys derive (or create-or-derive)'
            : (d.hint ?? 'see the message'),
      })
    }
  }

  // Heartbeat keeper
  const hbPath = heartbeatStatusPath(ctx.configDir, s.profileName)
  if (!existsSync(hbPath)) {
    add({
      name: 'heartbeat',
      status: 'ok',
      detail: 'no keeper running for this profile (needed only once heartbeats were started)',
    })
  } else {
    try {
      const st = JSON.parse(readFileSync(hbPath, 'utf8')) as HeartbeatStatusFile
      const age = st.lastBeatAt === null ? null : Date.now() - st.lastBeatAt
      if (st.stoppedAt !== undefined) {
        add({
          name: 'heartbeat',
          status: 'warn',
          detail: `the keeper stopped at ${new Date(st.stoppedAt).toISOString()}; ${afterStopWarning(st.apiKey, st.lastBeatAt)}`,
          fix: 'clob heartbeat run (keep it running while orders rest); check `clob orders`',
        })
      } else if (!pidAlive(st.pid)) {
        add({
          name: 'heartbeat',
          status: 'warn',
          detail: `a keeper (pid ${st.pid}) stopped without cleaning up; ${afterStopWarning(st.apiKey, st.lastBeatAt)}`,
          fix: 'clob heartbeat run (keep it running while orders rest); check `clob orders`',
        })
      } else if (age === null || age > 10_000) {
        add({
          name: 'heartbeat',
          status: 'fail',
          detail: `keeper pid ${st.pid} running but last beat ${age === null ? 'never' : `${Math.round(age / 1000)} s ago`}`,
          fix: 'check its output; orders may be cancelled',
        })
      } else {
        add({
          name: 'heartbeat',
          status: 'ok',
          detail: `keeper pid ${st.pid}: ${st.beats} beats, last ${Math.round(age / 1000)} s ago, ${st.lapses} lapse(s)`,
        })
      }
    } catch (e) {
      add({
        name: 'heartbeat',
        status: 'warn',
        detail: `unreadable status file ${hbPath}: ${text(loose(e).message)}`,
      })
    }
  }
  ctx.out.endProgress()

  const ok = !checks.some((c) => c.status === 'fail')
  if (ctx.out.json) ctx.out.data({ ok, checks })
  else {
    const style = (st: Status) =>
      st === 'ok' ? 'green' : st === 'warn' ? 'yellow' : st === 'fail' ? 'red' : 'dim'
    ctx.out.table(checks, [
      { header: 'STATUS', value: (c) => c.status.toUpperCase(), style: (c) => style(c.status) },
      { header: 'CHECK', value: (c) => c.name },
      { header: 'DETAIL', value: (c) => c.detail },
    ])
    const fixes = checks.filter((c) => c.fix !== undefined && c.status !== 'ok')
    if (fixes.length > 0) {
      ctx.out.line()
      ctx.out.line('To fix:')
      for (const c of fixes) ctx.out.line(`  ${c.name}: ${c.fix}`)
    }
  }
  return ok ? 0 : 1
}
