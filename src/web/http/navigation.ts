/**
 * The navigation by job, and which of its links a viewer sees: a link is shown only when the
 * policy lets the viewer open its page, so the menu never offers a page that answers 403. A link
 * whose page no route serves yet (no policy entry) is left out too, so the menu can name a page
 * before it exists.
 */
import type { NavGroup, NavLink } from '../../../views/layouts/Page.tsx'
import type { Role } from '../../db/repos/users.ts'
import { Lru } from '../../domain/lru.ts'
import { can, ruleFor } from '../auth/policy.ts'
import type { Viewer } from '../auth/viewer.ts'

interface Entry extends NavLink {
  /** Roles the page's handler narrows to, beyond what the policy's permission says. */
  roles?: readonly Role[]
}

/** The "My teams" slot in Plan: a manager's own teams, each by name. */
const MY_TEAMS = 'my-teams'

const GROUPS: readonly { label: string; entries: readonly (Entry | typeof MY_TEAMS)[] }[] = [
  {
    label: 'Plan',
    entries: [
      { href: '/overview', label: 'Overview' },
      { href: '/', label: 'Organisation' },
      MY_TEAMS,
      { href: '/positions', label: 'Positions' },
      { href: '/projection', label: 'Projection' },
      { href: '/recruiting', label: 'Recruiting' },
      { href: '/scenarios', label: 'Scenarios' },
    ],
  },
  {
    label: 'Pay',
    entries: [
      { href: '/bands', label: 'Bands' },
      { href: '/packages', label: 'Packages' },
      { href: '/offices', label: 'Offices' },
      { href: '/rates', label: 'FX rates' },
    ],
  },
  {
    label: 'Review',
    entries: [
      { href: '/approvals', label: 'Approvals' },
      { href: '/team-budgets', label: 'Team budgets' },
      { href: '/budgets', label: 'Budgets' },
      { href: '/variance', label: 'Variance' },
      { href: '/audit', label: 'Audit' },
    ],
  },
  {
    label: 'Settings',
    entries: [
      { href: '/assumptions', label: 'Assumptions' },
      { href: '/data', label: 'Plan documents', roles: ['admin', 'leadership'] },
      { href: '/import', label: 'Import' },
      { href: '/actuals', label: 'Roster and payroll' },
      { href: '/users', label: 'Users' },
      { href: '/sign-in-groups', label: 'Sign-in groups' },
      { href: '/tokens', label: 'API tokens' },
    ],
  },
]

/**
 * Where a sign-in lands when it was not on its way to a page: the overview for those who may
 * read cost (leadership, finance, admins, and managers for their teams), else the organisation.
 */
export function landingPath(viewer: Pick<Viewer, 'role'>): string {
  return mayOpen({ ...viewer, teamScope: 'all' } as Viewer, '/overview') ? '/overview' : '/'
}

export function mayOpen(viewer: Viewer, href: string): boolean {
  const rule = ruleFor('GET', href)
  return rule !== undefined && can(viewer, rule.permission)
}

/**
 * Navigations made, by role, teams and counts (all a navigation depends on): every page has one,
 * and the same one for the same account, so the page's kept shell can go by it. Bounded, as a
 * manager's teams and the counts vary.
 */
const made = new Lru<string, readonly NavGroup[]>(64)

/**
 * The groups `viewer` may use, with `counts` (by href, e.g. proposals waiting on /approvals)
 * beside their links; groups left with no link are dropped. The same object for the same role,
 * teams and counts.
 */
export function navigationFor(
  viewer: Viewer,
  counts: Readonly<Record<string, number>> = {},
): readonly NavGroup[] {
  const key = JSON.stringify([viewer.role, viewer.teams, counts])
  return made.getOrSet(key, () => groupsFor(viewer, counts))
}

function groupsFor(viewer: Viewer, counts: Readonly<Record<string, number>>): NavGroup[] {
  return GROUPS.map((group) => ({
    label: group.label,
    links: group.entries.flatMap((entry): NavLink[] => {
      if (entry === MY_TEAMS) {
        return viewer.teams.map((t) => ({ href: `/teams/${t.id}`, label: `My team: ${t.name}` }))
      }
      if (entry.roles && !entry.roles.includes(viewer.role)) return []
      if (!mayOpen(viewer, entry.href)) return []
      const count = counts[entry.href]
      return [{ href: entry.href, label: entry.label, ...(count === undefined ? {} : { count }) }]
    }),
  })).filter((group) => group.links.length > 0)
}
