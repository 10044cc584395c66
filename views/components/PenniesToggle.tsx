/**
 * Tables show whole units; this button shows pennies (and cents) instead, or goes back, and the
 * choice is remembered in this browser. A real form: it works without JavaScript.
 */
export function PenniesToggle({ pennies, next }: { pennies: boolean; next: string }) {
  return (
    <form method="post" action="/preferences/pennies" class="pennies-toggle">
      <input type="hidden" name="next" value={next} />
      {!pennies && <input type="hidden" name="pennies" value="on" />}
      <span class="muted">{pennies ? 'Amounts to the penny.' : 'Amounts in whole units.'}</span>{' '}
      <button type="submit" class="secondary">
        {pennies ? 'Round to whole units' : 'Show pennies'}
      </button>
    </form>
  )
}
