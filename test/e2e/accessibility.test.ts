/**
 * Issue #4's acceptance criterion, checked on every full page the app serves: usable by keyboard,
 * a label on every field, readable at 1280 px and at 390 px. One browser, one signed-in tab per
 * role, each page audited at both widths; every problem on a page is reported at once.
 */
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import type { Role } from '../../src/db/repos/users.ts'
import { SCREENSHOTS, useBrowserApp } from '../helpers/browser.ts'

const session = useBrowserApp()

const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]

/** Every GET that renders a full page, with demo-data ids, for a role that may open it. */
const PAGES: { name: string; path: string; as: Role | null; status?: number }[] = [
  { name: 'sign-in', path: '/login', as: null },
  { name: 'organisation', path: '/', as: 'admin' },
  { name: 'overview', path: '/overview', as: 'leadership' },
  { name: 'org-chart', path: '/org-chart', as: 'admin' },
  { name: 'team', path: '/teams/interpretability', as: 'admin' },
  { name: 'positions', path: '/positions', as: 'admin' },
  { name: 'new-position', path: '/positions/new', as: 'admin' },
  { name: 'edit-position', path: '/positions/r-102/edit', as: 'admin' },
  { name: 'projection', path: '/projection', as: 'admin' },
  {
    name: 'explanation',
    path: '/projection/explain?period=month&column=2027-01&position=p-002',
    as: 'admin',
  },
  { name: 'bands', path: '/bands', as: 'admin' },
  { name: 'edit-band', path: '/bands/research-scientist-l4-london/edit', as: 'admin' },
  { name: 'packages', path: '/packages', as: 'admin' },
  { name: 'offices', path: '/offices', as: 'admin' },
  { name: 'recruiting', path: '/recruiting', as: 'admin' },
  { name: 'loops', path: '/recruiting/loops', as: 'admin' },
  { name: 'job-ad', path: '/recruiting/roles/r-101', as: 'admin' },
  { name: 'rates', path: '/rates', as: 'admin' },
  { name: 'assumptions', path: '/assumptions', as: 'admin' },
  { name: 'data', path: '/data', as: 'admin' },
  { name: 'import', path: '/import', as: 'admin' },
  { name: 'scenarios', path: '/scenarios', as: 'admin' },
  { name: 'scenario', path: '/scenarios/accelerated-hiring', as: 'admin' },
  { name: 'compare', path: '/scenarios/compare?b=accelerated-hiring', as: 'admin' },
  { name: 'approvals', path: '/approvals', as: 'admin' },
  { name: 'audit', path: '/audit', as: 'admin' },
  { name: 'users', path: '/users', as: 'admin' },
  { name: 'tokens', path: '/tokens', as: 'admin' },
  { name: 'not-found', path: '/no-such-page', as: 'admin', status: 404 },
  { name: 'forbidden', path: '/users', as: 'viewer', status: 403 },
]

/**
 * Runs in the page (a string: the project compiles without the DOM library). Returns the page's
 * problems as sentences, and numbers the focusable elements (data-a11y) for the Tab walk.
 */
