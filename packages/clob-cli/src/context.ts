/**
 * What a command handler gets: parsed flags, the resolved settings (flag > env >
 * profile > default), the profile (mutable, saved on request), and lazy access to
 * the private key, the signer, the credentials and the HTTP client. Nothing here
 * decrypts or connects until a handler asks for it.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import {
  bool,
  type ParsedValues,
  parseAddress,
  parseBytes32,
  parseChain,
  parseHost,
  parseSignatureType,
  parseVersion,
  str,
} from './args.js'
import type { CommandSpec } from './command.js'
import {
  assertName,
  configDir,
  DEFAULT_CHAIN,
  DEFAULT_HOST,
  DEFAULT_PROFILE,
  fileMode,
  keystoresDir,
  listProfiles,
  type Profile,
  profileExists,
  readProfile,
  type SignatureTypeName,
  type StoredCredentials,
  writeProfile,
} from './config.js'
import { CliError, UsageError } from './errors.js'
import type { Io, Output } from './output.js'
import { confirm as askConfirm, isInteractive, readLine } from './prompt.js'

export type Source = 'flag' | 'env' | 'profile' | 'default'

export interface Settings {
  readonly profileName: string
  readonly host: string
  readonly hostSource: Source
  readonly chain: 137 | 80002
  readonly signatureType: SignatureTypeName
  readonly funder: `0x${string}` | undefined
  readonly exchangeVersion: 1 | 2 | 3 | undefined
  readonly builderCode: `0x${string}` | undefined
}

export type KeySource =
  | { readonly kind: 'keystore'; readonly path: string; readonly origin: Source }
  | { readonly kind: 'key-file'; readonly path: string; readonly origin: Source }
  | { readonly kind: 'env' }
  | { readonly kind: 'argv' }

/** Where the private key comes from, as `wallet address` and `doctor` name it (never the key). */
export function describeKeySource(src: KeySource): string {
  switch (src.kind) {
    case 'keystore':
      return `keystore ${src.path}`
    case 'key-file':
      return `key file ${src.path}`
    case 'env':
      return 'CLOB_PRIVATE_KEY'
    case 'argv':
      return '--private-key'
  }
}

export interface Context {
  readonly io: Io
  readonly out: Output
  readonly command: CommandSpec
  readonly values: ParsedValues
  readonly positionals: readonly string[]
  readonly configDir: string
  readonly settings: Settings
  /** The loaded profile; mutate and call saveProfile(). */
  readonly profile: Profile
  saveProfile(): void
  nowMs(): number
  /** Where the private key would come from, without reading it. */
  keySource(): KeySource | undefined
  /** Reads (and decrypts) the private key; registered for redaction. */
  privateKey(): Promise<`0x${string}`>
  /** The EOA address; avoids decryption when the keystore or profile names it. */
  address(): Promise<`0x${string}`>
  /** Stored API credentials for this profile; throws MISSING_CREDENTIALS. */
  credentials(): StoredCredentials
  /** Asks on a TTY; without one, refuses with a usage error unless --yes. */
  confirm(question: string): Promise<boolean>
  /** Password from --password-file / profile / CLOB_KEYSTORE_PASSWORD / hidden prompt. */
  password(purpose: string, opts?: { twice?: boolean }): Promise<string>
}

function envValue(env: Io['env'], name: string): string | undefined {
  const v = env[name]
  return v === undefined || v === '' ? undefined : v
}

export function resolveSettings(
  values: ParsedValues,
  env: Io['env'],
  profileName: string,
  profile: Profile,
): Settings {
  const hostFlag = str(values, 'host')
  const hostEnv = envValue(env, 'CLOB_HOST')
  let host: string
  let hostSource: Source
  if (hostFlag !== undefined) {
    host = parseHost(hostFlag)
    hostSource = 'flag'
  } else if (hostEnv !== undefined) {
    host = parseHost(hostEnv, 'CLOB_HOST')
    hostSource = 'env'
  } else if (profile.host !== undefined) {
    host = parseHost(profile.host, 'profile.host')
    hostSource = 'profile'
  } else {
    host = DEFAULT_HOST
    hostSource = 'default'
  }
  const chainFlag = str(values, 'chain')
  const chainEnv = envValue(env, 'CLOB_CHAIN')
  const chain =
    chainFlag !== undefined
      ? parseChain(chainFlag)
      : chainEnv !== undefined
        ? parseChain(chainEnv, 'CLOB_CHAIN')
        : profile.chain !== undefined
          ? parseChain(String(profile.chain), 'profile.chain')
          : DEFAULT_CHAIN
  const sigFlag = str(values, 'signature-type')
  const sigEnv = envValue(env, 'CLOB_SIGNATURE_TYPE')
  const signatureType =
    sigFlag !== undefined
      ? parseSignatureType(sigFlag)
      : sigEnv !== undefined
        ? parseSignatureType(sigEnv, 'CLOB_SIGNATURE_TYPE')
        : profile.signatureType !== undefined
          ? parseSignatureType(profile.signatureType, 'profile.signatureType')
          : 'eoa'
  const funderFlag = str(values, 'funder') ?? envValue(env, 'CLOB_FUNDER') ?? profile.funder
  const funder = funderFlag === undefined ? undefined : parseAddress(funderFlag, '--funder')
  const versionFlag = str(values, 'exchange-version')
  const exchangeVersion =
    versionFlag !== undefined
      ? parseVersion(versionFlag)
      : profile.exchangeVersion !== undefined
        ? parseVersion(String(profile.exchangeVersion), 'profile.exchangeVersion')
        : undefined
  const builderFlag = str(values, 'builder-code') ?? profile.builderCode
  const builderCode = builderFlag === undefined ? undefined : parseBytes32(builderFlag, '--builder-code')
  return {
    profileName,
    host,
    hostSource,
    chain: chain as 137 | 80002,
    signatureType,
    funder,
    exchangeVersion,
    builderCode,
  }
}

