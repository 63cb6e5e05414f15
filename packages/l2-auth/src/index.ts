/**
 * @clobkit/l2-auth — Polymarket CLOB authentication (PROTOCOL.md §4): L1
 * EIP-712 `ClobAuth` headers, L2 HMAC headers, builder headers, server-side
 * verification, masked API credentials and a server-clock offset.
 * @module
 */
export * as ClobAuth from './clob-auth.js'
export type { ApiCredentials, CredentialsInput } from './credentials.js'
export * as Credentials from './credentials.js'
export type { BuilderHeaders, L1Headers, L2Headers } from './headers.js'
export * as Headers from './headers.js'
export * as Hmac from './hmac.js'
export * as ServerClock from './server-clock.js'
export * as Verify from './verify.js'
