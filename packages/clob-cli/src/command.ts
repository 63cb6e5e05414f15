/**
 * The shape of the command table (plain data). A command names its handler by
 * module and export (`HandlerRef`) instead of holding a loader, so the table, the
 * help and the completions import no command module and no command module
 * imports the table back: the CLI's import graph has no cycle.
 * @module
 */
import type { OptionSpecs } from './args.js'

/** The lazily loaded command modules (`src/commands/<name>.ts`, `src/commands/order/<name>.ts`). */
export type HandlerModule =
  | 'market'
  | 'keys'
  | 'order-sign'
  | 'order-post'
  | 'order-batch'
  | 'order-get'
  | 'cancel'
  | 'account'
  | 'wallet'
  | 'profile'
  | 'misc'
  | 'doctor'
  | 'heartbeat'
  | 'sim'
  | 'watch'

/** Which export of which command module runs a command. */
export interface HandlerRef {
  readonly module: HandlerModule
  readonly name: string
}

export interface CommandSpec {
  /** Words after `clob`, e.g. `['order', 'limit']`. */
  readonly path: readonly string[]
  readonly summary: string
  /** Positional part of the usage line, e.g. `<token-id>...`. */
  readonly args?: string
  readonly positionals?: number
  readonly options?: OptionSpecs
  readonly examples?: readonly string[]
  /** Extra help text (JSON shape etc.). */
  readonly details?: string
  readonly handler: HandlerRef
}

export interface GroupSpec {
  readonly path: readonly string[]
  readonly summary: string
}
