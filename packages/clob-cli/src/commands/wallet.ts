/**
 * `clob wallet create|import|list|address`: encrypted v3 keystores under
 * `<config>/keystores/<name>.json` (mode 0600).
 * @module
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { bool, parseNonNegInt, str } from '../args.js'
import { assertName, ensurePrivateDir, keystoresDir, writePrivateFile } from '../config.js'
import { type Context, describeKeySource, keystorePath } from '../context.js'
import { CliError, UsageError } from '../errors.js'
import {
  addressOf,
  checksum,
  DEFAULT_SCRYPT,
  decryptKeystore,
  encryptKeystore,
  type KeystoreV3,
  normalizePrivateKey,
  parseKeystore,
  type ScryptParams,
} from '../keystore.js'
import { isInteractive, readLine } from '../prompt.js'

function scryptParams(ctx: Context): ScryptParams {
  const n = str(ctx.values, 'scrypt-n')
  if (n === undefined) return DEFAULT_SCRYPT
  const v = parseNonNegInt(n, '--scrypt-n', 1 << 20)
  if (v < 1 << 10 || (v & (v - 1)) !== 0) {
    throw new UsageError(
      'INVALID_SCRYPT_N',
      '--scrypt-n',
      'scrypt N must be a power of two between 1024 and 1048576',
    )
  }
  return { ...DEFAULT_SCRYPT, n: v }
}

function targetPath(ctx: Context): { name: string; path: string } {
  const name = assertName(ctx.positionals[0] ?? ctx.settings.profileName, 'name')
  const path = join(keystoresDir(ctx.configDir), `${name}.json`)
  if (existsSync(path) && !bool(ctx.values, 'force')) {
    throw new CliError('KEYSTORE_EXISTS', `keystore ${name} already exists (${path})`, {
      hint: 'pick another name or pass --force to overwrite it',
    })
  }
  return { name, path }
}

function store(ctx: Context, name: string, path: string, ks: KeystoreV3, address: `0x${string}`): number {
  ensurePrivateDir(ctx.configDir)
  ensurePrivateDir(keystoresDir(ctx.configDir))
  writePrivateFile(path, `${JSON.stringify(ks)}\n`)
  let linked = false
  if (ctx.profile.keystore === undefined && ctx.profile.keyFile === undefined) {
    ctx.profile.keystore = name
    ctx.profile.address = address
    ctx.saveProfile()
    linked = true
  }
  if (ctx.out.json) {
    ctx.out.data({ name, address, path, profile: linked ? ctx.settings.profileName : null })
  } else {
    ctx.out.fields([
      ['keystore', name],
      ['address', address],
      ['path', path],
    ])
    if (linked) ctx.out.note(`profile ${ctx.settings.profileName} now uses keystore ${name}`)
  }
  return 0
}

export async function walletCreate(ctx: Context): Promise<number> {
  const { name, path } = targetPath(ctx)
  const params = scryptParams(ctx)
  let key: `0x${string}` | undefined
  while (key === undefined) {
    try {
      key = normalizePrivateKey(randomBytes(32).toString('hex'))
    } catch {
      // Out of the curve's range: astronomically rare; draw again.
    }
  }
  ctx.out.redactor.add(key)
  const password = await ctx.password(`encrypt keystore ${name}`, { twice: true })
  if (password === '')
    throw new UsageError('EMPTY_PASSWORD', 'password', 'refusing an empty keystore password')
  const ks = await encryptKeystore(key, password, params)
  return store(ctx, name, path, ks, addressOf(key))
}

async function keyToImport(ctx: Context): Promise<`0x${string}`> {
  const file = str(ctx.values, 'key-file')
  if (file !== undefined) {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (e) {
      throw new CliError('KEY_FILE_UNREADABLE', `cannot read the key file ${file}`, { cause: e })
    }
    ctx.out.redactor.add(text.trim())
    return normalizePrivateKey(text)
  }
  const src = ctx.keySource()
  if (src?.kind === 'argv' || src?.kind === 'env') return ctx.privateKey()
  const env = ctx.io.env.CLOB_PRIVATE_KEY
  if (env !== undefined && env !== '') return normalizePrivateKey(env)
  if (!isInteractive(ctx.io.stdin)) {
    throw new UsageError(
      'NO_KEY_TO_IMPORT',
      '--key-file',
      'nothing to import and no terminal to ask on',
      'pass --key-file PATH, --from KEYSTORE, or set CLOB_PRIVATE_KEY',
    )
  }
  const typed = await readLine(ctx.io.stdin, ctx.io.stderr, 'Private key (hex, hidden): ', true)
  ctx.out.redactor.add(typed)
  return normalizePrivateKey(typed)
}

export async function walletImport(ctx: Context): Promise<number> {
  const { name, path } = targetPath(ctx)
  const from = str(ctx.values, 'from')
  if (from !== undefined) {
    let text: string
    try {
      text = readFileSync(resolve(from), 'utf8')
    } catch (e) {
      throw new CliError('KEYSTORE_NOT_FOUND', `cannot read keystore ${from}`, { cause: e })
    }
    const ks = parseKeystore(text)
    // Decrypt once: proves the password and yields the address Foundry files omit.
    const password = await ctx.password(`unlock ${from}`)
    const key = await decryptKeystore(ks, password)
    ctx.out.redactor.add(key)
    const address = addressOf(key)
    if (ks.address !== undefined && checksum(ks.address) !== address) {
      throw new CliError('KEYSTORE_INVALID', 'the keystore address field does not match its key')
    }
    const original = JSON.parse(text) as Record<string, unknown>
    return store(
      ctx,
      name,
      path,
      { ...(original as unknown as KeystoreV3), address: address.slice(2).toLowerCase() },
      address,
    )
  }
  const key = await keyToImport(ctx)
  ctx.out.redactor.add(key)
  const params = scryptParams(ctx)
  const password = await ctx.password(`encrypt keystore ${name}`, { twice: true })
  if (password === '')
    throw new UsageError('EMPTY_PASSWORD', 'password', 'refusing an empty keystore password')
  const ks = await encryptKeystore(key, password, params)
  return store(ctx, name, path, ks, addressOf(key))
}

interface Listed {
  readonly name: string
  readonly address: string | null
  readonly path: string
  readonly active: boolean
}

export async function walletList(ctx: Context): Promise<number> {
  const dir = keystoresDir(ctx.configDir)
  const src = ctx.keySource()
  const active = src?.kind === 'keystore' ? src.path : undefined
  const rows: Listed[] = []
  if (existsSync(dir)) {
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith('.json')) continue
      const path = join(dir, f)
      let address: string | null = null
      try {
        const ks = parseKeystore(readFileSync(path, 'utf8'))
        if (ks.address !== undefined && /^(0x)?[0-9a-fA-F]{40}$/.test(ks.address))
          address = checksum(ks.address)
      } catch {
        address = null
      }
      rows.push({ name: f.slice(0, -5), address, path, active: path === active })
    }
  }
  if (ctx.out.json) {
    ctx.out.data(rows)
    return 0
  }
  ctx.out.table(rows, [
    { header: '', value: (r) => (r.active ? '*' : '') },
    { header: 'NAME', value: (r) => r.name },
    { header: 'ADDRESS', value: (r) => r.address ?? '(unknown until unlocked)' },
    { header: 'PATH', value: (r) => r.path },
  ])
  return 0
}

export async function walletAddress(ctx: Context): Promise<number> {
  const name = ctx.positionals[0]
  let address: `0x${string}`
  let source: string
  if (name !== undefined) {
    const path = keystorePath(ctx.configDir, name)
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (e) {
      throw new CliError('KEYSTORE_NOT_FOUND', `no keystore ${name} (${path})`, {
        cause: e,
        hint: 'see `clob wallet list`',
      })
    }
    const ks = parseKeystore(text)
    if (ks.address !== undefined && /^(0x)?[0-9a-fA-F]{40}$/.test(ks.address)) address = checksum(ks.address)
    else {
      const key = await decryptKeystore(ks, await ctx.password(`unlock ${path}`))
      ctx.out.redactor.add(key)
      address = addressOf(key)
    }
    source = `keystore ${path}`
  } else {
    const src = ctx.keySource()
    address = await ctx.address()
    source = src === undefined ? 'none' : describeKeySource(src)
  }
  if (ctx.out.json) ctx.out.data({ address, source })
  else ctx.out.line(address)
  return 0
}
