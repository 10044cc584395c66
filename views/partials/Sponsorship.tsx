import { EditForm, Field, type FormState } from '../pages/Loops.tsx'

/** Which optional fees a role's visa has: UK Skilled Worker or US H-1B. */
const FEES = {
  uk_skilled_worker: [
    { name: 'visaFee', label: 'Employer pays the visa application fee' },
    { name: 'healthSurcharge', label: 'Employer pays the Immigration Health Surcharge' },
  ],
  us_h1b: [{ name: 'premiumProcessing', label: 'Employer pays for premium processing' }],
} as const

export interface SponsorshipFormProps {
  /** The plan the form was opened for: it saves to, and comes back to, that plan. */
  planId: string
  roleId: string
  visa: keyof typeof FEES
  state: FormState
}

/** The plan's sponsorship of a role: visa length and the optional fees the employer pays. */
export function SponsorshipForm({ planId, roleId, visa, state }: SponsorshipFormProps) {
  const form = `sponsorship-${roleId}`
  return (
    <EditForm
      id={form}
      action={`/recruiting/roles/${roleId}/sponsorship?plan=${encodeURIComponent(planId)}`}
      heading="Visa sponsorship"
      state={state}
      submit="Save sponsorship"
    >
      <Field
        form={form}
        name="visaMonths"
        label="Visa length (months)"
        hint="Fees depend on it: up to 60 months."
        state={state}
        numeric
      />
      {FEES[visa].map((fee) => (
        <label class="checkbox">
          <input type="checkbox" name={fee.name} checked={state.values[fee.name] === 'on'} />{' '}
          {fee.label}
        </label>
      ))}
    </EditForm>
  )
}
