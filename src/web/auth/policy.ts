/**
 * Who may call what, in one table. Every route the app registers has an entry here, keyed by its
 * method and Hono path exactly as registered ("GET /teams/:teamId"); the authorize middleware looks
 * the matched route up and refuses anything without an entry, and a test fails if a route lacks
 * one. Adding a route therefore means deciding here who may use it.
 */
import { ROLES, type Role } from '../../db/repos/users.ts'
import { ASSETS } from '../routes/static.ts'
import { canSeeTeam, type Viewer } from './viewer.ts'

export type Permission =
  /** Anyone, signed in or not: sign-in, static assets, health check. */
  | 'public'
  /** Any signed-in user, for things about their own account (sign out, their API tokens). */
  | 'signed_in'
  | 'view_headcount'
  | 'view_pay'
  | 'edit_plan'
  | 'edit_org_settings'
  | 'edit_bands'
  | 'change_pay'
  | 'approve'
  | 'manage_users'
  | 'view_audit'
  | 'lock_budget'
  | 'unlock_budget'
  | 'import_actuals'
  /** Team and department budgets: organisation-wide, so never a manager's. */
  | 'set_team_budgets'

type Granted = Exclude<Permission, 'public' | 'signed_in'>

/** Roles holding each permission. A manager's view_pay and edit_plan hold within their teams. */
export const GRANTS: Record<Granted, readonly Role[]> = {
  view_headcount: ROLES,
  view_pay: ['admin', 'leadership', 'finance', 'manager'],
  edit_plan: ['admin', 'leadership', 'manager'],
  /**
   * Settings that reach every team: a plan's and a scenario's assumptions and rate set, the
   * recruiting settings, interviewer pools, interview loops, time to fill, and the hiring-cost
   * policy when it has its own route (budgets have their own lock_budget and unlock_budget). A
   * manager's edit_plan stops at their own teams.
   */
  edit_org_settings: ['admin', 'leadership'],
  // salary bands and FX rate sets
  edit_bands: ['admin', 'finance'],
  // a manager's pay change is a proposal, finance's above the band maximum too: see routes/pay.tsx
  change_pay: ['admin', 'leadership', 'finance', 'manager'],
  // finance approves only pay above band: see canApprove
  approve: ['admin', 'leadership', 'finance'],
  manage_users: ['admin'],
  view_audit: ['admin', 'finance'],
  // finance keeps the budget of record once the plan is approved; discarding one is leadership's
  lock_budget: ['admin', 'leadership', 'finance'],
  unlock_budget: ['admin', 'leadership'],
  import_actuals: ['admin', 'leadership', 'finance'],
  set_team_budgets: ['admin', 'leadership'],
}

export interface Rule {
  permission: Permission
  /**
   * The path parameter naming a team. A viewer who cannot see that team gets 404, so another
   * team's resources do not even show that they exist.
   */
  teamParam?: string
}

const rule = (permission: Permission, teamParam?: string): Rule =>
  teamParam === undefined ? { permission } : { permission, teamParam }

