/**
 * Files the web layer serves, resolved from this module's location rather than process.cwd(), so
 * the server, tests and child processes find them wherever they are started from.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const projectPath = (relative: string): string =>
  fileURLToPath(new URL(relative, new URL('../../', import.meta.url)))

const htmxPackage = JSON.parse(
  readFileSync(projectPath('node_modules/htmx.org/package.json'), 'utf8'),
) as { version: string }

/** The installed htmx version, part of its URL so an upgrade can never meet a stale cache. */
export const HTMX_VERSION = htmxPackage.version
export const HTMX_FILE = projectPath('node_modules/htmx.org/dist/htmx.min.js')
export const APP_CSS_FILE = projectPath('views/static/app.css')
/** Spread, progression and geo-differential limits the band checks use. */
export const BAND_POLICY_FILE = projectPath('data/band-policy.json')
