/** The roles an account can hold, from the most to the least access. */
export const ROLES = ['admin', 'leadership', 'finance', 'manager', 'viewer'] as const
export type Role = (typeof ROLES)[number]
