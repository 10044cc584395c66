/** The cost components of a position-month, and the company-level lines, in display order. */
export const POSITION_COMPONENTS = [
  'salary',
  'bonus',
  'pension',
  'pension_cash_allowance',
  'k401_match',
  'employer_nic',
  'class1a_nic',
  'social_security',
  'medicare',
  'futa',
  'state_unemployment',
  'benefits',
  'parental_cover',
  'office_lunch',
  'commuting_stipend',
  'hiring',
  'equity_expense',
  'equity_employer_tax',
] as const

export const COMPANY_COMPONENTS = [
  'apprenticeship_levy',
  'office_desks',
  'expected_vacancies',
  'expected_backfill',
] as const

export type PositionComponent = (typeof POSITION_COMPONENTS)[number]
export type CompanyComponent = (typeof COMPANY_COMPONENTS)[number]
export type Component = PositionComponent | CompanyComponent

export const COMPONENTS: readonly Component[] = [...POSITION_COMPONENTS, ...COMPANY_COMPONENTS]

export const COMPONENT_INDEX: Readonly<Record<Component, number>> = Object.fromEntries(
  COMPONENTS.map((c, i) => [c, i]),
) as Record<Component, number>

export const COMPONENT_LABEL: Readonly<Record<Component, string>> = {
  salary: 'Salary',
  bonus: 'Bonus',
  pension: 'Employer pension',
  pension_cash_allowance: 'Pension cash allowance',
  k401_match: '401(k) match',
  employer_nic: 'Employer NIC',
  class1a_nic: 'Class 1A NIC',
  social_security: 'Social Security',
  medicare: 'Medicare',
  futa: 'FUTA',
  state_unemployment: 'State unemployment',
  benefits: 'Benefits',
  parental_cover: 'Parental leave cover',
  office_lunch: 'Office lunches',
  commuting_stipend: 'Commuting stipend',
  hiring: 'Hiring costs',
  equity_expense: 'Equity expense',
  equity_employer_tax: 'Employer tax at vest',
  apprenticeship_levy: 'Apprenticeship Levy',
  office_desks: 'Office desks',
  expected_vacancies: 'Expected vacancies',
  expected_backfill: 'Expected backfill',
}
