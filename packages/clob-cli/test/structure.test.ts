import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const SRC = fileURLToPath(new URL('../src', import.meta.url))

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )
}

/** Every relative import of a module: static, type-only, re-exports and dynamic `import()`. */
function imports(file: string): string[] {
  const src = readFileSync(file, 'utf8')
  const specs = [
    ...src.matchAll(/\b(?:import|export)\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"](\.[^'"]+)['"]/g),
    ...src.matchAll(/\bimport\s*\(\s*['"](\.[^'"]+)['"]\s*\)/g),
    ...src.matchAll(/\bimport\s+['"](\.[^'"]+)['"]/g),
  ].map((m) => m[1]!)
  return specs.map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')))
}

/** The cycles of the import graph (one representative path per cycle found by DFS). */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (n: string): void => {
    state.set(n, 'open')
    stack.push(n)
    for (const m of graph.get(n) ?? []) {
      if (state.get(m) === 'open') found.push([...stack.slice(stack.indexOf(m)), m])
      else if (state.get(m) === undefined) visit(m)
    }
    stack.pop()
    state.set(n, 'done')
  }
  for (const n of graph.keys()) if (state.get(n) === undefined) visit(n)
  return found
}

describe('module structure', () => {
  const all = files(SRC)
  const graph = new Map(all.map((f) => [f, imports(f)]))

  it('every relative import resolves to a source file', () => {
    const missing = [...graph].flatMap(([f, deps]) =>
      deps.filter((d) => !all.includes(d)).map((d) => `${relative(SRC, f)} -> ${relative(SRC, d)}`),
    )
    expect(missing).toEqual([])
  })

  it('has no import cycle, counting type-only and dynamic imports', () => {
    const found = cycles(graph).map((c) => c.map((f) => relative(SRC, f)).join(' -> '))
    expect(found).toEqual([])
  })

  it('the checker sees a cycle when there is one', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ])
    expect(cycles(g)).toEqual([['a', 'b', 'c', 'a']])
  })
})
