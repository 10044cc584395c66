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
  /** Messages shown once at the top of the page; htmx responses can also swap into #flash. */
  flash?: Child
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

export function Page({
  title,
  assets,
  currentPath,
  flash,
  account,
  nav = [],
  children,
}: PageProps) {
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
          {account && <SiteHeader account={account} nav={nav} currentPath={currentPath} />}
        </header>
        <div id="flash" class="flash-region" role="status" aria-live="polite">
          {flash}
        </div>
        <main id="main">{children}</main>
      </body>
    </html>
  )
}

/**
 * The account menu and navigation, rendered once per account, links and path: every page has
 * them, and on a short page they were a third of the render. Bounded, as paths come from requests.
 */
const headers = new Lru<string, string>(256)

function SiteHeader({
  account,
  nav,
  currentPath,
}: {
  account: { name: string; role: string }
  nav: readonly NavGroup[]
  currentPath: string
}) {
  const key = JSON.stringify([account.name, account.role, currentPath, nav])
  const html = headers.getOrSet(key, () =>
    htmlNow(
      <>
        <AccountMenu account={account} />
        {nav.length > 0 && <Navigation groups={nav} currentPath={currentPath} />}
      </>,
    ),
  )
  return raw(html)
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
