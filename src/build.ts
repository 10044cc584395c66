/**
 * `npm run build`: the server as one ES module, dist/server.mjs, so `npm start` runs plain node
 * instead of compiling TypeScript at every start (tsx took about 1.5 s of a 2.3 s cold start and
 * kept its compiler worker in memory). Packages are bundled too (fewer files to resolve and read
 * at start-up); better-sqlite3 stays outside because it loads its native addon by path.
 *
 * Modules that find files from their own location (`new URL('../data/', import.meta.url)`) would
 * resolve from dist/ once bundled, so each source module's `import.meta.url` is rewritten to its
 * original file's URL, still relative to the bundle: the output works wherever the project sits.
 */
import { readFile } from 'node:fs/promises'
import { dirname, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'
import { answerHelp } from './cli-help.ts'

const root = fileURLToPath(new URL('../', import.meta.url))
export const BUNDLE = `${root}dist/server.mjs`

const sourceLocations: Plugin = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\/(src|views)\/.*\.tsx?$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8')
      if (!text.includes('import.meta.url')) return undefined
      const fromBundle = relative(dirname(b.initialOptions.outfile ?? BUNDLE), args.path)
        .split('\\')
        .join('/')
      const url = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`
      return {
        contents: text.replaceAll('import.meta.url', url),
        loader: args.path.endsWith('x') ? 'tsx' : 'ts',
      }
    })
  },
}

/**
 * The server (or, for profiling, another entry point such as a bench) bundled into dist/;
 * `external`: packages left to load from node_modules (a bench's test helpers import vitest).
 */
export async function buildServer(
  entry = `${root}src/server.ts`,
  outfile = BUNDLE,
  external: string[] = [],
): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    external: ['better-sqlite3', ...external],
    // bundled CommonJS packages (decimal.js' dependants, csv) may call require()
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    plugins: [sourceLocations],
    logLevel: 'warning',
  })
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  answerHelp(
    process.argv.slice(2),
    'usage: npm run build [-- <entry.ts> <outfile.mjs>]\n\nBundles src/server.ts (or <entry.ts>) into dist/server.mjs (or <outfile.mjs>).',
  )
  const [entry, outfile] = process.argv.slice(2)
  await buildServer(entry, outfile)
}
