/**
 * Loads a command's handler on demand (`import()`), so `clob --help` and the
 * completions never load signing or HTTP code.
 * @module
 */
import type { HandlerModule, HandlerRef } from './command.js'
import type { Context } from './context.js'

export type Handler = (ctx: Context) => Promise<number | undefined>

type Module = Promise<Record<string, unknown>>

const MODULES: Record<HandlerModule, () => Module> = {
  market: () => import('./commands/market.js'),
  keys: () => import('./commands/keys.js'),
  'order-sign': () => import('./commands/order/sign.js'),
  'order-post': () => import('./commands/order/post.js'),
  'order-batch': () => import('./commands/order/batch.js'),
  'order-get': () => import('./commands/order/get.js'),
  cancel: () => import('./commands/cancel.js'),
  account: () => import('./commands/account.js'),
  wallet: () => import('./commands/wallet.js'),
  profile: () => import('./commands/profile.js'),
  misc: () => import('./commands/misc.js'),
  doctor: () => import('./commands/doctor.js'),
  heartbeat: () => import('./commands/heartbeat.js'),
  sim: () => import('./commands/sim.js'),
  watch: () => import('./commands/watch.js'),
}

export async function loadHandler(ref: HandlerRef): Promise<Handler> {
  const m = await MODULES[ref.module]()
  const h = m[ref.name]
  if (typeof h !== 'function') throw new Error(`missing handler ${ref.module}.${ref.name}`)
  return h as Handler
}
