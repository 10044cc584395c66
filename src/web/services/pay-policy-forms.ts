/**
 * The bands page's two policy forms, one row per record: each US office's geo differential
 * against a GBP office, and each level's bonus target and new-hire equity grant for new roles.
 * Values are form text as typed ("94" for 94%); an empty row means no policy is set.
 */
import type { PolicyField, PolicyRow } from '../../../views/partials/PolicyRowsForm.tsx'
import type { Level, Office } from '../../domain/model.ts'
import { type Decimal, dec, formatMoney, toFixed2 } from '../../domain/money.ts'
import { BadForm, NO_VERSION } from '../http/bad-form.ts'

export interface PolicyFormState {
  values: Record<string, string>
  errors: Record<string, string>
  problem?: string | undefined
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> }

const percentText = (d: Decimal | null) => (d === null ? '' : d.times(100).toFixed())
const text = (body: Record<string, unknown>, name: string) =>
  typeof body[name] === 'string' ? (body[name] as string).trim() : ''

/** "94", "94.5" or "94%" as a fraction (0.94), within (0, max] percent; null when empty. */
function percent(
  raw: string,
  what: string,
  max: number,
  errors: Record<string, string>,
  name: string,
): Decimal | null | undefined {
  const s = raw.replace(/%$/, '').trim()
  if (s === '') return null
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s) || dec(s).gt(max)) {
    errors[name] = `Enter ${what} as a percentage from 0 to ${max}, such as 15`
    return undefined
  }
  return dec(s).dividedBy(100)
}

/** Each record's version from the form; a form without one was not sent by our page. */
export function versionsOf(
  body: Record<string, unknown>,
  ids: readonly string[],
): Map<string, number> {
  return new Map(
    ids.map((id) => {
      const name = `version-${id}`
      const v = text(body, name)
      if (!/^\d{1,9}$/.test(v) || Number(v) < 1) throw new BadForm(name, NO_VERSION)
      return [id, Number(v)]
    }),
  )
}

function row(
  legend: string,
  id: string,
  versions: ReadonlyMap<string, number>,
  state: PolicyFormState,
  fields: Omit<PolicyField, 'value' | 'error'>[],
): PolicyRow {
  return {
    legend,
    versionName: `version-${id}`,
    version: versions.get(id) ?? 1,
    fields: fields.map((f) => ({
      ...f,
      value: state.values[f.name] ?? '',
      error: state.errors[f.name],
    })),
  }
}

// ---------------------------------------------------------------------------------------------
// Geo differentials: each US office against a GBP office

export const usOffices = (offices: readonly Office[]) => offices.filter((o) => o.currency === 'USD')
const gbpOffices = (offices: readonly Office[]) => offices.filter((o) => o.currency === 'GBP')

export function geoValues(offices: readonly Office[]): Record<string, string> {
  const first = gbpOffices(offices)[0]?.id ?? ''
  return Object.fromEntries(
    usOffices(offices).flatMap((o) => [
      [`against-${o.id}`, o.geoDifferential?.againstOfficeId ?? first],
      [`share-${o.id}`, percentText(o.geoDifferential?.share ?? null)],
      [`tolerance-${o.id}`, percentText(o.geoDifferential?.tolerance ?? null)],
    ]),
  )
}

export function geoRows(
  offices: readonly Office[],
  versions: ReadonlyMap<string, number>,
  state: PolicyFormState,
): PolicyRow[] {
  const gbp = gbpOffices(offices).map((o) => ({ value: o.id, label: o.name }))
  return usOffices(offices).map((o) =>
    row(o.name, o.id, versions, state, [
      { name: `against-${o.id}`, label: 'Compared with', options: gbp },
      {
        name: `share-${o.id}`,
        label: `Midpoint there as % of ${o.name}'s`,
        hint: "At the plan's rate. Leave empty to not check this office.",
      },
      { name: `tolerance-${o.id}`, label: 'Tolerance (± percentage points)' },
    ]),
  )
}

