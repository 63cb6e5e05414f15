/**
 * `clob profile list|show|set|delete`. Secrets in a profile (API secret and
 * passphrase) are never printed; only the API key and its address are.
 * @module
 */
import { resolve } from 'node:path'
import {
  parseAddress,
  parseBytes32,
  parseChain,
  parseHost,
  parseSignatureType,
  parseVersion,
  str,
  strs,
} from '../args.js'
import {
  deleteProfile,
  listProfiles,
  type Profile,
  profileExists,
  profilePath,
  readProfile,
} from '../config.js'
import { type Context, resolveProfileName } from '../context.js'
import { CliError, UsageError } from '../errors.js'

function publicView(ctx: Context, name: string, profile: Profile): Record<string, unknown> {
  return {
    name,
    path: profilePath(ctx.configDir, name),
    settings: {
      host: profile.host ?? null,
      chain: profile.chain ?? null,
      signatureType: profile.signatureType ?? null,
      funder: profile.funder ?? null,
      keystore: profile.keystore ?? null,
      keyFile: profile.keyFile ?? null,
      passwordFile: profile.passwordFile ?? null,
      address: profile.address ?? null,
      builderCode: profile.builderCode ?? null,
      exchangeVersion: profile.exchangeVersion ?? null,
    },
    credentials:
      profile.credentials === undefined
        ? null
        : {
            apiKey: profile.credentials.key,
            address: profile.credentials.address,
            nonce: profile.credentials.nonce ?? 0,
          },
    builderCredentials:
      profile.builderCredentials === undefined ? null : { key: profile.builderCredentials.key },
    readonlyKeys: profile.readonlyKeys ?? [],
  }
}

export async function profileList(ctx: Context): Promise<number> {
  const active = ctx.settings.profileName
  const rows = listProfiles(ctx.configDir).map((name) => {
    const p = readProfile(ctx.configDir, name)
    return {
      name,
      host: p.host ?? null,
      chain: p.chain ?? null,
      address: p.address ?? p.credentials?.address ?? null,
      credentials: p.credentials !== undefined,
      active: name === active,
    }
  })
  if (ctx.out.json) {
    ctx.out.data(rows)
    return 0
  }
  ctx.out.table(rows, [
    { header: '', value: (r) => (r.active ? '*' : '') },
    { header: 'NAME', value: (r) => r.name },
    { header: 'HOST', value: (r) => r.host ?? '(default)' },
    { header: 'CHAIN', value: (r) => String(r.chain ?? '(default)') },
    { header: 'ADDRESS', value: (r) => r.address ?? '' },
    { header: 'CREDS', value: (r) => (r.credentials ? 'yes' : 'no') },
  ])
  return 0
}

export async function profileShow(ctx: Context): Promise<number> {
  const view = publicView(ctx, ctx.settings.profileName, ctx.profile)
  const s = ctx.settings
  const effective = {
    host: s.host,
    chain: s.chain,
    signatureType: s.signatureType,
    funder: s.funder ?? null,
    exchangeVersion: s.exchangeVersion ?? null,
  }
  if (ctx.out.json) {
    ctx.out.data({ ...view, exists: profileExists(ctx.configDir, s.profileName), effective })
    return 0
  }
  const creds = view.credentials as { apiKey: string; address: string } | null
  ctx.out.fields([
    ['profile', s.profileName],
    ['path', String(view.path)],
    ['host', `${s.host} (${s.hostSource})`],
    ['chain', String(s.chain)],
    ['signature type', s.signatureType],
    ['funder', s.funder ?? '(key address)'],
    ['exchange version', s.exchangeVersion === undefined ? '(server /version)' : String(s.exchangeVersion)],
    ['keystore', ctx.profile.keystore ?? '-'],
    ['key file', ctx.profile.keyFile ?? '-'],
    ['address', ctx.profile.address ?? '-'],
    ['builder code', ctx.profile.builderCode ?? '-'],
    [
      'api key',
      creds === null ? '(none — run `clob keys create-or-derive`)' : `${creds.apiKey} (for ${creds.address})`,
    ],
    ['api secret', creds === null ? '-' : '*** (stored, never shown)'],
    ['builder key', ctx.profile.builderCredentials?.key ?? '-'],
  ])
  return 0
}

