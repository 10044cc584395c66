import { describe, expect, it } from 'vitest'
import { htmlNow, keptByContent } from '../../../views/components/fragments.ts'

describe('kept fragments', () => {
  it('render once per key, again for a new key, and drop the least recently used past the limit', () => {
    const rendered: string[] = []
    const Item = keptByContent(
      ({ name }: { name: string }) => {
        rendered.push(name)
        return <li>{name}</li>
      },
      ({ name }) => name,
      2,
    )
    expect(String(Item({ name: 'a' }))).toBe('<li>a</li>')
    expect(String(Item({ name: 'a' }))).toBe('<li>a</li>')
    Item({ name: 'b' })
    Item({ name: 'a' }) // a is now the most recently used
    Item({ name: 'c' }) // so b goes
    Item({ name: 'a' })
    Item({ name: 'b' })
    expect(rendered).toEqual(['a', 'b', 'c', 'b'])
  })

  it('escape what they show, as JSX does', () => {
    const Item = keptByContent(
      ({ name }: { name: string }) => <b>{name}</b>,
      (p) => p.name,
      4,
    )
    expect(String(Item({ name: '<script>' }))).toBe('<b>&lt;script&gt;</b>')
  })

  it('refuse a fragment that renders asynchronously', () => {
    const Later = async () => <i>later</i>
    expect(() => htmlNow(<Later />)).toThrow('rendered asynchronously')
  })
})
