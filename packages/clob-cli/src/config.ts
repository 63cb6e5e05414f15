/**
 * Config directory and named profiles. One JSON file per profile under
 * `<config>/profiles/<name>.json`, written atomically with mode 0600 inside a 0700
 * directory, because a profile caches API credentials.
 * @module
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { CliError, UsageError } from './errors.js'

export const DEFAULT_HOST = 'https://clob.polymarket.com'
export const DEFAULT_CHAIN = 137
export const DEFAULT_PROFILE = 'default'

export type SignatureTypeName = 'eoa' | 'proxy' | 'safe' | '1271'
export const SIGNATURE_TYPE_NAMES: readonly SignatureTypeName[] = ['eoa', 'proxy', 'safe', '1271']

/** API credentials cached in a profile, tied to the address that derived them. */
export interface StoredCredentials {
  readonly key: string
  readonly secret: string
  readonly passphrase: string
  readonly address: string
  readonly nonce?: number
  readonly createdAt?: string
}

export interface StoredBuilderCredentials {
  readonly key: string
  readonly secret: string
  readonly passphrase: string
}

export interface Profile {
  host?: string
  chain?: number
  signatureType?: SignatureTypeName
  funder?: string
  /** Keystore name (under `<config>/keystores/`) or path. */
  keystore?: string
  /** Path of a file holding a hex private key. */
  keyFile?: string
  /** Path of a file holding the keystore password. */
  passwordFile?: string
  /** EOA address of the configured key, cached so L2-only commands need no decryption. */
  address?: string
  builderCode?: string
  exchangeVersion?: 1 | 2 | 3
  credentials?: StoredCredentials
  builderCredentials?: StoredBuilderCredentials
  readonlyKeys?: string[]
}

/** Keys a user may set with `clob profile set`. */
export const PROFILE_SETTABLE = [
  'host',
  'chain',
  'signatureType',
  'funder',
  'keystore',
  'keyFile',
  'passwordFile',
  'builderCode',
  'exchangeVersion',
] as const

type Env = Readonly<Record<string, string | undefined>>

/** Platform convention: XDG on Linux, Application Support on macOS, %APPDATA% on Windows. */
export function configDir(env: Env, platform: NodeJS.Platform = process.platform): string {
  const override = env.CLOB_CONFIG_DIR
  if (override !== undefined && override !== '') return override
  const home = env.HOME !== undefined && env.HOME !== '' ? env.HOME : homedir()
  if (platform === 'win32') {
    const appData = env.APPDATA ?? join(home, 'AppData', 'Roaming')
    return join(appData, 'clob')
  }
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'clob')
  const xdg = env.XDG_CONFIG_HOME
  // XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const base = xdg?.startsWith('/') ? xdg : join(home, '.config')
  return join(base, 'clob')
}

export function profilesDir(dir: string): string {
  return join(dir, 'profiles')
}

export function keystoresDir(dir: string): string {
  return join(dir, 'keystores')
}

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

export function assertName(name: string, param: string): string {
  if (!NAME_RE.test(name) || name.includes('..')) {
    throw new UsageError(
      'INVALID_NAME',
      param,
      `invalid name ${JSON.stringify(name)}`,
      'names use letters, digits, ".", "_" and "-" (max 64)',
    )
  }
  return name
}

export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  try {
    chmodSync(dir, 0o700)
  } catch {
    // Best effort on filesystems without POSIX modes.
  }
}

/** Writes a file atomically with mode 0600 (temp file + rename in the same directory). */
export function writePrivateFile(path: string, contents: string): void {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`
  writeFileSync(tmp, contents, { mode: 0o600 })
  try {
    chmodSync(tmp, 0o600)
    renameSync(tmp, path)
  } catch (e) {
    try {
      unlinkSync(tmp)
    } catch {}
    throw e
  }
}

export function profilePath(dir: string, name: string): string {
  return join(profilesDir(dir), `${assertName(name, 'profile')}.json`)
}

export function profileExists(dir: string, name: string): boolean {
  return existsSync(profilePath(dir, name))
}

export function readProfile(dir: string, name: string): Profile {
  const path = profilePath(dir, name)
  if (!existsSync(path)) return {}
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    throw new CliError('PROFILE_UNREADABLE', `cannot read profile ${name}`, { cause: e })
  }
  try {
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object')
    return parsed as Profile
  } catch (e) {
    throw new CliError('PROFILE_CORRUPT', `profile ${name} is not valid JSON (${path})`, {
      cause: e,
      hint: `fix or delete ${path}`,
    })
  }
}

export function writeProfile(dir: string, name: string, profile: Profile): void {
  ensurePrivateDir(dir)
  ensurePrivateDir(profilesDir(dir))
  writePrivateFile(profilePath(dir, name), `${JSON.stringify(profile, null, 2)}\n`)
}

export function deleteProfile(dir: string, name: string): boolean {
  const path = profilePath(dir, name)
  if (!existsSync(path)) return false
  unlinkSync(path)
  return true
}

export function listProfiles(dir: string): string[] {
  const pdir = profilesDir(dir)
  if (!existsSync(pdir)) return []
  return readdirSync(pdir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .filter((n) => NAME_RE.test(n))
    .sort()
}

/** Mode bits of a file (undefined when absent). */
export function fileMode(path: string): number | undefined {
  try {
    return statSync(path).mode & 0o777
  } catch {
    return undefined
  }
}
