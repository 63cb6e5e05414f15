/**
 * Private signing material behind `ApiCredentials` (PROTOCOL.md §4.2): the
 * decoded HMAC key is bound once per credentials object and kept out of reach
 * of printing, serialization and enumeration.
 * @module
 */
import { InvalidParameterError } from '@clobkit/eip712-order/errors'
import { keyed } from '#hmac'
import { decodeSecret } from './secret.js'

/** API credentials (PROTOCOL.md §4.2). `secret` and `passphrase` are readable but never printed. */
export interface ApiCredentials {
  /** The API key (a UUID); sent as `POLY_API_KEY` and used as the order `owner`. */
  readonly key: string
  /** The base64url HMAC secret. Readable, but masked in JSON, inspect and string output. */
  readonly secret: string
  /** The passphrase sent as `POLY_PASSPHRASE`. Readable, but masked in JSON, inspect and string output. */
  readonly passphrase: string
}

/** Plain credentials as a user holds them. */
export interface CredentialsInput {
  readonly key: string
  readonly secret: string
  readonly passphrase: string
}

/** What the header builders and verifiers need. */
export interface Material {
  readonly key: string
  readonly secret: string
  readonly passphrase: string
  /** HMAC over the message `head + tail` (the body goes in `tail`, unjoined). */
  readonly sign: (head: string, tail?: string) => string
}

const MASK = '***'
const HEADER_SAFE = /^[\x20-\x7e]+$/

const store = new WeakMap<object, Material>()
const plainCache = new WeakMap<object, Material>()
let proto: object | undefined

function masked(self: object): string {
  const key = store.get(self)?.key ?? ''
  return `ApiCredentials { key: ${JSON.stringify(key)}, secret: '${MASK}', passphrase: '${MASK}' }`
}

function credentialsProto(): object {
  if (proto !== undefined) return proto
  proto = Object.freeze({
    get secret(): string {
      return store.get(this)?.secret ?? ''
    },
    get passphrase(): string {
      return store.get(this)?.passphrase ?? ''
    },
    toJSON(this: object) {
      return { key: store.get(this)?.key ?? '', secret: MASK, passphrase: MASK }
    },
    toString(this: object) {
      return masked(this)
    },
    [Symbol.toPrimitive](this: object) {
      return masked(this)
    },
    [Symbol.for('nodejs.util.inspect.custom')](this: object) {
      return masked(this)
    },
    [Symbol.toStringTag]: 'ApiCredentials',
  })
  return proto
}

function invalid(param: string, message: string, cause?: unknown): InvalidParameterError {
  const error = new InvalidParameterError('INVALID_CREDENTIALS', param, message)
  if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause, configurable: true })
  return error
}

function headerValue(value: unknown, param: string): string {
  if (typeof value !== 'string') throw invalid(param, 'expected a string')
  if (!HEADER_SAFE.test(value)) throw invalid(param, 'expected a non-empty string of printable ASCII')
  return value
}

/** Validates and binds credentials; `names` are the field names reported in errors. */
export function build(
  key: unknown,
  secret: unknown,
  passphrase: unknown,
  names: { key: string; secret: string; passphrase: string },
): Material {
  const k = headerValue(key, names.key)
  if (typeof secret !== 'string') throw invalid(names.secret, 'expected a string')
  let bytes: Uint8Array
  try {
    bytes = decodeSecret(secret, names.secret)
  } catch (e) {
    throw invalid(names.secret, 'expected a non-empty base64 or base64url secret', e)
  }
  const p = headerValue(passphrase, names.passphrase)
  return Object.freeze({ key: k, secret, passphrase: p, sign: keyed(bytes) })
}

/** Creates the masked `ApiCredentials` object around validated material. */
export function wrap(material: Material): ApiCredentials {
  const creds = Object.create(credentialsProto()) as { key: string }
  Object.defineProperty(creds, 'key', { value: material.key, enumerable: true })
  Object.freeze(creds)
  store.set(creds, material)
  return creds as unknown as ApiCredentials
}

/** True for objects made by `Credentials.from` / `fromApiResponse`. */
export function isWrapped(value: unknown): value is ApiCredentials {
  return typeof value === 'object' && value !== null && store.has(value)
}

/**
 * The material of an `ApiCredentials`, or of a plain `{key, secret, passphrase}`
 * (bound once and re-bound only if its fields change).
 */
export function materialOf(value: unknown, param = 'credentials'): Material {
  if (typeof value !== 'object' || value === null) {
    throw invalid(param, 'expected ApiCredentials or {key, secret, passphrase}')
  }
  const own = store.get(value)
  if (own !== undefined) return own
  const input = value as Partial<CredentialsInput>
  const cached = plainCache.get(value)
  if (
    cached !== undefined &&
    cached.key === input.key &&
    cached.secret === input.secret &&
    cached.passphrase === input.passphrase
  ) {
    return cached
  }
  const material = build(input.key, input.secret, input.passphrase, {
    key: `${param}.key`,
    secret: `${param}.secret`,
    passphrase: `${param}.passphrase`,
  })
  plainCache.set(value, material)
  return material
}