export function resolveProfileName(values: ParsedValues, env: Io['env']): string {
  const name = str(values, 'profile') ?? envValue(env, 'CLOB_PROFILE') ?? DEFAULT_PROFILE
  return assertName(name, '--profile')
}

/** Keystore reference: a bare name lives in `<config>/keystores/<name>.json`; anything else is a path. */
export function keystorePath(dir: string, ref: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(ref) && !ref.endsWith('.json')) {
    const inDir = join(keystoresDir(dir), `${ref}.json`)
    if (existsSync(inDir) || !existsSync(ref)) return inDir
  }
  return isAbsolute(ref) ? ref : resolve(ref)
}

export interface ContextInit {
  readonly io: Io
  readonly out: Output
  readonly command: CommandSpec
  readonly values: ParsedValues
  readonly positionals: readonly string[]
}

export function createContext(init: ContextInit): Context {
  const { io, out, values } = init
  const dir = configDir(io.env)
  const profileName = resolveProfileName(values, io.env)
  const profile = readProfile(dir, profileName)
  for (const c of [profile.credentials, profile.builderCredentials]) {
    out.redactor.add(c?.secret)
    out.redactor.add(c?.passphrase)
  }
  const settings = resolveSettings(values, io.env, profileName, profile)
  const argvKey = str(values, 'private-key')
  if (argvKey !== undefined && !bool(values, 'unsafe-key-argv')) {
    out.redactor.add(argvKey)
    throw new UsageError(
      'KEY_ON_ARGV',
      '--private-key',
      'refusing a private key on the command line: it would be saved in shell history and visible in ps',
      'use a keystore (clob wallet import), --key-file, or CLOB_PRIVATE_KEY; or pass --unsafe-key-argv',
    )
  }
  out.redactor.add(argvKey)
  out.redactor.add(envValue(io.env, 'CLOB_PRIVATE_KEY'))
  out.redactor.add(envValue(io.env, 'CLOB_KEYSTORE_PASSWORD'))

  // A profile named explicitly (--profile / CLOB_PROFILE) that has no file is a typo,
  // not an empty profile: say so, and name the profiles that exist.
  const explicitName = str(values, 'profile') !== undefined || envValue(io.env, 'CLOB_PROFILE') !== undefined
  const missingProfile = (): CliError | undefined => {
    if (!explicitName || profileExists(dir, profileName)) return undefined
    const known = listProfiles(dir)
    return new CliError('PROFILE_NOT_FOUND', `profile ${JSON.stringify(profileName)} does not exist`, {
      param: '--profile',
      hint:
        known.length > 0
          ? `existing profiles: ${known.join(', ')} (see \`clob profile list\`); create this one with \`clob profile set --profile ${profileName} …\``
          : `no profile exists yet; create one with \`clob profile set --profile ${profileName} …\` or \`clob keys create-or-derive\``,
    })
  }

  let cachedKey: `0x${string}` | undefined
  let cachedAddress: `0x${string}` | undefined

  const keySource = (): KeySource | undefined => {
    const ksFlag = str(values, 'keystore')
    if (ksFlag !== undefined) return { kind: 'keystore', path: keystorePath(dir, ksFlag), origin: 'flag' }
    const kfFlag = str(values, 'key-file')
    if (kfFlag !== undefined) return { kind: 'key-file', path: resolve(kfFlag), origin: 'flag' }
    if (argvKey !== undefined) return { kind: 'argv' }
    if (profile.keystore !== undefined)
      return { kind: 'keystore', path: keystorePath(dir, profile.keystore), origin: 'profile' }
    if (profile.keyFile !== undefined)
      return { kind: 'key-file', path: resolve(profile.keyFile), origin: 'profile' }
    const ksEnv = envValue(io.env, 'CLOB_KEYSTORE')
    if (ksEnv !== undefined) return { kind: 'keystore', path: keystorePath(dir, ksEnv), origin: 'env' }
    if (envValue(io.env, 'CLOB_PRIVATE_KEY') !== undefined) return { kind: 'env' }
    return undefined
  }

  const password = async (purpose: string, opts: { twice?: boolean } = {}): Promise<string> => {
    const file = str(values, 'password-file') ?? profile.passwordFile
    if (file !== undefined) {
      let text: string
      try {
        text = readFileSync(file, 'utf8')
      } catch (e) {
        throw new CliError('PASSWORD_FILE_UNREADABLE', `cannot read the password file ${file}`, { cause: e })
      }
      const pw = text.replace(/\r?\n$/, '')
      out.redactor.add(pw)
      return pw
    }
    const envPw = envValue(io.env, 'CLOB_KEYSTORE_PASSWORD')
    if (envPw !== undefined) return envPw
    if (!isInteractive(io.stdin)) {
      throw new UsageError(
        'PASSWORD_REQUIRED',
        '--password-file',
        `a password is needed to ${purpose} and there is no terminal to ask on`,
        'pass --password-file PATH (or set CLOB_KEYSTORE_PASSWORD)',
      )
    }
    const pw = await readLine(io.stdin, io.stderr, `Password to ${purpose}: `, true)
    if (opts.twice === true) {
      const again = await readLine(io.stdin, io.stderr, 'Repeat the password: ', true)
      if (again !== pw) throw new CliError('PASSWORD_MISMATCH', 'the passwords do not match')
    }
    out.redactor.add(pw)
    return pw
  }

  const readKeyFile = (path: string): `0x${string}` => {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (e) {
      throw new CliError('KEY_FILE_UNREADABLE', `cannot read the key file ${path}`, { cause: e })
    }
    out.redactor.add(text.trim())
    const mode = fileMode(path)
    if (mode !== undefined && (mode & 0o077) !== 0 && process.platform !== 'win32') {
      out.warn(`key file ${path} is readable by others (mode ${mode.toString(8)}); run chmod 600 ${path}`)
    }
    return text.trim() as `0x${string}`
  }

  const privateKey = async (): Promise<`0x${string}`> => {
    if (cachedKey !== undefined) return cachedKey
    const src = keySource()
    if (src === undefined) {
      const missing = missingProfile()
      if (missing !== undefined) throw missing
      throw new CliError('NO_KEY', 'no private key is configured', {
        hint: 'create one with `clob wallet create`, import one with `clob wallet import`, or set CLOB_PRIVATE_KEY',
      })
    }
    const { normalizePrivateKey, parseKeystore, decryptKeystore } = await import('./keystore.js')
    let raw: string
    if (src.kind === 'keystore') {
      let text: string
      try {
        text = readFileSync(src.path, 'utf8')
      } catch (e) {
        throw new CliError('KEYSTORE_NOT_FOUND', `cannot read keystore ${src.path}`, {
          cause: e,
          hint: 'list keystores with `clob wallet list`',
        })
      }
      const ks = parseKeystore(text)
      const pw = await password(`unlock ${src.path}`)
      raw = await decryptKeystore(ks, pw)
    } else if (src.kind === 'key-file') {
      raw = readKeyFile(src.path)
    } else if (src.kind === 'argv') {
      raw = argvKey ?? ''
    } else {
      raw = envValue(io.env, 'CLOB_PRIVATE_KEY') ?? ''
    }
    out.redactor.add(raw)
    const key = normalizePrivateKey(raw)
    out.redactor.add(key)
    cachedKey = key
    return key
  }

  const address = async (): Promise<`0x${string}`> => {
    if (cachedAddress !== undefined) return cachedAddress
    const src = keySource()
    const { addressOf, checksum, parseKeystore } = await import('./keystore.js')
    if (src?.kind === 'keystore' && existsSync(src.path)) {
      try {
        const ks = parseKeystore(readFileSync(src.path, 'utf8'))
        if (ks.address !== undefined && /^(0x)?[0-9a-fA-F]{40}$/.test(ks.address)) {
          cachedAddress = checksum(ks.address)
          return cachedAddress
        }
      } catch {
        // Fall through to decryption, which reports the problem properly.
      }
    }
    cachedAddress = addressOf(await privateKey())
    return cachedAddress
  }

  return {
    io,
    out,
    command: init.command,
    values,
    positionals: init.positionals,
    configDir: dir,
    settings,
    profile,
    saveProfile() {
      writeProfile(dir, profileName, profile)
    },
    nowMs: () => Date.now(),
    keySource,
    privateKey,
    address,
    credentials() {
      const c = profile.credentials
      if (
        c === undefined ||
        typeof c.key !== 'string' ||
        typeof c.secret !== 'string' ||
        typeof c.passphrase !== 'string'
      ) {
        const missing = missingProfile()
        if (missing !== undefined) throw missing
        throw new CliError('MISSING_CREDENTIALS', `profile ${profileName} has no API credentials`, {
          hint: 'run `clob keys create-or-derive` (it stores them in the profile)',
        })
      }
      return c
    },
    async confirm(question) {
      if (bool(values, 'yes')) return true
      if (!isInteractive(io.stdin)) {
        throw new UsageError(
          'CONFIRMATION_REQUIRED',
          '--yes',
          'this command needs confirmation and there is no terminal to ask on',
          'pass --yes to confirm non-interactively',
        )
      }
      return askConfirm(io.stdin, io.stderr, question)
    },
    password,
  }
}
