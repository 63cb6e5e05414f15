/**
 * EOA signers for EIP-712 (PROTOCOL.md §2.5 order signatures, §2.6 the POLY_1271 inner
 * signature, §4.1 ClobAuth): a local secp256k1 signer (RFC 6979 deterministic nonces,
 * low-s, `r‖s‖v` with v = 27/28), adapters for viem and ethers wallets, and digest
 * recovery. The ECDSA is an audited library's, through the `#secp256k1` seam:
 * libsecp256k1 on Node where the optional `secp256k1` package loads, `@noble/curves`
 * everywhere else (see `secp256k1-backend`).
 *
 * The local signer keeps the private key in a closure: `JSON.stringify`, `String()` and
 * `util.inspect` show only the address (and backend), and no error ever includes the key.
 * @module
 */
import { available as availableBackends, backend as selectBackend } from '#secp256k1'
import { fromPublicKey, isAddress } from './address.js'
import { ClobError, InvalidParameterError } from './errors.js'
import { fromBytes, isHex, toBytes } from './hex.js'
import { type BackendChoice, type BackendName, N } from './secp256k1-backend.js'
import { hashTypedDataBytes, type TypedDataTypes } from './typed-data.js'
import type { Address, Hex, Signer, TypedData } from './types.js'

export type { BackendChoice, BackendName } from './secp256k1-backend.js'

/**
 * A signer that holds its key locally and can sign a 32-byte digest synchronously.
 *
 * @example
 * ```ts
 * const signer: LocalSigner = Signer.fromPrivateKey(pk)
 * const sig = signer.signDigest(Order.hash(order, domain))
 * signer.backend // 'libsecp256k1' on Node with the optional binding, else 'noble'
 * ```
 */
export interface LocalSigner extends Signer {
  readonly address: Address
  /** The library that signs for this signer. */
  readonly backend: BackendName
  /** Signs a 32-byte digest: 65-byte `r‖s‖v` hex, v ∈ {27, 28}. */
  signDigest(digest: Uint8Array | Hex): Hex
  signTypedData(typedData: TypedData): Promise<Hex>
}

