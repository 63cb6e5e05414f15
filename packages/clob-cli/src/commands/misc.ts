/**
 * `clob completion <shell>`.
 * @module
 */
import { completionScript } from '../completion.js'
import type { Context } from '../context.js'
import { UsageError } from '../errors.js'

export async function completion(ctx: Context): Promise<number> {
  const shell = ctx.positionals[0]
  if (shell === undefined)
    throw new UsageError('MISSING_ARGUMENT', 'shell', 'which shell?', 'clob completion bash|zsh|fish')
  ctx.io.stdout.write(completionScript(shell))
  return 0
}
