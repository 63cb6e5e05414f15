/**
 * The bench's fixed market, key and credentials. No imports, so the startup scripts that
 * read them measure only the client they time.
 */
export const TOKEN_ID = '71321045679252212594626385532706912750332728571942532289631379312455583992563'
export const CONDITION_ID = '0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1'
export const PRIVATE_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' as const
export const CREDS = {
  key: '00000000-0000-0000-0000-000000000000',
  secret: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
  passphrase: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
}
