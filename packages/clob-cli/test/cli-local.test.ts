import { execFileSync } from 'node:child_process'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { argv, runInPty, type Sandbox, sandbox, TEST_ADDRESS, TEST_KEY } from './helpers.js'

const FOUNDRY = readFileSync(new URL('./fixtures/foundry-keystore.json', import.meta.url), 'utf8')
const FOUNDRY_ADDRESS = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

let box: Sandbox
beforeAll(() => {
  box = sandbox()
})
afterAll(() => box.cleanup())

describe('clob --version / --help', () => {
  it('prints the version and exits 0', () => {
    const r = box.runSync(['--version'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^clob \d+\.\d+\.\d+/)
  })

  it('prints help with every top-level command and the exit codes', () => {
    const r = box.runSync(['--help'])
    expect(r.code).toBe(0)
    for (const c of 'markets book order cancel keys heartbeat sim doctor wallet completion'.split(' ')) {
      expect(r.stdout).toContain(`  ${c}`)
    }
    expect(r.stdout).toContain('Exit codes: 0 success, 1 failure (including a rejected order), 2 usage error')
  })

  it('shows per-command help with examples', () => {
    const r = box.runSync(['order', 'sign', '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('--offline')
    expect(r.stdout).toContain('Examples:')
  })

  it('no arguments: help on stderr, exit 2', () => {
    const r = box.runSync([])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('Usage: clob')
  })
})

describe('usage errors exit 2', () => {
  it.each([
    [['ordr'], 'UNKNOWN_COMMAND', 'did you mean `clob order`'],
    [['order'], 'MISSING_COMMAND', 'limit'],
    [['book', '1', '--bogus'], 'UNKNOWN_OPTION', '--bogus'],
    [['tick-size', '1', '2'], 'UNEXPECTED_ARGUMENT', '"2"'],
    [
      argv('order sign --offline --token 1 --side HOLD --price 0.5 --size 1 --tick-size 0.01'),
      'INVALID_SIDE',
      'BUY or SELL',
    ],
    [
      argv('order sign --offline --token 1 --side BUY --price 0.5 --size 1 --tick-size 0.02'),
      'INVALID_TICK_SIZE',
      '0.01',
    ],
    [
      ['--signature-type', 'multisig', 'profile', 'show'],
      'INVALID_SIGNATURE_TYPE',
      'eoa, proxy, safe or 1271',
    ],
    [['--chain', '1', 'profile', 'show'], 'INVALID_CHAIN', '137'],
    [['completion', 'tcsh'], 'INVALID_SHELL', 'bash, zsh or fish'],
  ])('%j → %s', (args, code, text) => {
    const r = box.runSync(args)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`[${code}]`)
    expect(r.stderr).toContain(text)
    expect(r.stdout).toBe('')
  })

  it('--json puts a structured error on stderr', () => {
    const r = box.runSync(argv('--json order sign --offline --token 1 --side buy! --price 0.5 --size 1'))
    expect(r.code).toBe(2)
    const err = JSON.parse(r.stderr) as { error: { code: string; param: string; hint?: string } }
    expect(err.error.code).toBe('INVALID_SIDE')
    expect(err.error.param).toBe('--side')
    expect(err.error.hint).toBeTruthy()
  })
})

describe('private keys on argv', () => {
  it('refuses --private-key without --unsafe-key-argv and never echoes it', () => {
    const r = box.runSync(['wallet', 'address', '--private-key', TEST_KEY])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('[KEY_ON_ARGV]')
    expect(r.stderr).toContain('--unsafe-key-argv')
    expect(r.stdout + r.stderr).not.toContain(TEST_KEY.slice(2))
  })

  it('a key pasted where a command or argument belongs is not echoed', () => {
    for (const args of [[TEST_KEY], ['tick-size', '1', TEST_KEY.slice(2)]]) {
      const r = box.runSync(args)
      expect(r.code).toBe(2)
      expect(r.stdout + r.stderr).not.toContain(TEST_KEY.slice(2))
      expect(r.stderr).toContain('<64 hex digits>')
    }
  })

  it('accepts it with --unsafe-key-argv', () => {
    const r = box.runSync(['wallet', 'address', '--private-key', TEST_KEY, '--unsafe-key-argv'])
    expect(r.code).toBe(0)
    expect(r.stdout.trim()).toBe(TEST_ADDRESS)
  })

  it('reads CLOB_PRIVATE_KEY and a key file', () => {
    expect(box.runSync(['wallet', 'address'], { env: { CLOB_PRIVATE_KEY: TEST_KEY } }).stdout.trim()).toBe(
      TEST_ADDRESS,
    )
    const kf = box.file('key.hex', `${TEST_KEY}\n`)
    const r = box.runSync(['wallet', 'address', '--key-file', kf, '--json'])
    expect(JSON.parse(r.stdout)).toEqual({ address: TEST_ADDRESS, source: `key file ${kf}` })
  })

  it('warns about a world-readable key file', () => {
    const kf = box.file('loose.hex', TEST_KEY, 0o644)
    const r = box.runSync(['wallet', 'address', '--key-file', kf])
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('readable by others')
  })

  it('a malformed key is an error that does not echo the input', () => {
    const bad = `${TEST_KEY.slice(0, -2)}zz`
    const r = box.runSync(['wallet', 'address'], { env: { CLOB_PRIVATE_KEY: bad } })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('[INVALID_PRIVATE_KEY]')
    expect(r.stderr).not.toContain(bad.slice(2, 40))
  })

  it('with no key at all, says how to configure one', () => {
    const r = box.runSync(['wallet', 'address'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('[NO_KEY]')
    expect(r.stderr).toContain('clob wallet create')
  })
})

describe('profiles and the config directory', () => {
  it('follows XDG_CONFIG_HOME and writes 0600 files in a 0700 directory', () => {
    const r = box.runSync(
      argv(
        `profile set --host http://127.0.0.1:9 --chain amoy --signature-type safe --funder ${FOUNDRY_ADDRESS}`,
      ),
    )
    expect(r.code).toBe(0)
    const path = join(box.config, 'profiles', 'default.json')
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(statSync(join(box.config, 'profiles')).mode & 0o777).toBe(0o700)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({
      host: 'http://127.0.0.1:9',
      chain: 80002,
      signatureType: 'safe',
      funder: FOUNDRY_ADDRESS,
    })
    const show = JSON.parse(box.runSync(['profile', 'show', '--json']).stdout) as {
      effective: Record<string, unknown>
    }
    expect(show.effective).toMatchObject({ host: 'http://127.0.0.1:9', chain: 80002, signatureType: 'safe' })
  })

  it('flags and env override the profile; --profile and CLOB_PROFILE select one', () => {
    const viaFlag = JSON.parse(box.runSync(['profile', 'show', '--json', '--chain', '137']).stdout) as {
      effective: { chain: number }
    }
    expect(viaFlag.effective.chain).toBe(137)
    const viaEnv = JSON.parse(
      box.runSync(['profile', 'show', '--json'], { env: { CLOB_HOST: 'http://127.0.0.1:7' } }).stdout,
    ) as {
      effective: { host: string }
    }
    expect(viaEnv.effective.host).toBe('http://127.0.0.1:7')
    box.runSync(['--profile', 'other', 'profile', 'set', '--chain', '137'])
    const list = JSON.parse(
      box.runSync(['profile', 'list', '--json'], { env: { CLOB_PROFILE: 'other' } }).stdout,
    ) as {
      name: string
      active: boolean
    }[]
    expect(list.map((p) => [p.name, p.active])).toEqual([
      ['default', false],
      ['other', true],
    ])
  })

  it('CLOB_CONFIG_DIR overrides the platform directory', () => {
    const dir = join(box.home, 'elsewhere')
    expect(box.runSync(['profile', 'set', '--chain', '137'], { env: { CLOB_CONFIG_DIR: dir } }).code).toBe(0)
    expect(statSync(join(dir, 'profiles', 'default.json')).mode & 0o777).toBe(0o600)
  })

  it('rejects an unknown --unset key and a traversal profile name', () => {
    expect(box.runSync(['profile', 'set', '--unset', 'nope']).code).toBe(2)
    const r = box.runSync(['--profile', '../etc', 'profile', 'show'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('[INVALID_NAME]')
  })

  it('profile delete needs confirmation: non-TTY without --yes is a usage error', () => {
    const r = box.runSync(['profile', 'delete', 'other'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('[CONFIRMATION_REQUIRED]')
    expect(box.runSync(['profile', 'delete', 'other', '--yes']).code).toBe(0)
    expect(box.runSync(['profile', 'delete', 'other', '--yes']).code).toBe(1)
  })
})

describe('clob wallet', () => {
  let w: Sandbox
  beforeAll(() => {
    w = sandbox()
  })
  afterAll(() => w.cleanup())

  it('create: writes a 0600 v3 keystore and links it to the profile', () => {
    const pw = w.file('pw.txt', 'correct horse battery staple\n')
    const r = w.runSync(['wallet', 'create', 'main', '--password-file', pw, '--scrypt-n', '4096', '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as { name: string; address: string; path: string; profile: string }
    expect(out.name).toBe('main')
    expect(out.profile).toBe('default')
    expect(out.address).toMatch(/^0x[0-9a-fA-F]{40}$/)
    expect(statSync(out.path).mode & 0o777).toBe(0o600)
    const ks = JSON.parse(readFileSync(out.path, 'utf8')) as {
      version: number
      crypto: { kdfparams: { n: number } }
      address: string
    }
    expect(ks.version).toBe(3)
    expect(ks.crypto.kdfparams.n).toBe(4096)
    expect(`0x${ks.address}`).toBe(out.address.toLowerCase())
    // The address comes from the keystore without a password…
    expect(w.runSync(['wallet', 'address']).stdout.trim()).toBe(out.address)
    // …and a second create under the same name is refused.
    expect(w.runSync(['wallet', 'create', 'main', '--password-file', pw]).stderr).toContain(
      '[KEYSTORE_EXISTS]',
    )
  })

  it('import: a Foundry keystore (no address field) with its password', () => {
    const src = w.file('foundry-ks', FOUNDRY)
    const pw = w.file('fpw.txt', 'clobkit-fixture')
    const r = w.runSync(['wallet', 'import', 'dev', '--from', src, '--password-file', pw, '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'dev', address: FOUNDRY_ADDRESS, profile: null })
    const bad = w.file('bad.txt', 'nope')
    const r2 = w.runSync(['wallet', 'import', 'dev2', '--from', src, '--password-file', bad])
    expect(r2.code).toBe(1)
    expect(r2.stderr).toContain('[KEYSTORE_BAD_PASSWORD]')
  })

  it('a Foundry keystore file signs directly with --keystore PATH', () => {
    const src = w.file('foundry-direct', FOUNDRY)
    const pw = w.file('fpw2.txt', 'clobkit-fixture\n')
    const r = w.runSync([
      '--keystore',
      src,
      '--password-file',
      pw,
      'order',
      'sign',
      '--offline',
      '--token',
      '1',
      '--side',
      'SELL',
      '--price',
      '0.3',
      '--size',
      '7',
      '--tick-size',
      '0.01',
      '--json',
    ])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({
      signedOrder: { signer: FOUNDRY_ADDRESS, maker: FOUNDRY_ADDRESS, side: 'SELL' },
    })
    expect(w.runSync(['wallet', 'address', 'dev']).stdout.trim()).toBe(FOUNDRY_ADDRESS)
  })

  it('import: from CLOB_PRIVATE_KEY, then the keystore unlocks to the same key', () => {
    const pw = w.file('pw2.txt', 'another password')
    const r = w.runSync(['wallet', 'import', 'hh0', '--password-file', pw, '--scrypt-n', '4096', '--json'], {
      env: { CLOB_PRIVATE_KEY: TEST_KEY },
    })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ address: TEST_ADDRESS })
    expect(readFileSync(join(w.config, 'keystores', 'hh0.json'), 'utf8')).not.toContain(TEST_KEY.slice(2))
  })

  it('import without any key source and no TTY is a usage error', () => {
    const r = w.runSync(['wallet', 'import', 'x', '--password-file', w.file('p3', 'pw')])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('[NO_KEY_TO_IMPORT]')
  })

  it('list: names, addresses, and the active one', () => {
    const r = w.runSync(['wallet', 'list', '--json'])
    const rows = JSON.parse(r.stdout) as { name: string; address: string; active: boolean }[]
    expect(rows.map((x) => x.name)).toEqual(['dev', 'hh0', 'main'])
    expect(rows.find((x) => x.name === 'dev')?.address).toBe(FOUNDRY_ADDRESS)
    expect(rows.find((x) => x.name === 'main')?.active).toBe(true)
    const human = w.runSync(['wallet', 'list'])
    expect(human.stdout).toMatch(/^\s+NAME\s+ADDRESS\s+PATH/m)
  })

  it('a keystore password is needed without a TTY, and a prompt is used on one', async () => {
    const sign = argv(
      '--keystore hh0 order sign --offline --token 1 --side BUY --price 0.5 --size 10 --tick-size 0.01',
    )
    const r = w.runSync(sign)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('[PASSWORD_REQUIRED]')
    const pty = await runInPty(w, sign, [{ expect: 'Password to unlock', send: 'another password\r' }])
    expect(pty.code).toBe(0)
    expect(pty.stdout).toMatch(/order hash\s+0x[0-9a-f]{64}/)
    expect(pty.stdout).not.toContain('another password')
  })

  it('create on a TTY asks for the password twice, hidden', async () => {
    const r = await runInPty(
      w,
      ['--profile', 'tty', 'wallet', 'create', 'ttykey', '--scrypt-n', '1024'],
      [
        { expect: 'Password to encrypt keystore ttykey: ', send: 'hunter2hunter2\r' },
        { expect: 'Repeat the password: ', send: 'hunter2hunter2\r' },
      ],
    )
    expect(r.code).toBe(0)
    expect(r.stdout).not.toContain('hunter2')
    expect(r.stdout).toMatch(/address\s+0x[0-9a-fA-F]{40}/)
  })
})

describe('output conventions', () => {
  it('NO_COLOR and non-TTY output carry no escape codes; FORCE_COLOR adds them', () => {
    const plain = box.runSync(['wallet', 'list'], { env: { NO_COLOR: '1' } })
    expect(plain.stdout).not.toContain('\x1b[')
    const forced = box.runSync(['profile', 'list'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })
    expect(forced.stdout).toContain('\x1b[1m')
    const both = box.runSync(['wallet', 'list'], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } })
    expect(both.stdout).not.toContain('\x1b[')
  })
})

describe('clob completion', () => {
  it('bash completes commands, subcommands, options and enum values', () => {
    const script = box.runSync(['completion', 'bash']).stdout
    const file = box.file('clob.bash', script)
    const complete = (words: string[]): string =>
      execFileSync(
        'bash',
        [
          '-c',
          `source ${file}; COMP_WORDS=(${words.map((x) => `'${x}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _clob; echo "\${COMPREPLY[*]}"`,
        ],
        {
          encoding: 'utf8',
        },
      ).trim()
    expect(complete(['clob', 'ord'])).toBe('order orders')
    expect(complete(['clob', '--profile', 'x', 'order', 'l'])).toBe('limit')
    expect(complete(['clob', 'order', 'limit', '--si'])).toBe('--side --size --signature-type')
    expect(complete(['clob', 'order', 'limit', '--side', ''])).toBe('BUY SELL')
    expect(complete(['clob', 'cancel', ''])).toBe('order all market')
  })

  it('zsh and fish scripts are generated from the same table', () => {
    const zsh = box.runSync(['completion', 'zsh']).stdout
    expect(zsh.startsWith('#compdef clob')).toBe(true)
    expect(zsh).toContain('"order") print -r -- "limit market batch sign get"')
    const fish = box.runSync(['completion', 'fish']).stdout
    expect(fish).toContain("complete -c clob -n '__clob_prev_is --side' -a 'BUY SELL'")
    expect(fish).toContain("case 'order'")
    // Syntax-check the bash one at least.
    writeFileSync(join(box.home, 'x.bash'), box.runSync(['completion', 'bash']).stdout)
    expect(() => execFileSync('bash', ['-n', join(box.home, 'x.bash')])).not.toThrow()
  })
})

describe('signing backends', () => {
  it('the installed binary signs with libsecp256k1 when it loads, byte for byte as noble', async () => {
    const b = sandbox({ CLOB_PRIVATE_KEY: TEST_KEY })
    try {
      const args = argv(
        'order sign --offline --token 1 --side BUY --price 0.5 --size 10 --tick-size 0.01 --salt 7 --timestamp 1700000000 --json',
      )
      // Forcing a backend that cannot load is an error, so exit 0 proves each one ran.
      const [native, noble] = await Promise.all([
        b.run(args, { env: { CLOBKIT_SECP256K1: 'native' } }),
        b.run(args, { env: { CLOBKIT_SECP256K1: 'noble' } }),
      ])
      expect(native.code, native.stderr).toBe(0)
      expect(noble.code, noble.stderr).toBe(0)
      const sig = (r: { stdout: string }) => (JSON.parse(r.stdout) as { signature: string }).signature
      expect(sig(native)).toMatch(/^0x[0-9a-f]{130}$/)
      expect(sig(native)).toBe(sig(noble))
    } finally {
      b.cleanup()
    }
  })
})
