/**
 * Dependencies point down: web -> views, domain, db; db -> domain; views -> domain. Each file's
 * imports are read from its text and resolved against the repository, so a file that imports
 * across a layer the wrong way fails here, naming the file and the import.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => join(dir, f))
}

/** A relative import resolved to a repository path (a package's name never starts so). */
const IN_REPO = /^(src|views|test|data)\//

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/g

/** Every import of `file`: a repository path for a relative one, else the package's name. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8')
  return [...text.matchAll(IMPORT)].map(([, spec]) =>
    spec!.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), spec!)) : spec!,
  )
}

function crossings(dir: string, forbidden: (target: string) => boolean): string[] {
  return sourceFiles(dir).flatMap((file) =>
    importsOf(file)
      .filter(forbidden)
      .map((target) => `${file} imports ${target}`),
  )
}

describe('layers', () => {
  it('finds the imports it checks (the reader is not blind)', () => {
    expect(importsOf('src/web/app.ts')).toContain('src/web/routes/positions.tsx')
    expect(importsOf('views/pages/Positions.tsx')).toContain('views/models/position-table.ts')
  })

  it('views import nothing from src/web', () => {
    expect(crossings('views', (t) => t.startsWith('src/web/'))).toEqual([])
  })

  it('the domain is pure: it imports only the domain and no node: module', () => {
    expect(
      crossings(
        'src/domain',
        (t) => t.startsWith('node:') || (IN_REPO.test(t) && !t.startsWith('src/domain/')),
      ),
    ).toEqual([])
  })

  it('the store imports neither the web layer nor the views', () => {
    expect(crossings('src/db', (t) => t.startsWith('src/web/') || t.startsWith('views/'))).toEqual(
      [],
    )
  })
})
