/**
 * Builds `@clobkit/clob-rest` clients from the command context: public (no auth),
 * signing (L1 + orders) and authenticated (L2 with the profile's cached
 * credentials). Checks that the signature type, funder and key fit together
 * before anything is signed.
 * @module
 */
import { type Client, createClient } from '@clobkit/clob-rest'
import type { Address, SignatureType } from '@clobkit/eip712-order'
import { signatureTypeNumber } from './args.js'
import type { StoredCredentials } from './config.js'
import type { Context } from './context.js'
import { CliError } from './errors.js'
import { checkSignatureSetup, sameAddress, signer } from './signing.js'

function base(ctx: Context) {
  return {
    host: ctx.settings.host,
    chainId: ctx.settings.chain,
    signatureType: signatureTypeNumber(ctx.settings.signatureType) as SignatureType,
    ...(ctx.settings.funder === undefined ? {} : { funder: ctx.settings.funder as Address }),
    ...(ctx.settings.builderCode === undefined ? {} : { builderCode: ctx.settings.builderCode }),
  }
}

export { checkSignatureSetup, sameAddress, signer }

export function publicClient(ctx: Context): Client {
  return createClient(base(ctx))
}

/** A client that can sign (L1 auth, orders); adds the stored credentials when present. */
export async function signingClient(
  ctx: Context,
  opts: { withCredentials?: boolean; version?: 1 | 2 | 3 } = {},
): Promise<Client> {
  // Missing credentials are reported before a keystore password is asked for.
  const credentials: StoredCredentials | undefined =
    opts.withCredentials === true ? ctx.credentials() : undefined
  const s = await signer(ctx)
  checkSignatureSetup(ctx, s.address, opts.version)
  if (credentials !== undefined) {
    if (!sameAddress(credentials.address, s.address)) {
      throw new CliError(
        'CREDENTIALS_MISMATCH',
        `the stored API credentials belong to ${credentials.address}, not to the configured key ${s.address}`,
        { hint: 'run `clob keys create-or-derive` to store credentials for this key' },
      )
    }
  }
  return createClient({
    ...base(ctx),
    signer: s,
    ...(credentials === undefined
      ? {}
      : {
          credentials: {
            key: credentials.key,
            secret: credentials.secret,
            passphrase: credentials.passphrase,
          },
        }),
  })
}

/** An L2 client from the stored credentials; no private key is read. */
export function authClient(ctx: Context): Client {
  const c = ctx.credentials()
  return createClient({
    ...base(ctx),
    address: c.address as Address,
    credentials: { key: c.key, secret: c.secret, passphrase: c.passphrase },
  })
}
