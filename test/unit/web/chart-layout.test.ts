import { describe, expect, it } from 'vitest'
import { textWidth, xLabelLayout } from '../../../views/components/charts/frame.tsx'
import { spreadLabels } from '../../../views/components/charts/LineChart.tsx'

describe('chart labels never collide', () => {
  it('writes every nth x label, n chosen so written labels are wider apart than they are long', () => {
    const quarters = ['FY2027 Q1', 'FY2027 Q2', 'FY2027 Q3', 'FY2027 Q4', 'FY2028 Q1']
    // 9 characters at 7.2 units = 64.8 + 10 of space: 74.8 units a label, bands 60 apart -> every 2nd
    expect(xLabelLayout(quarters, 60)).toEqual({ step: 2, angled: false })
    expect(xLabelLayout(quarters, 80)).toEqual({ step: 1, angled: false })
    const months = Array.from({ length: 24 }, (_, i) => `Mon ${2027 + Math.floor(i / 12)}`)
    const { step, angled } = xLabelLayout(months, 20)
    expect(angled).toBe(false)
    expect(step * 20).toBeGreaterThan(textWidth('Mon 2027'))
  })

  it('turns the labels when even every twelfth would not fit level', () => {
    const long = Array.from({ length: 40 }, (_, i) => `A long category name ${i}`)
    expect(xLabelLayout(long, 10).angled).toBe(true)
  })

  it('spreads end labels at least a label height apart, inside the plot', () => {
    const ys = spreadLabels([100, 101, 102, 250, 249], 250, 14)
    const sorted = [...ys].sort((a, b) => a - b)
    for (let i = 1; i < sorted.length; i++)
      expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(14)
    expect(Math.max(...ys)).toBeLessThanOrEqual(250)
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0)
    // labels that had room stay at their lines' ends
    expect(spreadLabels([10, 100], 250)).toEqual([10, 100])
  })
})
