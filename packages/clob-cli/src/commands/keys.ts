/**
 * API keys (PROTOCOL.md §4.4). Created or derived credentials go into the profile
 * (0600) so later commands never re-derive; only the API key is ever printed.
 * @module
 */
import { parseNonNegInt, str } from '../args.js'
import { authClient, signingClient } from '../client.js'
import type { Context } from '../context.js'
import { CliError } from '../errors.js'
import { loose, show, text } from '../util.js'

export async function keysObtain(ctx: Context): Promise<number> {
  const sub = ctx.command.path[1]
  const nonceFlag = str(ctx.values, 'nonce')
  const nonce = nonceFlag === undefined ? 0 : parseNonNegInt(nonceFlag, '--nonce')
  const client = await signingClient(ctx)
  const address = client.context.signer!.address
  const creds =
    sub === 'create'
      ? await client.keys.create({ nonce })
      : sub === 'derive'
        ? await client.keys.derive({ nonce })
        : await client.keys.createOrDerive({ nonce })
  ctx.out.redactor.add(creds.secret)
  ctx.out.redactor.add(creds.passphrase)
  ctx.profile.credentials = {
    key: creds.key,
    secret: creds.secret,
    passphrase: creds.passphrase,
    address,
    nonce,
    createdAt: new Date().toISOString(),
  }
  ctx.profile.address ??= address
  ctx.saveProfile()
  const result = { apiKey: creds.key, address, nonce, profile: ctx.settings.profileName, stored: true }
  if (ctx.out.json) ctx.out.data(result)
  else {
    ctx.out.fields([
      ['api key', creds.key],
      ['address', address],
      ['nonce', String(nonce)],
      ['secret', '*** (stored in the profile, never shown)'],
    ])
    ctx.out.note(`stored in profile ${ctx.settings.profileName}; later commands reuse it`)
  }
  return 0
}

export async function keysList(ctx: Context): Promise<number> {
  const keys = await authClient(ctx).keys.list()
  const rows = (Array.isArray(keys) ? keys : []).map((k) =>
    typeof k === 'string' ? k : text(loose(k).key ?? loose(k).apiKey),
  )
  show(ctx.out, { apiKeys: keys }, rows, [
    { header: 'API KEY', value: (k) => k },
    { header: '', value: (k) => (k === ctx.profile.credentials?.key ? '(this profile)' : '') },
  ])
  return 0
}

export async function keysDelete(ctx: Context): Promise<number> {
  const creds = ctx.credentials()
  if (!(await ctx.confirm(`Delete API key ${creds.key} on ${ctx.settings.host}?`))) {
    throw new CliError('ABORTED', 'not confirmed; nothing deleted')
  }
  await authClient(ctx).keys.remove()
  delete ctx.profile.credentials
  ctx.saveProfile()
  if (ctx.out.json) ctx.out.data({ deleted: creds.key })
  else ctx.out.line(`deleted API key ${creds.key}`)
  return 0
}

export async function readonlyCreate(ctx: Context): Promise<number> {
  const key = await authClient(ctx).keys.createReadonly()
  ctx.profile.readonlyKeys = [...new Set([...(ctx.profile.readonlyKeys ?? []), key])]
  ctx.saveProfile()
  if (ctx.out.json) ctx.out.data({ apiKey: key })
  else ctx.out.line(key)
  return 0
}

export async function readonlyList(ctx: Context): Promise<number> {
  const keys = await authClient(ctx).keys.listReadonly()
  show(ctx.out, { apiKeys: keys }, keys, [{ header: 'READONLY KEY', value: (k) => k }])
  return 0
}

export async function readonlyDelete(ctx: Context): Promise<number> {
  const key = ctx.positionals[0]
  if (key === undefined || key === '') throw new CliError('MISSING_ARGUMENT', 'which readonly key?')
  const res = await authClient(ctx).keys.removeReadonly(key)
  ctx.profile.readonlyKeys = (ctx.profile.readonlyKeys ?? []).filter((k) => k !== key)
  ctx.saveProfile()
  const ok = res !== false
  if (ctx.out.json) ctx.out.data({ deleted: key, ok })
  else ctx.out.line(ok ? `deleted readonly key ${key}` : `the server did not delete ${key}`)
  return ok ? 0 : 1
}

export async function builderCreate(ctx: Context): Promise<number> {
  const creds = await authClient(ctx).keys.createBuilder()
  ctx.out.redactor.add(creds.secret)
  ctx.out.redactor.add(creds.passphrase)
  ctx.profile.builderCredentials = { key: creds.key, secret: creds.secret, passphrase: creds.passphrase }
  ctx.saveProfile()
  if (ctx.out.json) ctx.out.data({ key: creds.key, stored: true })
  else {
    ctx.out.fields([
      ['builder key', creds.key],
      ['secret', '*** (stored in the profile, never shown)'],
    ])
  }
  return 0
}

export async function builderList(ctx: Context): Promise<number> {
  const keys = await authClient(ctx).keys.listBuilder()
  const rows = keys.map(loose)
  show(ctx.out, keys, rows, [
    { header: 'KEY', value: (k) => text(k.key) },
    { header: 'CREATED', value: (k) => text(k.createdAt, '-') },
    { header: 'REVOKED', value: (k) => text(k.revokedAt, '-') },
  ])
  return 0
}

export async function builderRevoke(ctx: Context): Promise<number> {
  const key = ctx.profile.builderCredentials?.key
  if (!(await ctx.confirm(`Revoke builder key ${key ?? '(server default)'}?`))) {
    throw new CliError('ABORTED', 'not confirmed; nothing revoked')
  }
  await authClient(ctx).keys.revokeBuilder()
  delete ctx.profile.builderCredentials
  ctx.saveProfile()
  if (ctx.out.json) ctx.out.data({ revoked: key ?? null })
  else ctx.out.line(`revoked builder key ${key ?? ''}`.trim())
  return 0
}
