import { describe, expect, it } from 'vitest'
import { parseSource, publisherOf } from '../../../views/components/Citation.tsx'

describe('sources as citations', () => {
  it('keeps the words and links, drops notes into the project, and marks an estimate', () => {
    const parsed = parseSource(
      'docs/conventions.md §1.6: PMI default £1,000-£1,500 per employee per year plus Class 1A, ' +
        'https://equipsme.com/blog/how-much-does-company-health-insurance-cost/ ; dental and ' +
        'vision included [assumption]',
    )
    expect(parsed).toEqual({
      text: 'PMI default £1,000-£1,500 per employee per year plus Class 1A; dental and vision included',
      links: [
        {
          href: 'https://equipsme.com/blog/how-much-does-company-health-insurance-cost/',
          label: 'equipsme.com',
        },
      ],
      estimate: true,
    })
  })

  it('names well-known publishers by name, others by their address', () => {
    expect(publisherOf('https://www.gov.uk/guidance/rates-and-thresholds')).toBe('GOV.UK')
    expect(publisherOf('https://www.irs.gov/pub/irs-pdf/p15.pdf')).toBe('IRS')
    expect(publisherOf('https://www.kff.org/report')).toBe('KFF')
    expect(publisherOf('https://example.com/x')).toBe('example.com')
  })

  it('a source without markers is not an estimate', () => {
    expect(parseSource('Budget rates agreed by finance, January 2027').estimate).toBe(false)
  })
})
