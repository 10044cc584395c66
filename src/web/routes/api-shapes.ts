/**
 * The shapes of the API's explanation answers, for its readers and its tests: the engine's
 * sentences (`lines`) beside the same working as structured lines (`structured`), each a sum of
 * terms times exact factors, rounded once to its result (src/domain/projection/worked.ts).
 */
import * as z from 'zod'
import { MONTH_TEXT } from '../../domain/calendar.ts'
import { CURRENCIES } from '../../domain/money.ts'
import { COMPONENTS } from '../../domain/projection/components.ts'

const decimalText = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number as text')
const moneyText = z.string().regex(/^-?\d+\.\d{2}$/, 'must be an amount with two places')
const currency = z.enum(CURRENCIES)

export const workedLineShape = z.object({
  label: z.string(),
  terms: z.array(
    z.object({
      label: z.string(),
      amount: decimalText,
      currency,
      factors: z.array(
        z.object({ label: z.string(), numerator: decimalText, denominator: decimalText }),
      ),
    }),
  ),
  result: z.object({ amount: moneyText, currency }),
})

const explanation = {
  month: z.string().regex(MONTH_TEXT),
  component: z.enum(COMPONENTS),
  lines: z.array(z.string()),
  structured: z.array(workedLineShape),
}

/** GET /api/v1/plans/:planId/positions/:positionId/explain */
export const positionExplanationShape = z.object({ positionId: z.string(), ...explanation })

/** GET /api/v1/plans/:planId/explain-total */
export const totalExplanationShape = z.object({ currency, ...explanation })