const UNSETTABLE: Record<string, keyof Profile> = {
  host: 'host',
  chain: 'chain',
  signatureType: 'signatureType',
  'signature-type': 'signatureType',
  funder: 'funder',
  keystore: 'keystore',
  keyFile: 'keyFile',
  'key-file': 'keyFile',
  passwordFile: 'passwordFile',
  'password-file': 'passwordFile',
  builderCode: 'builderCode',
  'builder-code': 'builderCode',
  exchangeVersion: 'exchangeVersion',
  'exchange-version': 'exchangeVersion',
  credentials: 'credentials',
  builderCredentials: 'builderCredentials',
  address: 'address',
}

export async function profileSet(ctx: Context): Promise<number> {
  const v = ctx.values
  const p = ctx.profile
  let changed = 0
  const host = str(v, 'host')
  if (host !== undefined) {
    p.host = parseHost(host)
    changed++
  }
  const chain = str(v, 'chain')
  if (chain !== undefined) {
    p.chain = parseChain(chain)
    changed++
  }
  const sig = str(v, 'signature-type')
  if (sig !== undefined) {
    p.signatureType = parseSignatureType(sig)
    changed++
  }
  const funder = str(v, 'funder')
  if (funder !== undefined) {
    p.funder = parseAddress(funder, '--funder')
    changed++
  }
  const ks = str(v, 'keystore')
  if (ks !== undefined) {
    p.keystore = /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(ks) && !ks.endsWith('.json') ? ks : resolve(ks)
    delete p.keyFile
    delete p.address
    changed++
  }
  const kf = str(v, 'key-file')
  if (kf !== undefined) {
    p.keyFile = resolve(kf)
    delete p.keystore
    delete p.address
    changed++
  }
  const pw = str(v, 'password-file')
  if (pw !== undefined) {
    p.passwordFile = resolve(pw)
    changed++
  }
  const bc = str(v, 'builder-code')
  if (bc !== undefined) {
    p.builderCode = parseBytes32(bc, '--builder-code')
    changed++
  }
  const ev = str(v, 'exchange-version')
  if (ev !== undefined) {
    p.exchangeVersion = parseVersion(ev)
    changed++
  }
  for (const key of strs(v, 'unset')) {
    const field = UNSETTABLE[key]
    if (field === undefined) {
      throw new UsageError(
        'INVALID_SETTING',
        '--unset',
        `unknown setting ${JSON.stringify(key)}`,
        `one of ${Object.keys(UNSETTABLE).join(', ')}`,
      )
    }
    delete p[field]
    changed++
  }
  if (changed === 0) {
    throw new UsageError(
      'NOTHING_TO_SET',
      'options',
      'nothing to set',
      'e.g. clob profile set --host http://127.0.0.1:8080 --chain 137',
    )
  }
  ctx.saveProfile()
  const view = publicView(ctx, ctx.settings.profileName, p)
  if (ctx.out.json) ctx.out.data(view)
  else ctx.out.line(`profile ${ctx.settings.profileName} saved (${String(view.path)})`)
  return 0
}

export async function profileDelete(ctx: Context): Promise<number> {
  const name = resolveProfileName({ profile: ctx.positionals[0] }, {})
  if (!profileExists(ctx.configDir, name)) throw new CliError('PROFILE_NOT_FOUND', `no profile ${name}`)
  if (!(await ctx.confirm(`Delete profile ${name} and its cached API credentials?`))) {
    throw new CliError('ABORTED', 'not confirmed; nothing deleted')
  }
  deleteProfile(ctx.configDir, name)
  if (ctx.out.json) ctx.out.data({ deleted: name })
  else ctx.out.line(`deleted profile ${name}`)
  return 0
}
