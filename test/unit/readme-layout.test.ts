/**
 * README tells the truth about the tree: its Layout names only paths git tracks and every folder
 * directly inside src/, views/ and test/; and the documentation the code, tests and data cite
 * (docs/<file>.md#<section>) exists inside the repository, down to the section.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter(Boolean)
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')

/** Whether `path` is a tracked file, or (ending in /) a folder holding one. */
const exists = (path: string) =>
  path.endsWith('/') ? tracked.some((f) => f.startsWith(path)) : tracked.includes(path)

/**
 * The paths the Layout block names, each with its parents: a line indented by two spaces per level
 * names a folder (ending in /) or a file; lines indented further continue a description.
 */
function layoutPaths(readme: string): string[] {
  const section = readme.split(/^## Layout$/m)[1]?.split(/^## /m)[0] ?? ''
  const block = /```\n([\s\S]*?)```/.exec(section)?.[1] ?? ''
  const parents: string[] = []
  const paths: string[] = []
  for (const line of block.split('\n')) {
    const m = /^( *)([\w.-]+\/?)(\s|$)/.exec(line)
    if (!m || m[1]!.length % 2 !== 0 || m[1]!.length > 8) continue
    const name = m[2]!
    if (!name.endsWith('/') && !/\.\w+$/.test(name)) continue
    const depth = m[1]!.length / 2
    parents.length = depth
    paths.push(parents.join('') + name)
    if (name.endsWith('/')) parents.push(name)
  }
  return paths
}

/** Folders directly inside `top` (such as "src/web/"), from the tracked files. */
const foldersIn = (top: string) => [
  ...new Set(
    tracked
      .filter((f) => f.startsWith(top) && f.slice(top.length).includes('/'))
      .map((f) => `${top}${f.slice(top.length).split('/')[0]}/`),
  ),
]

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')

function anchors(doc: string): Set<string> {
  return new Set([...read(doc).matchAll(/^#{1,6} (.+)$/gm)].map(([, h]) => anchorOf(h!)))
}

describe('README layout', () => {
  const readme = read('README.md')
  const paths = layoutPaths(readme)

  it('reads the layout block (the reader is not blind)', () => {
    expect(paths).toContain('src/')
    expect(paths).toContain('src/web/routes/')
    expect(paths).toContain('views/pages/')
    expect(paths.length).toBeGreaterThan(20)
  })

  it('names only paths that exist', () => {
    expect(paths.filter((p) => !exists(p))).toEqual([])
  })

  it.each(['src/', 'views/', 'test/'])('names every folder directly inside %s', (top) => {
    expect(foldersIn(top).filter((f) => !paths.includes(f))).toEqual([])
  })

  it('a folder left out or a path made up is caught', () => {
    const edited = readme.replace(/^ {2}unit\/.*$/m, '  made-up/   nothing here')
    const editedPaths = layoutPaths(edited)
    expect(editedPaths).toContain('test/made-up/')
    expect(exists('test/made-up/')).toBe(false)
    expect(foldersIn('test/').filter((f) => !editedPaths.includes(f))).toEqual(['test/unit/'])
  })
})

describe('documentation references', () => {
  const citing = tracked.filter((f) => /^(README\.md|docs\/|src\/|test\/|views\/|data\/)/.test(f))

  it('cite docs/ files and sections that exist', () => {
    const broken: string[] = []
    for (const file of citing) {
      const text = read(file)
      const refs = [...text.matchAll(/docs\/([\w-]+\.md)(?:#([\w-]+))?/g)]
      // docs link to each other by bare file name: [engine](engine.md#section)
      if (file.startsWith('docs/')) refs.push(...text.matchAll(/\]\(([\w-]+\.md)(?:#([\w-]+))?\)/g))
      for (const [ref, name, anchor] of refs) {
        const doc = `docs/${name}`
        if (!exists(doc)) broken.push(`${file}: ${ref} (no such file)`)
        else if (anchor && !anchors(doc).has(anchor)) broken.push(`${file}: ${ref} (no section)`)
      }
    }
    expect(broken).toEqual([])
  })

  it('refer to nothing outside the repository', () => {
    const outside = citing
      .filter((f) => f === 'README.md' || f.startsWith('test/') || f.startsWith('docs/'))
      .filter((f) => /\/work\/|shared\/domain\.md|\bdomain\.md\b/.test(read(f)))
    expect(outside.filter((f) => f !== 'test/unit/readme-layout.test.ts')).toEqual([])
  })
})
