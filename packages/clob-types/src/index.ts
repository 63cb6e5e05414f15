/**
 * `@clobkit/clob-types`: zod/mini schemas and inferred types for every Polymarket
 * CLOB wire shape (PROTOCOL.md §4.4, §5, §6, §7), plus `parse` and `bookHash`.
 * Each group is also importable alone, e.g. `@clobkit/clob-types/book`.
 * @module
 */
export * from './account.js'
export * from './book.js'
export * from './common.js'
export * from './constants.js'
export * from './errors.js'
export * from './keys.js'
export * from './markets.js'
export * from './orders.js'
export * from './parse.js'
export * from './rewards.js'
export * from './rfq.js'
export * from './server.js'
export * from './trades.js'
export * from './ws.js'