export function geoFromForm(
  offices: readonly Office[],
  body: Record<string, unknown>,
): Parsed<Map<string, Office['geoDifferential']>> {
  const errors: Record<string, string> = {}
  const gbp = new Set(gbpOffices(offices).map((o) => o.id))
  const value = new Map<string, Office['geoDifferential']>()
  for (const o of usOffices(offices)) {
    const [against, share, tolerance] = ['against', 'share', 'tolerance'].map((f) => `${f}-${o.id}`)
    const s = percent(text(body, share!), 'the share', 300, errors, share!)
    const t = percent(text(body, tolerance!), 'the tolerance', 50, errors, tolerance!)
    if (s === null) {
      value.set(o.id, null)
      continue
    }
    if (s?.isZero()) errors[share!] = 'Enter a share above 0%, or leave it empty'
    if (t === null) errors[tolerance!] = 'Enter the tolerance in percentage points, such as 1'
    const on = text(body, against!)
    if (!gbp.has(on)) errors[against!] = 'Choose one of the GBP offices listed'
    if (s && t) value.set(o.id, { againstOfficeId: on, share: s, tolerance: t })
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value }
}

/** "London at 94% ± 1 point", or "not set": what the audit trail shows. */
export function geoWords(
  offices: readonly Office[],
  geo: Office['geoDifferential'] | undefined,
): string {
  if (!geo) return 'not set'
  const against = offices.find((o) => o.id === geo.againstOfficeId)?.name ?? 'a removed office'
  return `${against} at ${percentText(geo.share)}% ± ${percentText(geo.tolerance)} points`
}

// ---------------------------------------------------------------------------------------------
// Level defaults: the bonus target and new-hire equity grant a new role starts with

export type LevelDefaults = Pick<Level, 'bonusTargetRate' | 'newHireEquityUsd'>

export function levelValues(levels: readonly Level[]): Record<string, string> {
  return Object.fromEntries(
    levels.flatMap((l) => [
      [`bonus-${l.id}`, percentText(l.bonusTargetRate)],
      [`equity-${l.id}`, l.newHireEquityUsd === null ? '' : toFixed2(l.newHireEquityUsd)],
    ]),
  )
}

export function levelRows(
  levels: readonly Level[],
  versions: ReadonlyMap<string, number>,
  state: PolicyFormState,
): PolicyRow[] {
  return levels.map((l) =>
    row(`${l.code} ${l.name}`, l.id, versions, state, [
      { name: `bonus-${l.id}`, label: 'Bonus target (% of base)' },
      { name: `equity-${l.id}`, label: 'New-hire equity grant (USD)' },
    ]),
  )
}

export function levelsFromForm(
  levels: readonly Level[],
  body: Record<string, unknown>,
): Parsed<Map<string, LevelDefaults>> {
  const errors: Record<string, string> = {}
  const value = new Map<string, LevelDefaults>()
  for (const l of levels) {
    const bonus = `bonus-${l.id}`
    const equity = `equity-${l.id}`
    const rate = percent(text(body, bonus), 'the bonus target', 100, errors, bonus)
    const amount = text(body, equity).replace(/^\$/, '').replaceAll(',', '')
    if (amount !== '' && !/^\d{1,12}(\.\d{1,2})?$/.test(amount)) {
      errors[equity] = 'Enter the grant in US dollars, such as 150,000, or leave it empty'
    }
    if (rate !== undefined && !errors[equity]) {
      value.set(l.id, {
        bonusTargetRate: rate,
        newHireEquityUsd: amount === '' ? null : dec(amount),
      })
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value }
}

/** "10% bonus, $150,000 equity", or "none": what the audit trail shows. */
export function levelWords(d: LevelDefaults | undefined): string {
  if (!d || (d.bonusTargetRate === null && d.newHireEquityUsd === null)) return 'none'
  const bonus =
    d.bonusTargetRate === null ? 'no bonus default' : `${percentText(d.bonusTargetRate)}% bonus`
  const equity =
    d.newHireEquityUsd === null
      ? 'no equity default'
      : `${formatMoney(d.newHireEquityUsd, 'USD', { wholeUnits: true })} equity`
  return `${bonus}, ${equity}`
}
