/**
 * Terminal prompts: a yes/no confirmation and a hidden password read. Both refuse
 * to run without a TTY (the caller turns that into a usage error), so a script
 * can never hang waiting for input it will not get.
 * @module
 */
import { CliError } from './errors.js'
import type { InStream, OutStream } from './output.js'

export function isInteractive(stdin: InStream): boolean {
  return stdin.isTTY === true
}

/**
 * Reads one line from stdin. With `hidden`, the terminal is put in raw mode and
 * nothing is echoed; Ctrl-C / Ctrl-D abort with code ABORTED.
 */
export function readLine(
  stdin: InStream,
  stderr: OutStream,
  prompt: string,
  hidden: boolean,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = ''
    const raw = hidden && typeof stdin.setRawMode === 'function'
    // Echo goes off before the prompt appears, so nothing typed early is shown.
    if (raw) stdin.setRawMode?.(true)
    stderr.write(prompt)
    stdin.setEncoding?.('utf8')
    const finish = (err: Error | undefined, value?: string): void => {
      stdin.removeListener('data', onData as (...args: never[]) => void)
      stdin.removeListener('end', onEnd as (...args: never[]) => void)
      if (raw) stdin.setRawMode?.(false)
      stdin.pause()
      if (hidden) stderr.write('\n')
      if (err) reject(err)
      else resolve(value ?? '')
    }
    const onEnd = (): void => {
      if (buf.length > 0) finish(undefined, buf)
      else finish(new CliError('ABORTED', 'input ended before an answer was given'))
    }
    const onData = (chunk: Buffer | string): void => {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8')
      for (const ch of text) {
        if (ch === '\r' || ch === '\n') {
          finish(undefined, buf)
          return
        }
        if (ch === '\u0003' || (ch === '\u0004' && buf === '')) {
          finish(new CliError('ABORTED', 'aborted'))
          return
        }
        if (ch === '\u007f' || ch === '\b') {
          buf = [...buf].slice(0, -1).join('')
          continue
        }
        if (ch === '\u0015') {
          buf = ''
          continue
        }
        // biome-ignore lint/suspicious/noControlCharactersInRegex: ignore other control bytes
        if (/[\u0000-\u001f]/.test(ch)) continue
        buf += ch
      }
    }
    stdin.on('data', onData)
    stdin.on('end', onEnd)
    stdin.resume()
  })
}

export async function confirm(stdin: InStream, stderr: OutStream, question: string): Promise<boolean> {
  const answer = await readLine(stdin, stderr, `${question} [y/N] `, false)
  return /^(y|yes)$/i.test(answer.trim())
}
