/**
 * The route table types and constructors: each route names its auth level and
 * gets the verified auth context of that level.
 * @module
 */
import type { L1Auth, L2Auth } from '../auth.js'
import type { Ctx, Reply } from '../http.js'

export type Handler<A> = (ctx: Ctx, auth: A) => Reply | Promise<Reply>

export type Route =
  | { readonly method: string; readonly auth: 'none' | 'admin'; readonly handler: Handler<undefined> }
  | { readonly method: string; readonly auth: 'l1'; readonly handler: Handler<L1Auth> }
  | { readonly method: string; readonly auth: 'l2'; readonly handler: Handler<L2Auth> }

/** Path → routes by method. */
export type RouteTable = Record<string, Route[]>

export const pub = (method: string, handler: Handler<undefined>): Route => ({ method, auth: 'none', handler })
export const l1 = (method: string, handler: Handler<L1Auth>): Route => ({ method, auth: 'l1', handler })
export const l2 = (method: string, handler: Handler<L2Auth>): Route => ({ method, auth: 'l2', handler })
export const admin = (method: string, handler: Handler<undefined>): Route => ({
  method,
  auth: 'admin',
  handler,
})
