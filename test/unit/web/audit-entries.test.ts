import { describe, expect, it } from 'vitest'
import { namesOf } from '../../../src/domain/names.ts'
import { actionWords, fieldChanges, fieldLabel } from '../../../src/web/services/audit-entries.ts'

const names = namesOf({
  teams: [{ id: 'circuits', name: 'Circuits' }],
  offices: [
    { id: 'london', name: 'London' },
    { id: 'seattle', name: 'Seattle' },
  ],
  jobFamilies: [{ id: 'research-engineer', name: 'Research Engineer' }],
  levels: [{ id: 'l4', name: 'Level 4', code: 'L4' }],
})

describe('audit entries as a reader follows them', () => {
  it('lists each changed field as "label: before -> after", references by name', () => {
    expect(
      fieldChanges(
        { id: 'p-1', version: 1, officeId: 'london', baseSalary: '60000.00', title: 'RE' },
        { id: 'p-1', version: 2, officeId: 'seattle', baseSalary: '65000.00', title: 'RE' },
        names,
      ),
    ).toEqual(['Office: London -> Seattle', 'Base salary: 60000.00 -> 65000.00'])
  })

  it('lists a created record as its fields, and a proposal against the role as it was', () => {
    expect(fieldChanges(null, { teamId: 'circuits', levelId: 'l4', comment: null }, names)).toEqual(
      ['Team: Circuits', 'Level: L4'],
    )
    const before = { officeId: 'london', baseSalary: '60000.00' }
    const after = {
      status: 'approved',
      comment: null,
      changed: ['baseSalary'],
      position: { officeId: 'london', baseSalary: '62000.00' },
    }
    expect(fieldChanges(before, after, names)).toEqual([
      'Status: approved',
      'Base salary: 60000.00 -> 62000.00',
    ])
  })

  it('says what was done in words, and labels fields in words', () => {
    expect(actionWords('position.create')).toBe('Added a role')
    expect(actionWords('hiring.job_ad.posted')).toBe('Hiring job ad posted')
    expect(fieldLabel('targetStartDate')).toBe('Target start date')
    expect(fieldLabel('familyId')).toBe('Family')
  })
})
