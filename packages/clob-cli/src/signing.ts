/**
 * Signature-type / funder rules and the signer, without any HTTP code, so
 * `order sign --offline` loads nothing it does not use.
 * @module
 */

import type { LocalSigner } from '@clobkit/eip712-order/signer'
import type { Context } from './context.js'
import { UsageError } from './errors.js'
import { privateKeyBytes } from './keystore.js'

export function sameAddress(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase()
}

/**
 * The maker rules the exchange enforces (PROTOCOL.md §2.1): EOA signs for itself;
 * proxy, safe and 1271 need the funder (proxy, safe, deposit wallet) address.
 */
export function checkSignatureSetup(ctx: Context, address: string, version?: 1 | 2 | 3): void {
  const { signatureType, funder } = ctx.settings
  if (signatureType === 'eoa') {
    if (funder !== undefined && !sameAddress(funder, address)) {
      throw new UsageError(
        'FUNDER_MISMATCH',
        '--funder',
        `signature type eoa signs for the key's own address ${address}, but the funder is ${funder}`,
        'for a Polymarket proxy or safe wallet use --signature-type proxy|safe; otherwise drop --funder',
      )
    }
    return
  }
  if (funder === undefined) {
    throw new UsageError(
      'FUNDER_REQUIRED',
      '--funder',
      `signature type ${signatureType} needs the funder (${signatureType === '1271' ? 'deposit wallet' : `${signatureType} wallet`}) address`,
      'pass --funder 0x… or `clob profile set --funder 0x…`',
    )
  }
  if (sameAddress(funder, address) && signatureType !== '1271') {
    throw new UsageError(
      'FUNDER_MISMATCH',
      '--funder',
      `signature type ${signatureType} signs for a separate wallet, but the funder is the key's own address`,
      'use --signature-type eoa, or set --funder to the proxy/safe address',
    )
  }
  if (signatureType === '1271' && version === 1) {
    throw new UsageError(
      'UNSUPPORTED_SIGNATURE_TYPE',
      '--signature-type',
      'signature type POLY_1271 is not supported for v1 orders',
      'use --exchange-version 2 or 3',
    )
  }
}

/**
 * The local signer of the profile's key. On Node the library signs a process's first
 * orders in OpenSSL, so a one-shot command builds no precomputation table.
 */
export async function signer(ctx: Context): Promise<LocalSigner> {
  const key = await ctx.privateKey()
  privateKeyBytes(key) // the CLI's own error (INVALID_PRIVATE_KEY with a hint) for a malformed key
  const { fromPrivateKey } = await import('@clobkit/eip712-order/signer')
  const s = fromPrivateKey(key)
  if (ctx.profile.address === undefined && ctx.keySource()?.kind === 'keystore') {
    ctx.profile.address = s.address
    ctx.saveProfile()
  }
  return s
}
