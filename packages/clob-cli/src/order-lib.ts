/**
 * The order layer, loaded on demand. Commands `import()` this module rather than
 * `@clobkit/eip712-order` itself so the bundler keeps the error classes (needed
 * at startup) apart from the signing code (needed only when signing).
 * @module
 */
export { Order, TypedData } from '@clobkit/eip712-order'
