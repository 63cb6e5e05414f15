#!/usr/bin/env node
/**
 * Fails when the TypeScript import graph of the workspace has a cycle.
 *
 * Walks every `src/` of packages/* and apps/*: static `import` / `export … from` /
 * `import x = require()` statements, type-only ones included (a type-only cycle still
 * couples the modules and turns into a runtime one with the first value import).
 * Dynamic `import()` is left out: it is how a cycle is deliberately broken (lazy load).
 * Relative specifiers resolve the way TypeScript's NodeNext does (`./x.js` → `./x.ts`);
 * `@clobkit/<pkg>[/sub]` resolves through the package's `@clobkit/source` export
 * condition, so cycles across packages are found too.
 *
 * Usage: node tooling/check-cycles.mjs [root]   (exit 1 and the cycles on stderr)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

const root = resolve(process.argv[2] ?? join(dirname(new URL(import.meta.url).pathname), '..'))
const SOURCE = /\.(?:ts|tsx|mts|cts)$/

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) walk(path, out)
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(path)
  }
  return out
}

/** Workspace packages: name → { dir, exports (subpath → source file) }. */
function workspacePackages() {
  const packages = new Map()
  for (const group of ['packages', 'apps']) {
    const base = join(root, group)
    if (!existsSync(base)) continue
    for (const name of readdirSync(base)) {
      const dir = join(base, name)
      const manifest = join(dir, 'package.json')
      if (!existsSync(manifest)) continue
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'))
      const exports = new Map()
      if (pkg.exports && typeof pkg.exports === 'object') {
        for (const [sub, target] of Object.entries(pkg.exports)) {
          const source = target && typeof target === 'object' ? target['@clobkit/source'] : undefined
          if (typeof source === 'string') exports.set(sub, resolve(dir, source))
        }
      }
      packages.set(pkg.name, { dir, exports })
    }
  }
  return packages
}

function resolveRelative(from, specifier) {
  const base = resolve(dirname(from), specifier)
  const stem = base.replace(/\.(?:m|c)?js$/, '')
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${stem}.cts`, join(base, 'index.ts')]
  return candidates.find((c) => SOURCE.test(c) && existsSync(c) && statSync(c).isFile())
}

function resolveSpecifier(from, specifier, packages) {
  if (specifier.startsWith('.')) return resolveRelative(from, specifier)
  const match = /^(@[^/]+\/[^/]+)(\/.*)?$/.exec(specifier)
  if (!match) return undefined
  const pkg = packages.get(match[1])
  return pkg?.exports.get(match[2] === undefined ? '.' : `.${match[2]}`)
}

/** Module specifiers of the file's static import and re-export statements. */
function specifiers(file) {
  const text = readFileSync(file, 'utf8')
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false)
  const out = []
  for (const st of sf.statements) {
    if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier) {
      if (ts.isStringLiteral(st.moduleSpecifier)) out.push(st.moduleSpecifier.text)
    } else if (
      ts.isImportEqualsDeclaration(st) &&
      ts.isExternalModuleReference(st.moduleReference) &&
      ts.isStringLiteral(st.moduleReference.expression)
    ) {
      out.push(st.moduleReference.expression.text)
    }
  }
  return out
}

/** Strongly connected components with more than one node, or a node importing itself (Tarjan). */
function cycles(graph) {
  let index = 0
  const stack = []
  const onStack = new Set()
  const idx = new Map()
  const low = new Map()
  const found = []
  const connect = (v) => {
    idx.set(v, index)
    low.set(v, index)
    index++
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        connect(w)
        low.set(v, Math.min(low.get(v), low.get(w)))
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v), idx.get(w)))
      }
    }
    if (low.get(v) === idx.get(v)) {
      const scc = []
      let w
      do {
        w = stack.pop()
        onStack.delete(w)
        scc.push(w)
      } while (w !== v)
      if (scc.length > 1 || graph.get(v)?.has(v)) found.push(scc)
    }
  }
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) connect(v)
  return found
}

/** One concrete cycle through the component: a shortest path back to its first file. */
function witness(graph, scc) {
  const members = new Set(scc)
  const start = [...scc].sort()[0]
  const prev = new Map([[start, null]])
  const queue = [start]
  while (queue.length > 0) {
    const v = queue.shift()
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue
      if (w === start) {
        const path = [start]
        for (let u = v; u !== start; u = prev.get(u)) path.splice(1, 0, u)
        return [...path, start]
      }
      if (!prev.has(w)) {
        prev.set(w, v)
        queue.push(w)
      }
    }
  }
  return [start, start]
}

const packages = workspacePackages()
const graph = new Map()
for (const { dir } of packages.values()) {
  const src = join(dir, 'src')
  if (!existsSync(src)) continue
  for (const file of walk(src, [])) graph.set(file, new Set())
}
for (const [file, edges] of graph) {
  for (const specifier of specifiers(file)) {
    const target = resolveSpecifier(file, specifier, packages)
    if (target !== undefined && graph.has(target)) edges.add(target)
  }
}

const found = cycles(graph)
const show = (file) => relative(root, file)
if (found.length === 0) {
  console.log(`no import cycles (${graph.size} modules)`)
} else {
  console.error(`${found.length} import cycle${found.length === 1 ? '' : 's'}:`)
  for (const scc of found) {
    const path = witness(graph, scc)
    console.error(`\n  ${path.map(show).join('\n    → ')}`)
    if (scc.length > path.length - 1) {
      console.error(`    (${scc.length} files in this cycle: ${scc.map(show).sort().join(', ')})`)
    }
  }
  process.exitCode = 1
}