const AUDIT = `(() => {
  const problems = []
  // false inside a closed <details> or under display: none or visibility: hidden
  const visible = (el) => el.checkVisibility({ visibilityProperty: true })
  const text = (el) => (el.textContent || '').replace(/\\s+/g, ' ').trim()
  const describe = (el) => {
    const id = el.id ? '#' + el.id : ''
    const name = el.getAttribute('name') ? '[name=' + el.getAttribute('name') + ']' : ''
    const words = text(el).slice(0, 40)
    return el.tagName.toLowerCase() + id + name + (words ? ' "' + words + '"' : '')
  }
  const labelOf = (el) => {
    const by = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)
      .map((id) => document.getElementById(id)).filter(Boolean).map(text).join(' ')
    const labels = Array.from(el.labels || [], text).join(' ')
    return (by || (el.getAttribute('aria-label') || '').trim() || labels).trim()
  }

  if (!document.title.trim()) problems.push('no <title>')
  const mains = document.querySelectorAll('main').length
  if (mains !== 1) problems.push(mains + ' <main> landmarks')
  const h1s = document.querySelectorAll('h1').length
  if (h1s !== 1) problems.push(h1s + ' <h1> headings')

  const fields = 'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]), select, textarea'
  for (const el of document.querySelectorAll(fields)) {
    if (!labelOf(el)) problems.push('field without a label: ' + describe(el))
  }
  for (const el of document.querySelectorAll('a[href], button, summary, input[type=submit]')) {
    const name = labelOf(el) || text(el) || el.value || el.getAttribute('title') || ''
    if (visible(el) && !name.trim()) problems.push('control without a name: ' + el.outerHTML.slice(0, 80))
  }
  for (const el of document.querySelectorAll('[tabindex]')) {
    if (Number(el.getAttribute('tabindex')) > 0) problems.push('positive tabindex: ' + describe(el))
  }
  // htmx fires a request on click unless told otherwise: such an element must be a control.
  const native = new Set(['A', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'FORM', 'SUMMARY'])
  const clickable = '[onclick], [hx-get], [hx-post], [hx-put], [hx-patch], [hx-delete], [role=button], [role=link]'
  for (const el of document.querySelectorAll(clickable)) {
    const trigger = el.getAttribute('hx-trigger')
    const onClick = el.hasAttribute('onclick') || !trigger || /\\bclick\\b/.test(trigger)
    if (onClick && !native.has(el.tagName)) problems.push('clickable non-control: ' + describe(el))
  }

  // Text that runs past the window's edge and is not inside a sideways scroll container.
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (/auto|scroll/.test(getComputedStyle(p).overflowX)) return true
    }
    return false
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  const clipped = new Set()
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement
    // text for screen readers only (.visually-hidden, clipped to nothing) is never on screen
    if (!node.textContent.trim() || !el || !visible(el) || el.closest('.visually-hidden')) continue
    if (clipped.has(el)) continue
    const range = document.createRange()
    range.selectNodeContents(node)
    const r = range.getBoundingClientRect()
    if (r.width > 1 && (r.right > innerWidth + 1 || r.left < -1) && !scrolls(el)) clipped.add(el)
  }
  for (const el of clipped) problems.push('text past the window edge: ' + describe(el))
  if (document.documentElement.scrollWidth > innerWidth + 1) {
    problems.push('scrolls sideways: ' + document.documentElement.scrollWidth + ' px wide')
  }
  for (const table of document.querySelectorAll('table')) {
    if (visible(table) && table.getBoundingClientRect().right > innerWidth + 1 && !scrolls(table)) {
      problems.push('wide table outside a scroll container: ' + describe(table.querySelector('caption') || table))
    }
  }

  // Focusable, shown elements in document order, numbered for the Tab walk.
  const focusable = 'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])'
  const stops = Array.from(document.querySelectorAll(focusable)).filter(visible)
  stops.forEach((el, i) => el.setAttribute('data-a11y', String(i)))
  window.__tabbed = []
  document.addEventListener('focusin', (e) => {
    const el = e.target
    const style = getComputedStyle(el)
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none'
    window.__tabbed.push({ i: el.getAttribute('data-a11y'), what: describe(el), ring })
  })
  return {
    problems,
    stops: stops.map((el) => ({
      what: describe(el),
      // only one radio button of a group is a Tab stop
      group: el.type === 'radio' ? 'radio:' + (el.form ? el.form.id : '') + ':' + el.name : null,
    })),
  }
})()`

interface Audit {
  problems: string[]
  stops: { what: string; group: string | null }[]
}

/** Presses Tab through the page from the top and reports stops skipped and focus not shown. */
async function walkTabOrder(page: Page, audit: Audit): Promise<string[]> {
  for (let i = 0; i < audit.stops.length + 3; i++) await page.keyboard.press('Tab')
  const tabbed = (await page.evaluate('window.__tabbed')) as {
    i: string | null
    what: string
    ring: boolean
  }[]
  const reached = new Set(tabbed.map((t) => t.i))
  const groupsReached = new Set(
    tabbed.flatMap((t) => (t.i === null ? [] : [audit.stops[Number(t.i)]?.group])),
  )
  const problems = tabbed.filter((t) => !t.ring).map((t) => `focus not shown on ${t.what}`)
  audit.stops.forEach((stop, i) => {
    if (reached.has(String(i)) || (stop.group && groupsReached.has(stop.group))) return
    problems.push(`not reached by Tab: ${stop.what}`)
  })
  return [...new Set(problems)]
}

