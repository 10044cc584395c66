import type { PayFinding } from '../../src/domain/band-review.ts'
import type { BandFinding } from '../../src/domain/bands.ts'
import { formatMoney } from '../../src/domain/money.ts'

export interface BandChecksProps {
  payFindings: PayFinding[]
  structureFindings: BandFinding[]
  /** "Research Scientist L7, San Francisco" for a band id. */
  bandLabel: (bandId: string) => string
  canEditBands: boolean
  /** Whether the viewer may change this position's pay (change_pay for its team). */
  canChangePay: (teamId: string) => boolean
}

const CIRCLE = {
  below_min: 'Green circle (below minimum)',
  above_max: 'Red circle (above maximum)',
}

function PayFindingItem({
  finding,
  bandLabel,
  canEditBands,
  canChangePay,
}: { finding: PayFinding } & Omit<BandChecksProps, 'payFindings' | 'structureFindings'>) {
  const { member: m, cell } = finding
  const { band } = cell
  const money = (d: typeof m.pay) => formatMoney(d, band.currency, { wholeUnits: true })
  const limit =
    m.where === 'below_min' ? `minimum ${money(band.min)}` : `maximum ${money(band.max)}`
  return (
    <li class="finding" id={`finding-${m.positionId}`} data-position={m.positionId}>
      <strong>{CIRCLE[m.where as keyof typeof CIRCLE]}:</strong> {m.name}
      {m.kind === 'offer' && ' (offer)'} ({bandLabel(band.id)}) is paid{' '}
      <span class="num">{money(m.pay)}</span>, {m.where === 'below_min' ? 'below' : 'above'} the
      band {limit}. Compa-ratio <span class="num">{m.compaRatio.toFixed(2)}</span>, range
      penetration <span class="num">{m.penetration.times(100).toFixed(0)}%</span>.
      <p class="finding-suggestion">{finding.suggestion}</p>
      <p class="finding-actions">
        {canChangePay(m.teamId) && (
          <a
            href={`/positions/${m.positionId}/pay?back=${encodeURIComponent('/bands#band-checks')}`}
          >
            Change {m.name}'s pay
          </a>
        )}
        {canEditBands && <a href={`/bands/${band.id}/edit`}>Edit the {bandLabel(band.id)} band</a>}
      </p>
    </li>
  )
}

/** What finance should look at: pay outside bands first, then the band structure. */
export function BandChecks(props: BandChecksProps) {
  const { payFindings, structureFindings, bandLabel, canEditBands } = props
  return (
    <section id="band-checks" aria-labelledby="band-checks-heading" class="band-checks">
      <h2 id="band-checks-heading">Checks</h2>
      <h3>Pay outside its band</h3>
      {payFindings.length > 0 && (
        <p class="finding-actions">
          See in the positions table:{' '}
          <a href="/positions?band=below_min&sort=compa">everyone below their band minimum</a>,{' '}
          <a href="/positions?band=above_max&sort=compa&dir=desc">
            everyone above their band maximum
          </a>
          .
        </p>
      )}
      {payFindings.length === 0 ? (
        <p class="empty">Everyone you can see is paid within their band.</p>
      ) : (
        <ul class="findings" id="pay-findings">
          {payFindings.map((f) => (
            <PayFindingItem finding={f} {...props} />
          ))}
        </ul>
      )}
      <h3>Band structure</h3>
      {structureFindings.length === 0 ? (
        <p class="empty">
          The bands meet the band policy: min below mid below max, spreads and midpoint steps within
          limits, no overlaps, and each US office's bands in line with its geo differential.
        </p>
      ) : (
        <ul class="findings" id="structure-findings">
          {structureFindings.map((f) => (
            <li class="finding" data-code={f.code}>
              {f.message}
              <p class="finding-suggestion">{f.suggestion}</p>
              {canEditBands && (
                <p class="finding-actions">
                  {f.bandIds.map((id) => (
                    <a href={`/bands/${id}/edit`}>Edit the {bandLabel(id)} band</a>
                  ))}
                  {f.code.startsWith('geo_') && (
                    <a href="#geo-differentials">Change the geo differentials</a>
                  )}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