/** The table. Keys are "METHOD path" with the path as the route registered it. */
export const POLICY: Readonly<Record<string, Rule>> = {
  'GET /healthz': rule('public'),
  [`GET ${ASSETS.htmx}`]: rule('public'),
  [`GET ${ASSETS.css}`]: rule('public'),
  'GET /login': rule('public'),
  'POST /login': rule('public'),
  'POST /logout': rule('signed_in'),
  // how figures are shown (pennies in tables): a display preference, nothing to guard
  'POST /preferences/pennies': rule('signed_in'),
  // single sign-on: starting one and the provider's answer; 404 while it is off
  'POST /login/sso': rule('public'),
  'GET /login/sso/callback': rule('public'),

  'GET /': rule('view_headcount'),
  'GET /org-chart': rule('view_headcount'),
  // cost by team and year: a manager reads their own teams'
  'GET /overview': rule('view_pay'),
  'GET /teams/:teamId': rule('view_headcount', 'teamId'),
  // positions carry their team: the handlers answer 404 for a team outside a manager's scope
  'GET /positions': rule('view_headcount'),
  'GET /positions/new': rule('edit_plan'),
  'POST /positions': rule('edit_plan'),
  'GET /positions/:id': rule('view_headcount'),
  'GET /positions/:id/edit': rule('edit_plan'),
  'POST /positions/:id': rule('edit_plan'),
  // the handlers answer 404 for a team outside a manager's scope
  'GET /positions/:id/pay': rule('change_pay'),
  'POST /positions/:id/pay': rule('change_pay'),
  'GET /band-preview': rule('view_pay'),

  'GET /tokens': rule('signed_in'),
  'POST /tokens': rule('signed_in'),
  'POST /tokens/:id/revoke': rule('signed_in'),

  'GET /users': rule('manage_users'),
  'POST /users': rule('manage_users'),
  'POST /users/:id/role': rule('manage_users'),
  'POST /users/:id/:change{disable|enable}': rule('manage_users'),
  'POST /users/:id/password': rule('manage_users'),
  'GET /sign-in-groups': rule('manage_users'),
  'POST /sign-in-groups': rule('manage_users'),
  'POST /sign-in-groups/delete': rule('manage_users'),

  'GET /api/v1/plans': rule('view_headcount'),
  'GET /api/v1/plans/:planId/projection': rule('view_pay'),
  'GET /api/v1/plans/:planId/projection.csv': rule('view_pay'),
  'GET /api/v1/plans/:planId/projection.json': rule('view_pay'),
  'GET /api/v1/plans/:planId/projection.xlsx': rule('view_pay'),
  'GET /api/v1/plans/:planId/positions/:positionId/explain': rule('view_pay'),
  'GET /api/v1/plans/:planId/explain-total': rule('view_pay'),
  'GET /api/v1/plans/:planId/compare': rule('view_pay'),
  // export: admin and leadership (checked in the handler); import replaces everything: admin
  'GET /api/v1/workspace': rule('view_pay'),
  'POST /api/v1/workspace': rule('manage_users'),
  'GET /data': rule('view_pay'),
  'POST /data/import': rule('manage_users'),
  // CSV import: the handlers check each kind (bands: edit_bands; people and roles: edit_plan per
  // row's team, or finance)
  'GET /import': rule('view_pay'),
  'GET /import/:kind/template.csv': rule('view_pay'),
  'POST /import/preview': rule('view_pay'),
  'POST /import': rule('view_pay'),

  'GET /bands': rule('view_pay'),

  'GET /projection': rule('view_pay'),
  'GET /projection/explain': rule('view_pay'),
  'GET /projection/table.csv': rule('view_pay'),
  'GET /projection/table.xlsx': rule('view_pay'),
  'GET /scenarios': rule('view_pay'),
  'POST /scenarios': rule('edit_plan'),
  'GET /scenarios/compare': rule('view_pay'),
  'GET /scenarios/:id': rule('view_pay'),
  // a manager changes only their teams' roles in a scenario (checked in the handler)
  'POST /scenarios/:id/:edit{roles|add|remove}': rule('edit_plan'),
  'POST /scenarios/:id/assumptions': rule('edit_org_settings'),
  'GET /bands/:bandId/edit': rule('edit_bands'),
  'POST /bands/:bandId': rule('edit_bands'),
  // the pay policy set on the bands page: geo differentials, bonus and equity defaults by level
  'POST /bands/geo-differentials': rule('edit_bands'),
  'POST /bands/level-defaults': rule('edit_bands'),
  'GET /packages': rule('view_pay'),
  'GET /offices': rule('view_pay'),
  'GET /recruiting': rule('view_pay'),
  'GET /recruiting/loops': rule('view_pay'),
  'POST /recruiting/pools/:poolId': rule('edit_org_settings'),
  'POST /recruiting/loops/:loopId': rule('edit_org_settings'),
  'POST /recruiting/settings': rule('edit_org_settings'),
  'POST /recruiting/time-to-fill': rule('edit_org_settings'),
  'GET /recruiting/roles/:id': rule('view_pay'),
  'POST /recruiting/roles/:id': rule('edit_plan'),
  'POST /recruiting/roles/:id/sponsorship': rule('edit_plan'),
  'GET /rates': rule('view_pay'),
  'POST /rates/:setId': rule('edit_bands'),
  'GET /assumptions': rule('view_pay'),
  'POST /assumptions/:planId': rule('edit_org_settings'),
  // approvers see the whole queue; a manager sees their own teams' proposals (scoped in the handler)
  'GET /approvals': rule('view_pay'),
  // finance only for pay above the band: canApprove, in the handler
  // several at once: each proposal checked as the one-at-a-time route checks it
  'POST /approvals/decide': rule('approve'),
  'POST /approvals/:id/decide': rule('approve'),
  // budgets: finance and leadership read all, a manager their teams' (scoped in the handler)
  'GET /team-budgets': rule('view_pay'),
  'POST /team-budgets': rule('set_team_budgets'),
  'GET /api/v1/plans/:planId/team-budgets': rule('view_pay'),
  'POST /api/v1/plans/:planId/team-budgets': rule('set_team_budgets'),
  'GET /audit': rule('view_audit'),
  'GET /audit.csv': rule('view_audit'),
  'GET /audit.xlsx': rule('view_audit'),

  'GET /budgets': rule('view_headcount'),
  'POST /budgets': rule('lock_budget'),
  'POST /budgets/:id/unlock': rule('unlock_budget'),
  'GET /actuals': rule('import_actuals'),
  'GET /actuals/:kind{roster|payroll|rates}/template.csv': rule('import_actuals'),
  'POST /actuals/roster/preview': rule('import_actuals'),
  'POST /actuals/roster': rule('import_actuals'),
  'POST /actuals/payroll/preview': rule('import_actuals'),
  'POST /actuals/payroll': rule('import_actuals'),
  'POST /actuals/rates': rule('import_actuals'),
  'POST /api/v1/roster': rule('import_actuals'),
  // managers see their teams' variance; a viewer head-months without pay (both in the handler)
  'GET /variance': rule('view_headcount'),
  'GET /variance/explain': rule('view_headcount'),
  'GET /variance.csv': rule('view_pay'),
  'GET /variance.xlsx': rule('view_pay'),
}

/** Requests matching no route (they end as 404) still need a signed-in user, so no path leaks. */
export const UNROUTED: Rule = rule('signed_in')

export function ruleFor(method: string, path: string): Rule | undefined {
  return POLICY[`${method === 'HEAD' ? 'GET' : method} ${path}`]
}

/**
 * Whether the viewer holds `permission`; with `teamId`, whether they hold it for that team (a
 * manager only within their teams, every other role everywhere).
 */
export function can(viewer: Viewer, permission: Permission, teamId?: string): boolean {
  if (permission === 'public' || permission === 'signed_in') return true
  if (!GRANTS[permission].includes(viewer.role)) return false
  return teamId === undefined || canSeeTeam(viewer, teamId)
}

/**
 * Leadership and admins approve any proposal; finance only a manager's paying above the band
 * (finance's own pay changes above the band are for leadership, marked 'payChange').
 */
export function canApprove(
  viewer: Viewer,
  proposal: { payAboveBand: boolean; changed?: readonly string[] },
): boolean {
  if (viewer.role === 'finance') {
    return proposal.payAboveBand && !(proposal.changed ?? []).includes('payChange')
  }
  return can(viewer, 'approve')
}
