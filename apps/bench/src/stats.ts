/** Small timing helpers for the bench (wall clock; run on an otherwise idle machine). */
export const nowNs = (): bigint => process.hrtime.bigint()

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i] as number
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  )
}

/** Runs `fn` repeatedly for about `ms` milliseconds after a warm-up; returns operations per second. */
export async function opsPerSecond(
  fn: () => unknown,
  ms: number,
  warmup = Math.min(ms / 4, 500),
): Promise<number> {
  const until = (deadline: bigint) => nowNs() < deadline
  let deadline = nowNs() + BigInt(Math.round(warmup * 1e6))
  while (until(deadline)) await fn()
  let n = 0
  const start = nowNs()
  deadline = start + BigInt(Math.round(ms * 1e6))
  while (until(deadline)) {
    await fn()
    n++
  }
  return n / (Number(nowNs() - start) / 1e9)
}

/** Mean microseconds per synchronous call of `fn`, measured over `iterations` after a warm-up. */
export function microsPerCall(fn: () => unknown, iterations: number): number {
  for (let i = 0; i < Math.min(iterations, 2000); i++) fn()
  const start = nowNs()
  for (let i = 0; i < iterations; i++) fn()
  return Number(nowNs() - start) / 1e3 / iterations
}
