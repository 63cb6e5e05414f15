/**
 * Ctrl-C and SIGTERM while a command posts or cancels. The first signal aborts the
 * request in flight (the library then says whether it had been sent); the command
 * reports what is known — nothing sent, or sent with the outcome unknown and the
 * order hash to look up — and exits 128 + the signal number. A second signal
 * exits at once.
 * @module
 */
import { CliError } from './errors.js'
import type { Output } from './output.js'

const SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const
export type SignalName = keyof typeof SIGNALS

export interface Guard {
  readonly signal: AbortSignal
  /** The signal received, if any. */
  received(): SignalName | undefined
  dispose(): void
}

export function guardSignals(out: Output): Guard {
  const controller = new AbortController()
  let got: SignalName | undefined
  const on = (name: SignalName) => (): void => {
    if (got !== undefined) {
      out.endProgress()
      process.stderr.write(`clob: ${name} again, exiting now; the outcome is not known\n`)
      process.exit(128 + SIGNALS[name])
    }
    got = name
    controller.abort(new Error(`interrupted by ${name}`))
  }
  const handlers = { SIGINT: on('SIGINT'), SIGTERM: on('SIGTERM') }
  process.on('SIGINT', handlers.SIGINT)
  process.on('SIGTERM', handlers.SIGTERM)
  return {
    signal: controller.signal,
    received: () => got,
    dispose() {
      process.removeListener('SIGINT', handlers.SIGINT)
      process.removeListener('SIGTERM', handlers.SIGTERM)
    },
  }
}

/** Was the request certainly not sent? (The library marks aborts before sending.) */
function notSent(e: unknown): boolean {
  const err = e as { name?: unknown; requestSent?: unknown }
  return err?.name === 'AbortedError' && err.requestSent === false
}

function hashesOf(e: unknown): string[] {
  const h = (e as { orderHashes?: unknown })?.orderHashes
  return Array.isArray(h) ? h.map(String) : []
}

/**
 * The error a command exits with after a signal. `what` names the operation
 * ("the order", "the cancel"); `hashes` are the order hashes computed locally.
 */
export function interrupted(
  name: SignalName,
  cause: unknown,
  what: 'order' | 'orders' | 'cancel',
  hashes: readonly string[] = [],
  phase: 'before' | 'during' = 'during',
): CliError {
  const exitCode = 128 + SIGNALS[name]
  if (phase === 'before' || notSent(cause)) {
    return new CliError(
      'INTERRUPTED',
      `interrupted by ${name} before ${what === 'cancel' ? 'the cancel request' : `the ${what}`} was sent: nothing was ${what === 'cancel' ? 'cancelled' : 'posted'}`,
      { cause, exitCode, hint: 'nothing changed on the exchange; run the command again when ready' },
    )
  }
  if (what === 'cancel') {
    return new CliError(
      'CANCEL_OUTCOME_UNKNOWN',
      `interrupted by ${name} after the cancel request was sent: its outcome is unknown`,
      { cause, exitCode, hint: 'see what is still open with `clob orders`' },
    )
  }
  const all = [...new Set([...hashesOf(cause), ...hashes])]
  const first = all[0] ?? '<order hash>'
  return new CliError(
    'ORDER_OUTCOME_UNKNOWN',
    `interrupted by ${name} after the ${what} ${what === 'order' ? 'was' : 'were'} sent: the outcome is unknown${all.length > 0 ? ` for ${all.join(', ')}` : ''}`,
    {
      cause,
      exitCode,
      hint: `the order may be live: check with \`clob order get ${first}\` (or \`clob orders\`) before re-posting`,
    },
  )
}

export interface Run {
  readonly signal: AbortSignal
  /** Resolves with `SIGINT`, `SIGTERM`, `duration` or the reason given to `finish`. */
  readonly done: Promise<string>
  finish(reason: string): void
  dispose(): void
}

/**
 * For commands that run until stopped (`watch`, `heartbeat run`): SIGINT, SIGTERM or
 * `durationMs` abort `signal` and resolve `done` with the reason; the process is held
 * open meanwhile (library timers are unref'd). Call `dispose()` when finished.
 */
export function untilStopped(durationMs: number | undefined): Run {
  const controller = new AbortController()
  let finish: (reason: string) => void = () => {}
  const done = new Promise<string>((resolve) => {
    finish = (reason) => {
      if (!controller.signal.aborted) controller.abort(new Error(reason))
      resolve(reason)
    }
  })
  const onInt = (): void => finish('SIGINT')
  const onTerm = (): void => finish('SIGTERM')
  process.once('SIGINT', onInt)
  process.once('SIGTERM', onTerm)
  const timer = durationMs === undefined ? undefined : setTimeout(() => finish('duration'), durationMs)
  const hold = setInterval(() => {}, 1 << 30)
  return {
    signal: controller.signal,
    done,
    finish: (reason) => finish(reason),
    dispose() {
      process.removeListener('SIGINT', onInt)
      process.removeListener('SIGTERM', onTerm)
      if (timer !== undefined) clearTimeout(timer)
      clearInterval(hold)
    },
  }
}