/** Options of {@link fromPrivateKey}, {@link recoverDigest} and {@link recoverPublicKey}. */
export interface BackendOptions {
  /**
   * `auto` (default): libsecp256k1 where it loads, else noble; on Node the
   * `CLOBKIT_SECP256K1=native|noble` environment variable overrides `auto` for the process.
   * Naming a backend this runtime cannot load throws `UNSUPPORTED_RUNTIME`.
   */
  readonly backend?: BackendChoice
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom')

function toBig(bytes: Uint8Array): bigint {
  return BigInt(fromBytes(bytes))
}

function isScalar(k: bigint): boolean {
  return k > 0n && k < N
}

function secretKeyBytes(privateKey: unknown): Uint8Array {
  const bytes =
    privateKey instanceof Uint8Array
      ? Uint8Array.from(privateKey)
      : typeof privateKey === 'string' && /^(0x)?[0-9a-fA-F]{64}$/.test(privateKey)
        ? toBytes(`0x${privateKey.slice(-64)}`)
        : undefined
  if (bytes?.length !== 32 || !isScalar(toBig(bytes))) {
    bytes?.fill(0)
    throw new InvalidParameterError(
      'INVALID_PRIVATE_KEY',
      'privateKey',
      'expected 32 bytes (64 hex digits) in [1, n-1]',
    )
  }
  return bytes
}

function digestBytes(digest: unknown): Uint8Array {
  return digest instanceof Uint8Array && digest.length === 32
    ? digest
    : toBytes(digest as string, 'digest', 32)
}

function choiceOf(options: BackendOptions | undefined): BackendChoice {
  const choice = options?.backend ?? 'auto'
  if (choice !== 'auto' && choice !== 'libsecp256k1' && choice !== 'noble') {
    throw new InvalidParameterError(
      'INVALID_BACKEND',
      'options.backend',
      "expected 'auto', 'libsecp256k1' or 'noble'",
    )
  }
  return choice
}

/**
 * The backend `auto` selects in this process (`CLOBKIT_SECP256K1` included), or the one
 * `choice` names if it can load.
 *
 * @example
 * ```ts
 * Signer.backend() // 'libsecp256k1' on linux-x64 with the optional dependency installed
 * ```
 */
export function backend(choice: BackendChoice = 'auto'): BackendName {
  return selectBackend(choiceOf({ backend: choice })).name
}

/**
 * The backends this runtime can load: `['libsecp256k1', 'noble']` on Node with the
 * optional binding, `['noble']` elsewhere.
 *
 * @example
 * ```ts
 * for (const b of Signer.backends()) Signer.fromPrivateKey(pk, { backend: b })
 * ```
 */
export function backends(): readonly BackendName[] {
  return availableBackends()
}

/**
 * A local signer from a 32-byte private key (`0x` + 64 hex, or raw bytes). Throws
 * `INVALID_PRIVATE_KEY` (param `privateKey`) when it is malformed or not in [1, n−1];
 * the key never appears in errors or output.
 *
 * @example
 * ```ts
 * const signer = Signer.fromPrivateKey('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
 * signer.address // '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
 * JSON.stringify(signer) // '{"address":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"}'
 * Signer.fromPrivateKey(pk, { backend: 'noble' }).backend // 'noble'
 * ```
 */
export function fromPrivateKey(privateKey: Hex | string | Uint8Array, options?: BackendOptions): LocalSigner {
  const choice = choiceOf(options)
  const secretKey = secretKeyBytes(privateKey)
  const ecdsa = selectBackend(choice)
  const address = fromPublicKey(ecdsa.publicKey(secretKey))
  const signDigest = (digest: Uint8Array | Hex): Hex => fromBytes(ecdsa.sign(digestBytes(digest), secretKey))
  const signer: LocalSigner = {
    address,
    backend: ecdsa.name,
    signDigest,
    signTypedData: async (typedData: TypedData): Promise<Hex> => signDigest(hashTypedDataBytes(typedData)),
  }
  Object.defineProperties(signer, {
    toJSON: { value: () => ({ address }) },
    toString: { value: () => `Signer(${address})` },
    [INSPECT]: { value: () => `Signer { address: '${address}', backend: '${ecdsa.name}' }` },
  })
  return Object.freeze(signer)
}

function badSignature(message: string): never {
  throw new InvalidParameterError('INVALID_SIGNATURE', 'signature', message)
}

/**
 * The uncompressed public key (65 bytes, `04 ‖ x ‖ y`) that signed a 32-byte digest with
 * a 65-byte `r‖s‖v` signature: v ∈ {27, 28} (or 0/1), 1 ≤ r < n, 1 ≤ s ≤ n/2. Throws
 * `INVALID_SIGNATURE` (param `signature`) otherwise or when no key recovers.
 *
 * @example
 * ```ts
 * Address.fromPublicKey(Signer.recoverPublicKey(digest, signer.signDigest(digest))) === signer.address // true
 * ```
 */
export function recoverPublicKey(
  digest: Uint8Array | Hex,
  signature: Hex,
  options?: BackendOptions,
): Uint8Array {
  const d = digestBytes(digest)
  if (!isHex(signature, { bytes: 65 })) badSignature('expected 65 bytes of 0x-prefixed hex')
  const bytes = toBytes(signature)
  const v = bytes[64]!
  const recovery = v >= 27 ? v - 27 : v
  if (recovery > 1) badSignature('v must be 27 or 28')
  const rs = bytes.subarray(0, 64)
  const r = toBig(rs.subarray(0, 32))
  const s = toBig(rs.subarray(32))
  if (!isScalar(r) || !isScalar(s)) badSignature('r or s out of range')
  if (s > N >> 1n) badSignature('high-s signature (malleable)')
  return (
    selectBackend(choiceOf(options)).recover(d, rs, recovery) ??
    badSignature('no public key recovers from this signature')
  )
}

/**
 * Recovers the checksummed address that signed a 32-byte digest with a 65-byte
 * `r‖s‖v` signature. Throws `INVALID_SIGNATURE` on malformed input.
 *
 * @example
 * ```ts
 * const sig = signer.signDigest(digest)
 * Signer.recoverDigest(digest, sig) === signer.address // true
 * ```
 */
export function recoverDigest(digest: Uint8Array | Hex, signature: Hex, options?: BackendOptions): Address {
  return fromPublicKey(recoverPublicKey(digest, signature, options).subarray(1))
}

function normalizeSignature(value: unknown, source: string): Hex {
  if (!isHex(value, { bytes: 65 })) {
    throw new ClobError(
      'INVALID_SIGNATURE',
      `${source} returned a malformed signature (expected 65 bytes of hex)`,
    )
  }
  return value.toLowerCase() as Hex
}

/**
 * Deep copy of `value` with integer members as viem types them: bigint above 48 bits
 * (`uint256`), number up to 48 bits (`uint8`), following `types`.
 */
function withBigints(value: unknown, type: string, types: TypedDataTypes): unknown {
  const array = /^(.*)\[\d*\]$/.exec(type)
  if (array !== null) return Array.isArray(value) ? value.map((v) => withBigints(v, array[1]!, types)) : value
  const int = /^u?int(\d*)$/.exec(type)
  if (int !== null) {
    const integer =
      typeof value === 'bigint' ||
      Number.isSafeInteger(value) ||
      (typeof value === 'string' && /^-?[0-9]+$/.test(value))
    if (!integer) return value
    return int[1] !== '' && Number(int[1]) <= 48 ? Number(value) : BigInt(value as string | number | bigint)
  }
  const fields = Object.hasOwn(types, type) ? types[type] : undefined
  if (fields === undefined || typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      const f = fields.find((x) => x.name === key)
      return [key, f === undefined ? v : withBigints(v, f.type, types)]
    }),
  )
}