/** One tab per role, signed in once and reused by every page that role opens. */
const tabs = new Map<Role | null, Page>()
async function tabFor(role: Role | null): Promise<Page> {
  let page = tabs.get(role)
  if (!page) {
    page = await session.browser.newPage()
    if (role) await session.app.signIn(page, role)
    tabs.set(role, page)
  }
  return page
}
afterAll(async () => {
  for (const page of tabs.values()) await page.close()
})

describe('every page is labelled, keyboard-usable and readable at 1280 and 390 px', () => {
  it.each(PAGES)(
    '$name ($path)',
    async ({ name, path, as, status }) => {
      const page = await tabFor(as)
      const problems: string[] = []
      for (const { width, height } of WIDTHS) {
        await page.setViewportSize({ width, height })
        const response = await page.goto(`${session.app.url}${path}`)
        expect(response?.status()).toBe(status ?? 200)
        const audit = (await page.evaluate(AUDIT)) as Audit
        const tabbing = await walkTabOrder(page, audit)
        problems.push(...[...audit.problems, ...tabbing].map((p) => `${width} px: ${p}`))
        // the walk leaves a focus ring somewhere; the screenshot shows the page at rest
        await page.evaluate('document.activeElement?.blur(); window.scrollTo(0, 0)')
        await page.screenshot({ path: `${SCREENSHOTS}/a11y-${name}-${width}.png`, fullPage: true })
      }
      expect(problems).toEqual([])
      // a Tab walk over every stop at two widths: long pages need more than the default on a
      // shared machine
    },
    60_000,
  )
})

/** Presses Tab until the focused element matches `selector`; returns how many presses it took. */
async function tabTo(page: Page, selector: string, max = 400): Promise<number> {
  const matches = `document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate(matches)) return presses
  }
  throw new Error(`Tab never reached ${selector} in ${max} presses`)
}

describe('by keyboard alone, no mouse', () => {
  it('signs in, opens the positions table, edits a role inline and sees its row change', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } })
    const { email, password } = session.app.account('manager')
    await page.goto(`${session.app.url}/login`)
    await tabTo(page, 'input[name=email]')
    await page.keyboard.type(email)
    await page.keyboard.press('Tab')
    await page.keyboard.type(password)
    // a manager lands on the overview of their teams
    await Promise.all([
      page.waitForURL(`${session.app.url}/overview`),
      page.keyboard.press('Enter'),
    ])

    await tabTo(page, 'nav a[href="/positions"]')
    await Promise.all([page.waitForURL('**/positions'), page.keyboard.press('Enter')])

    await tabTo(page, '#position-r-102 a[href$="/edit"]')
    await page.keyboard.press('Enter')
    // the form takes the row's place and the focus, so the keyboard carries on inside it
    await page.locator('#edit-r-102').waitFor()
    await expect.poll(() => page.evaluate('document.activeElement?.name')).toBe('title')
    await tabTo(page, '#edit-r-102 select[name=status]', 10)
    await page.keyboard.type('On hold') // a focused select picks the option typed
    expect(await page.locator('#edit-r-102 select[name=status]').inputValue()).toBe('on_hold')
    await tabTo(page, '#edit-r-102 button[type=submit]', 30)
    await page.keyboard.press('Space')

    await expect.poll(() => page.locator('#position-r-102').textContent()).toContain('On hold')
    // focus is back on the row's Edit link, where it was before the edit
    const focusInRow = 'document.activeElement?.closest("#position-r-102 td") !== null'
    await expect.poll(() => page.evaluate(focusInRow)).toBe(true)
    await page.close()
  }, 60_000)

  it.each(WIDTHS)(
    'opens the account menu at $width px and signs out from it',
    async ({ width, height }) => {
      const page = await session.browser.newPage({ viewport: { width, height } })
      await session.app.signIn(page, 'finance')
      await tabTo(page, '.account > summary')
      await page.keyboard.press('Enter')
      const panel = page.locator('.account-panel')
      await expect(panel.textContent()).resolves.toContain(
        'Signed in as Test finance, role finance',
      )
      // the open panel stays inside the window, so the page still does not scroll sideways
      const box = await panel.boundingBox()
      expect(box && box.x >= 0 && box.x + box.width <= width).toBe(true)
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width)
      await page.screenshot({ path: `${SCREENSHOTS}/a11y-account-menu-${width}.png` })

      await tabTo(page, '.account-panel button', 3)
      await Promise.all([page.waitForURL('**/login'), page.keyboard.press('Space')])
      await page.close()
    },
  )
})
