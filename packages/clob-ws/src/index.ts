/**
 * `@clobkit/clob-ws`: live market and user streams (PROTOCOL-WS.md).
 * @module
 */
export {}