/**
 * The parts of a viem `WalletClient` the adapter uses (structural; no viem dependency).
 *
 * @example
 * ```ts
 * const wallet: ViemWalletClientLike = createWalletClient({ account, chain: polygon, transport: http() })
 * ```
 */
export interface ViemWalletClientLike {
  readonly account?: { readonly address: string } | undefined
  signTypedData(args: {
    account: never
    domain: Readonly<Record<string, unknown>>
    types: Readonly<Record<string, readonly { readonly name: string; readonly type: string }[]>>
    primaryType: string
    message: Readonly<Record<string, unknown>>
  }): Promise<string>
}

/**
 * Wraps a viem `WalletClient` that has an `account`. Integer members are passed to viem
 * as bigints. The result has no `signDigest`, so orders are signed through
 * `signTypedData` (viem hashes them itself).
 *
 * @example
 * ```ts
 * const wallet = createWalletClient({ account: privateKeyToAccount(pk), chain: polygon, transport: http() })
 * const signer = Signer.fromViem(wallet)
 * ```
 */
export function fromViem(walletClient: ViemWalletClientLike): Signer {
  const account = walletClient?.account
  if (account === undefined || account === null || !isAddress(account.address)) {
    throw new InvalidParameterError(
      'INVALID_ADDRESS',
      'walletClient.account',
      'the wallet client needs an account',
    )
  }
  const address = account.address as Address
  return Object.freeze({
    address,
    async signTypedData(typedData: TypedData): Promise<Hex> {
      const types = typedData.types as TypedDataTypes
      const sig = await walletClient.signTypedData({
        account: account as never,
        domain: typedData.domain,
        types: typedData.types,
        primaryType: typedData.primaryType,
        message: withBigints(typedData.message, typedData.primaryType, types) as Record<string, unknown>,
      })
      return normalizeSignature(sig, 'viem signTypedData')
    },
  })
}

type EthersTypes = Record<string, { name: string; type: string }[]>

/**
 * The parts of an ethers v5/v6 signer the adapter uses (structural; no ethers dependency).
 *
 * @example
 * ```ts
 * const wallet: EthersSignerLike = new Wallet(pk) // ethers v5 or v6
 * ```
 */
export interface EthersSignerLike {
  readonly address?: string
  /** ethers v6 */
  signTypedData?(
    domain: Record<string, unknown>,
    types: EthersTypes,
    value: Record<string, unknown>,
  ): Promise<string>
  /** ethers v5 */
  _signTypedData?(
    domain: Record<string, unknown>,
    types: EthersTypes,
    value: Record<string, unknown>,
  ): Promise<string>
}

/**
 * Wraps an ethers v6 (`signTypedData`) or v5 (`_signTypedData`) signer. The address is
 * read from `wallet.address` (Wallet, HDNodeWallet, v6 JsonRpcSigner) or must be passed
 * as `options.address` (e.g. a v5 JsonRpcSigner after `await getAddress()`).
 *
 * @example
 * ```ts
 * const signer = Signer.fromEthers(new Wallet(pk))
 * const remote = Signer.fromEthers(provider.getSigner(), { address: await provider.getSigner().getAddress() })
 * ```
 */
export function fromEthers(wallet: EthersSignerLike, options: { readonly address?: string } = {}): Signer {
  if (typeof wallet !== 'object' || wallet === null) {
    throw new InvalidParameterError('INVALID_SIGNATURE', 'wallet', 'expected an ethers signer')
  }
  const address = options?.address ?? wallet.address
  if (!isAddress(address)) {
    throw new InvalidParameterError(
      'INVALID_ADDRESS',
      'wallet.address',
      'pass a wallet with an address or options.address',
    )
  }
  const v6 = typeof wallet.signTypedData === 'function'
  const v5 = typeof wallet._signTypedData === 'function'
  if (!v6 && !v5) {
    throw new InvalidParameterError(
      'INVALID_SIGNATURE',
      'wallet',
      'expected signTypedData (v6) or _signTypedData (v5)',
    )
  }
  return Object.freeze({
    address,
    async signTypedData(typedData: TypedData): Promise<Hex> {
      const types: EthersTypes = Object.fromEntries(
        Object.entries(typedData.types)
          .filter(([name]) => name !== 'EIP712Domain')
          .map(([name, fields]) => [name, fields.map((f) => ({ name: f.name, type: f.type }))]),
      )
      const domain = { ...typedData.domain }
      const message = { ...typedData.message }
      const sig = v6
        ? await wallet.signTypedData!(domain, types, message)
        : await wallet._signTypedData!(domain, types, message)
      return normalizeSignature(sig, 'ethers signTypedData')
    },
  })
}
