import { readFileSync } from 'node:fs'
import { addressOf, decryptKeystore, encryptKeystore, parseKeystore } from '@clobkit/clob-cli'
import { describe, expect, it } from 'vitest'

// Web3 Secret Storage definition test vectors (password "testpassword").
const WEB3_KEY = '0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d'
const WEB3_ADDRESS = '0x008AeEda4D805471dF9b2A5B0f38A0C3bCBA786b'
const SCRYPT_VECTOR = {
  crypto: {
    cipher: 'aes-128-ctr',
    cipherparams: { iv: '83dbcc02d8ccb40e466191a123791e0e' },
    ciphertext: 'd172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c',
    kdf: 'scrypt',
    kdfparams: {
      dklen: 32,
      n: 262144,
      p: 8,
      r: 1,
      salt: 'ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19',
    },
    mac: '2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097',
  },
  id: '3198bc9c-6672-5ab3-d995-4942343ae5b6',
  version: 3,
}
const PBKDF2_VECTOR = {
  crypto: {
    cipher: 'aes-128-ctr',
    cipherparams: { iv: '6087dab2f9fdbbfaddc31a909735c1e6' },
    ciphertext: '5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46',
    kdf: 'pbkdf2',
    kdfparams: {
      c: 262144,
      dklen: 32,
      prf: 'hmac-sha256',
      salt: 'ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd',
    },
    mac: '517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2',
  },
  id: '3198bc9c-6672-5ab3-d995-4942343ae5b6',
  version: 3,
}

// Foundry layout (no address field, n=8192 r=8 p=1), written by ethers' json-wallets
// encryptKeystore; see fixtures/README.md. Key: Hardhat account #1.
const FOUNDRY = readFileSync(new URL('./fixtures/foundry-keystore.json', import.meta.url), 'utf8')
const FOUNDRY_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'

describe('decryptKeystore', () => {
  it('decrypts the Web3 Secret Storage scrypt vector', async () => {
    const key = await decryptKeystore(parseKeystore(JSON.stringify(SCRYPT_VECTOR)), 'testpassword')
    expect(key).toBe(WEB3_KEY)
    expect(addressOf(key)).toBe(WEB3_ADDRESS)
  })

  it('decrypts the Web3 Secret Storage PBKDF2 vector', async () => {
    expect(await decryptKeystore(parseKeystore(JSON.stringify(PBKDF2_VECTOR)), 'testpassword')).toBe(WEB3_KEY)
  })

  it('decrypts a Foundry-format keystore', async () => {
    const ks = parseKeystore(FOUNDRY)
    expect(ks.address).toBeUndefined()
    expect(await decryptKeystore(ks, 'clobkit-fixture')).toBe(FOUNDRY_KEY)
  })

  it('rejects a wrong password by MAC without leaking the key', async () => {
    const err = await decryptKeystore(parseKeystore(FOUNDRY), 'wrong').catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'KEYSTORE_BAD_PASSWORD' })
    expect(JSON.stringify(err) + String(err)).not.toContain(FOUNDRY_KEY.slice(2))
  })

  it('accepts geth legacy capitalised Crypto', async () => {
    const { crypto, ...rest } = JSON.parse(FOUNDRY) as Record<string, unknown>
    expect(
      await decryptKeystore(parseKeystore(JSON.stringify({ ...rest, Crypto: crypto })), 'clobkit-fixture'),
    ).toBe(FOUNDRY_KEY)
  })

  it('refuses hostile or malformed parameters', () => {
    const base = JSON.parse(FOUNDRY) as { crypto: Record<string, unknown> }
    const variant = (patch: Record<string, unknown>): string =>
      JSON.stringify({ ...base, crypto: { ...base.crypto, ...patch } })
    expect(() => parseKeystore('nope')).toThrow(expect.objectContaining({ code: 'KEYSTORE_INVALID' }))
    expect(() => parseKeystore(JSON.stringify({ ...base, version: 1 }))).toThrow(
      expect.objectContaining({ code: 'KEYSTORE_UNSUPPORTED' }),
    )
    expect(() => parseKeystore(variant({ cipher: 'aes-256-cbc' }))).toThrow(
      expect.objectContaining({ code: 'KEYSTORE_UNSUPPORTED' }),
    )
    expect(() => parseKeystore(variant({ mac: 'zz' }))).toThrow(
      expect.objectContaining({ code: 'KEYSTORE_INVALID' }),
    )
    expect(() => parseKeystore(variant({ kdf: 'argon2' }))).toThrow(
      expect.objectContaining({ code: 'KEYSTORE_UNSUPPORTED' }),
    )
  })

  it('refuses a scrypt cost that would exhaust memory', async () => {
    const base = JSON.parse(FOUNDRY) as { crypto: { kdfparams: Record<string, unknown> } }
    const ks = parseKeystore(
      JSON.stringify({
        ...base,
        crypto: { ...base.crypto, kdfparams: { ...base.crypto.kdfparams, n: 2 ** 24, r: 8 } },
      }),
    )
    await expect(decryptKeystore(ks, 'x')).rejects.toMatchObject({ code: 'KEYSTORE_UNSAFE_PARAMS' })
  })
})

describe('encryptKeystore', () => {
  it('round-trips and records the lowercase address', async () => {
    const ks = await encryptKeystore(FOUNDRY_KEY, 'pässwörd', { n: 1024, r: 8, p: 1 })
    expect(ks.version).toBe(3)
    expect(ks.crypto.kdf).toBe('scrypt')
    expect(ks.crypto.kdfparams).toMatchObject({ n: 1024, r: 8, p: 1, dklen: 32 })
    expect(ks.address).toBe('70997970c51812dc3a010c7d01b50e0d17dc79c8')
    expect(JSON.stringify(ks)).not.toContain(FOUNDRY_KEY.slice(2))
    expect(await decryptKeystore(parseKeystore(JSON.stringify(ks)), 'pässwörd')).toBe(FOUNDRY_KEY)
    await expect(decryptKeystore(ks, 'passwörd')).rejects.toMatchObject({ code: 'KEYSTORE_BAD_PASSWORD' })
  })

  it('uses fresh salt and iv every time', async () => {
    const a = await encryptKeystore(FOUNDRY_KEY, 'pw', { n: 1024, r: 8, p: 1 })
    const b = await encryptKeystore(FOUNDRY_KEY, 'pw', { n: 1024, r: 8, p: 1 })
    expect(a.crypto.ciphertext).not.toBe(b.crypto.ciphertext)
    expect(a.crypto.kdfparams.salt).not.toBe(b.crypto.kdfparams.salt)
  })

  it('rejects an invalid private key without echoing it', async () => {
    const bad = `0x${'f'.repeat(64)}`
    const err = await encryptKeystore(bad as `0x${string}`, 'pw', { n: 1024, r: 8, p: 1 }).catch(
      (e: unknown) => e,
    )
    expect(err).toMatchObject({ code: 'INVALID_PRIVATE_KEY' })
    expect(String(err)).not.toContain('f'.repeat(64))
  })
})
