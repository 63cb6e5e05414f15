import { inspect } from 'node:util'
import { nativeSigner } from '@clobkit/clob-cli'
import { Signer, TypedData } from '@clobkit/eip712-order'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'

describe('nativeSigner', () => {
  it('has the address of the key', () => {
    expect(nativeSigner(KEY).address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')
  })

  it('signs byte-for-byte like the noble signer (RFC 6979, low-s, v 27/28)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (k, d) => {
          const hex = `0x${Buffer.from(k).toString('hex')}`
          let reference: ReturnType<typeof Signer.fromPrivateKey>
          try {
            reference = Signer.fromPrivateKey(hex)
          } catch {
            return // out of range keys are rejected by both
          }
          const sig = nativeSigner(hex).signDigest(d)
          expect(sig).toBe(reference.signDigest(d))
          expect(Signer.recoverDigest(d, sig)).toBe(reference.address)
        },
      ),
      { numRuns: 60 },
    )
  })

  it('signs typed data like the reference', async () => {
    const td = {
      domain: { name: 'ClobAuthDomain', version: '1', chainId: 137 },
      types: {
        EIP712Domain: [
          { name: 'name', type: 'string' },
          { name: 'version', type: 'string' },
          { name: 'chainId', type: 'uint256' },
        ],
        ClobAuth: [
          { name: 'address', type: 'address' },
          { name: 'timestamp', type: 'string' },
          { name: 'nonce', type: 'uint256' },
          { name: 'message', type: 'string' },
        ],
      },
      primaryType: 'ClobAuth',
      message: {
        address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
        timestamp: '1700000000',
        nonce: 0,
        message: 'This message attests that I control the given wallet',
      },
    }
    const sig = await nativeSigner(KEY).signTypedData(td)
    expect(sig).toBe(await Signer.fromPrivateKey(KEY).signTypedData(td))
    expect(Signer.recoverDigest(TypedData.hashTypedData(td), sig)).toBe(
      '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    )
  })

  it('never shows the key', () => {
    const s = nativeSigner(KEY)
    const shown = `${JSON.stringify(s)} ${String(s)} ${inspect(s)} ${Object.keys(s).join()}`
    expect(shown).not.toContain(KEY.slice(2))
    expect(shown).toContain('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')
  })

  it('rejects malformed and out-of-range keys without echoing them', () => {
    for (const bad of ['0x1234', `0x${'0'.repeat(64)}`, `0x${'f'.repeat(64)}`]) {
      let err: unknown
      try {
        nativeSigner(bad)
      } catch (e) {
        err = e
      }
      expect(err).toMatchObject({ code: 'INVALID_PRIVATE_KEY' })
      expect(String((err as Error).message)).not.toContain(bad.slice(2, 20))
    }
  })
})
