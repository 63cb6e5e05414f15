/**
 * The `clob` binary. `--version` is answered before anything else is loaded (not
 * even a second module), so it costs barely more than starting node; every other
 * command loads `main.js`.
 * @module
 */
declare const __CLOB_VERSION__: string | undefined

const argv = process.argv.slice(2)
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`clob ${typeof __CLOB_VERSION__ === 'string' ? __CLOB_VERSION__ : '0.0.0-dev'}\n`)
} else {
  const { run } = await import('./main.js')
  process.exitCode = await run(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
  })
}
