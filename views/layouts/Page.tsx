import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import { Lru } from '../../src/domain/lru.ts'
import { htmlNow } from '../components/fragments.ts'

/** URLs of the assets every page loads, all on our own origin (the CSP allows nothing else). */
export interface PageAssets {
  htmx: string
  css: string
}

export interface PageProps {
  title: string
  assets: PageAssets
  /** The request path, to mark the current navigation link. */
  currentPath: string
  /** The signed-in account; without one (the sign-in page) the navigation is hidden. */
  account?: { name: string; role: string } | undefined
  /** The groups of links this account may open (empty groups already left out). */
  nav?: readonly NavGroup[]
  children?: Child
}

/** A link in the navigation; `count` is shown beside it (how many wait for the viewer). */
export interface NavLink {
  href: string
  label: string
  count?: number
}

/** The navigation by job: each group names what its pages are for. */
export interface NavGroup {
  label: string
  links: readonly NavLink[]
}

export const PLANNER_NAME = 'Headcount planner'

function Page({ title, assets, currentPath, account, nav = [], children }: PageProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${PLANNER_NAME}`}</title>
        {/* No favicon yet: an empty one stops the browser asking for /favicon.ico (a 404). */}
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={assets.css} />
        <script src={assets.htmx} defer />
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <a class="brand" href="/">
            {PLANNER_NAME}
          </a>
          {account && (
            <>
              <AccountMenu account={account} />
              {nav.length > 0 && <Navigation groups={nav} currentPath={currentPath} />}
            </>
          )}
        </header>
        {/* htmx responses swap messages into #flash */}
        <div id="flash" class="flash-region" role="status" aria-live="polite" />
        <main id="main">{children}</main>
      </body>
    </html>
  )
}

/**
 * Where the body goes in a kept shell. Raw markup: text in the shell is escaped, so a title, a
 * name or a path can never contain it.
 */
const BODY = '<!--page body-->'

/**
 * The page's HTML before and after its body, kept by everything else it shows: per navigation
 * (the same object for the same account and counts, see navigationFor), then by title, assets,
 * path and account. Every page has the same shell, and on a short page rendering it was a third
 * of the request. Bounded (at most 64 navigations of 64 pages), as paths come from requests.
 */
const shells = new WeakMap<readonly NavGroup[], Lru<string, readonly [string, string]>>()
const NO_NAV: readonly NavGroup[] = []

/** `Page`, its shell rendered once and kept (see `shells`). */
export function KeptPage({ children, nav = NO_NAV, ...shell }: PageProps) {
  let byPage = shells.get(nav)
  if (byPage === undefined) {
    byPage = new Lru<string, readonly [string, string]>(64)
    shells.set(nav, byPage)
  }
  const key = JSON.stringify([shell.title, shell.assets, shell.currentPath, shell.account])
  const [before, after] = byPage.getOrSet(key, () => {
    const html = htmlNow(
      <Page {...shell} nav={nav}>
        {raw(BODY)}
      </Page>,
    )
    const at = html.indexOf(BODY)
    return [html.slice(0, at), html.slice(at + BODY.length)]
  })
  return (
    <>
      {raw(before)}
      {children}
      {raw(after)}
    </>
  )
}

/** Whether `href` is the current page or a page below it (a team's page under My teams). */
const isCurrent = (href: string, path: string) =>
  href === path || (href !== '/' && path.startsWith(`${href}/`))

/**
 * The main navigation, one labelled list per job. On a wide screen every group is shown in a row;
 * on a phone the whole navigation folds into one "Menu" disclosure (a <details>, so no script):
 * the stylesheet shows the disclosure's content at any width above the phone breakpoint.
 */
function Navigation({ groups, currentPath }: { groups: readonly NavGroup[]; currentPath: string }) {
  return (
    <nav aria-label="Main" class="main-nav">
      <details class="nav-menu">
        <summary>Menu</summary>
        <div class="nav-groups">
          {groups.map((group) => {
            const headingId = `nav-${group.label.toLowerCase()}`
            const here = group.links.some((l) => isCurrent(l.href, currentPath))
            return (
              <div class={here ? 'nav-group is-current' : 'nav-group'}>
                <span id={headingId} class="nav-group-label">
                  {group.label}
                </span>
                <ul aria-labelledby={headingId}>
                  {group.links.map((link) => (
                    <li>
                      <a
                        href={link.href}
                        aria-current={
                          link.href === currentPath
                            ? 'page'
                            : isCurrent(link.href, currentPath)
                              ? 'location'
                              : undefined
                        }
                      >
                        {link.label}
                        {link.count !== undefined && link.count > 0 && (
                          <span class="nav-count">
                            {link.count}
                            <span class="visually-hidden"> waiting</span>
                          </span>
                        )}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            )
          })}
        </div>
      </details>
    </nav>
  )
}

/**
 * Who is signed in, as a disclosure: the summary names the account and its role, and opens onto
 * signing out (a POST, so a link cannot do it). A <details> needs no script and is opened and
 * closed from the keyboard with Enter or Space.
 */
function AccountMenu({ account }: { account: { name: string; role: string } }) {
  return (
    <details class="account">
      <summary>
        <span class="account-name">{account.name}</span>
        <span class="account-role">{account.role}</span>
      </summary>
      <div class="account-panel">
        <p>
          Signed in as <strong>{account.name}</strong>, role <strong>{account.role}</strong>.
        </p>
        <form method="post" action="/logout">
          <button type="submit">Sign out</button>
        </form>
      </div>
    </details>
  )
}

declare module 'hono' {
  // Typed c.render (the HonoX trick): every full page names its title.
  interface ContextRenderer {
    // biome-ignore lint/style/useShorthandFunctionType: declaration merging needs the interface
    (content: string | Promise<string>, props: { title: string }): Response | Promise<Response>
  }
}
