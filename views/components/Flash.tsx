import type { Child } from 'hono/jsx'

export type FlashKind = 'info' | 'success' | 'error'

const LABEL: Record<FlashKind, string> = { info: 'Note', success: 'Done', error: 'Error' }

/** A message box; the kind is written out as a word, never shown by colour alone. */
export function Flash({ kind, children }: { kind: FlashKind; children?: Child }) {
  return (
    <div class={`flash flash-${kind}`} role={kind === 'error' ? 'alert' : undefined}>
      <strong class="flash-label">{LABEL[kind]}:</strong> {children}
    </div>
  )
}
