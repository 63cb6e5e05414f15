/**
 * The platform's default transport: the keep-alive `node:net`/`node:tls` client on
 * Node, `fetch` elsewhere (chosen by the `#transport` import condition). Re-declared
 * here so the published types never name the internal `#transport` specifier.
 * @module
 */
import { createDefaultTransport as platformTransport } from '#transport'
import type { DefaultTransportOptions, Transport } from './transport.js'

/** A transport for this platform; see {@link DefaultTransportOptions}. */
export const createDefaultTransport: (options?: DefaultTransportOptions) => Transport = platformTransport
