import type { Child } from 'hono/jsx'

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
  children?: Child
}

/** Navigation; `roles` hides a link from accounts that could not open it anyway. */
const NAV: { href: string; label: string; roles?: readonly string[] }[] = [
  { href: '/', label: 'Organisation' },
  { href: '/positions', label: 'Positions' },
  {
    href: '/projection',
    label: 'Projection',
    roles: ['admin', 'leadership', 'finance', 'manager'],
  },
  { href: '/bands', label: 'Bands', roles: ['admin', 'leadership', 'finance', 'manager'] },
  { href: '/packages', label: 'Packages', roles: ['admin', 'leadership', 'finance', 'manager'] },
  { href: '/offices', label: 'Offices', roles: ['admin', 'leadership', 'finance', 'manager'] },
  {
    href: '/recruiting',
    label: 'Recruiting',
    roles: ['admin', 'leadership', 'finance', 'manager'],
  },
  { href: '/rates', label: 'FX rates', roles: ['admin', 'leadership', 'finance', 'manager'] },
  {
    href: '/assumptions',
    label: 'Assumptions',
    roles: ['admin', 'leadership', 'finance', 'manager'],
  },
  { href: '/data', label: 'Data', roles: ['admin', 'leadership'] },
  { href: '/import', label: 'Import', roles: ['admin', 'leadership', 'finance', 'manager'] },
  {
    href: '/scenarios',
    label: 'Scenarios',
    roles: ['admin', 'leadership', 'finance', 'manager'],
  },
  { href: '/approvals', label: 'Approvals', roles: ['admin', 'leadership', 'finance', 'manager'] },
  { href: '/audit', label: 'Audit', roles: ['admin', 'finance'] },
  { href: '/users', label: 'Users', roles: ['admin'] },
]

export const PLANNER_NAME = 'Headcount planner'

export function Page({ title, assets, currentPath, flash, account, children }: PageProps) {
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
          {account && <AccountMenu account={account} currentPath={currentPath} />}
          {account && (
            <nav aria-label="Main">
              <ul>
                {NAV.filter((item) => !item.roles || item.roles.includes(account.role)).map(
                  (item) => (
                    <li>
                      <a
                        href={item.href}
                        aria-current={item.href === currentPath ? 'page' : undefined}
                      >
                        {item.label}
                      </a>
                    </li>
                  ),
                )}
              </ul>
            </nav>
          )}
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
 * Who is signed in, as a disclosure: the summary names the account and its role, and opens onto
 * the API tokens link and signing out (a POST, so a link cannot do it). A <details> needs no
 * script and is opened and closed from the keyboard with Enter or Space.
 */
function AccountMenu({
  account,
  currentPath,
}: {
  account: { name: string; role: string }
  currentPath: string
}) {
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
        <a href="/tokens" aria-current={currentPath === '/tokens' ? 'page' : undefined}>
          API tokens
        </a>
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
