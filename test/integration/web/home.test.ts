import { describe, expect, it } from 'vitest'
import { testApp } from '../../helpers/web.ts'

async function homeHtml(opts: { seed?: boolean } = {}) {
  const res = await testApp(opts).get('/')
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8')
  return res.text()
}

/** The markup of one team's card, from its list item up to its subteams (or its end). */
function teamCard(html: string, id: string): string {
  const start = html.indexOf(`<li class="team" id="team-${id}">`)
  expect(start, `team ${id} is on the page`).toBeGreaterThanOrEqual(0)
  const rest = html.slice(start)
  const end = Math.min(
    ...['<ul class="subteams">', '</li>'].map((m) => rest.indexOf(m)).filter((i) => i > 0),
  )
  return rest.slice(0, end)
}

describe('GET / (demo organisation, as of 15 January 2027)', () => {
  it('renders a full page in the layout with the organisation as its heading', async () => {
    const html = await homeHtml()
    expect(html.startsWith('<!DOCTYPE html><html lang="en">')).toBe(true)
    expect(html).toContain('<title>Organisation · Headcount planner</title>')
    expect(html).toContain('<h1>Meridian AI</h1>')
    expect(html).toContain('Headcount as of 15 January 2027')
    expect(html).toContain('<main id="main">')
    expect(html).toContain('<div id="flash"')
  })

  it('shows every department in order', async () => {
    const html = await homeHtml()
    const order = ['Research', 'Engineering', 'People'].map((d) => html.indexOf(`>${d}</h2>`))
    expect(order.every((i) => i > 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
  })

  it('shows Interpretability with its manager, tech lead, own headcount and two open roles', async () => {
    const card = teamCard(await homeHtml(), 'interpretability')
    expect(card).toContain(
      '<h3 id="team-interpretability-name" class="team-name"><a href="/teams/interpretability">Interpretability</a>',
    )
    expect(card).toContain('Helen Okafor')
    expect(card).toContain('Ingrid Solberg')
    // Its own filled positions: the manager and the tech lead.
    expect(card).toContain(
      'Filled headcount, own positions</dt><dd class="num" id="team-interpretability-filled">2</dd>',
    )
    // The two open Team Manager, Interpretability requisitions.
    expect(card).toContain('<span class="badge">2 open roles</span>')
    // At the end of the plan (December 2028) the two open roles have started: 2 + 2.
    expect(card).toContain('Headcount at end of December 2028')
    expect(card).toMatch(/id="team-interpretability-end">4<\/dd>/)
    // a viewer (the default role here) sees no cost
    expect(card).not.toContain('Cost over the plan')
  })

  it("shows each team's cost over the plan to roles that may see pay", async () => {
    const t = testApp()
    const html = await (await t.get('/', 'finance')).text()
    expect(html).toMatch(/id="team-interpretability-cost">£[\d,]+\.\d\d<\/dd>/)
  })

  it('nests the three Interpretability subteams under it, each with its own leads and counts', async () => {
    const html = await homeHtml()
    const interp = html.indexOf('id="team-interpretability"')
    const pretraining = html.indexOf('id="team-pretraining"')
    for (const [id, name, manager, lead, filled, open] of [
      ['circuits', 'Circuits', 'Daniel Brooks', 'Rafael Montoya', 6, '1 open role'],
      [
        'dictionary-learning',
        'Dictionary Learning',
        'Aisha Rahman',
        'Oliver Hartley',
        6,
        '1 open role',
      ],
      ['model-biology', 'Model Biology', 'Marcus Lindqvist', 'Mei Tanaka', 5, 'None'],
    ] as const) {
      const at = html.indexOf(`id="team-${id}"`)
      expect(at > interp && at < pretraining, `${name} sits inside Interpretability`).toBe(true)
      const card = teamCard(html, id)
      expect(card).toContain(`<h4 id="team-${id}-name" class="team-name">`)
      expect(card).toContain(`Subteam: </span><a href="/teams/${id}">${name}</a>`)
      expect(card).toContain(manager)
      expect(card).toContain(lead)
      expect(card).toContain(
        `Filled headcount</dt><dd class="num" id="team-${id}-filled">${filled}</dd>`,
      )
      expect(card).toContain(open)
    }
  })

  it('shows organisation totals: 33 filled, 5 open roles', async () => {
    // Filled: Interpretability 2 + Circuits 6 + Dictionary Learning 6 + Model Biology 5
    //   + Pretraining 5 + Inference 4 + Platform 3 + Recruiting 2 = 33.
    // Open: Interpretability 2 + Circuits 1 + Dictionary Learning 1 + Pretraining 1 = 5; the
    //   Inference role is on hold, so it is not counted.
    const html = await homeHtml()
    expect(html).toContain('<dd class="num" id="total-filled">33</dd>')
    expect(html).toContain('<dd class="num" id="total-open">5</dd>')
    expect(teamCard(html, 'inference')).toContain('Open roles</dt><dd class="num">None</dd>')
  })

  it("labels a team's own figures and its figures with subteams, and totals each department", async () => {
    const t = testApp()
    const html = await (await t.get('/', 'finance')).text()
    const dd = (id: string) => new RegExp(`id="${id}">([^<]+)</dd>`).exec(html)?.[1]
    const pence = (money: string) => Number(money.replace(/[£,.]/g, ''))
    const card = teamCard(html, 'interpretability')
    expect(card).toContain('Cost over the plan, own positions')
    expect(card).toContain('Cost over the plan, with subteams')
    // with subteams: Interpretability 2 + Circuits 6 + Dictionary Learning 6 + Model Biology 5
    expect(dd('team-interpretability-all-filled')).toBe('19')
    // and its cost is its own plus each subteam's (all four shown on the page)
    const own = ['interpretability', 'circuits', 'dictionary-learning', 'model-biology']
    expect(pence(dd('team-interpretability-all-cost')!)).toBe(
      own.reduce((a, id) => a + pence(dd(`team-${id}-cost`)!), 0),
    )
    // a team without subteams has one set of figures, unlabelled
    expect(teamCard(html, 'circuits')).not.toContain('own positions')
    // Research: Interpretability 19 with subteams + Pretraining 5 = 24 filled
    expect(dd('dept-research-filled')).toBe('24')
    // Engineering: Inference 4 + Platform 3 = 7
    expect(dd('dept-engineering-filled')).toBe('7')
    expect(pence(dd('dept-research-cost')!)).toBe(
      pence(dd('team-interpretability-all-cost')!) + pence(dd('team-pretraining-cost')!),
    )
    // the organisation's heads at the plan's end are its departments' (whole units for the cost)
    const ends = ['research', 'engineering', 'people'].map((d) => Number(dd(`dept-${d}-end`)))
    expect(dd('total-end')).toBe(String(ends.reduce((a, n) => a + n, 0)))
    expect(dd('total-cost')).toMatch(/^£[\d,]+$/)
  })

  it("hides a department's cost from a manager who may not see every team's pay", async () => {
    const t = testApp()
    const html = await (await t.get('/', 'manager')).text()
    expect(html).toContain('id="team-interpretability-all-cost"')
    expect(html).not.toContain('id="dept-research-cost"')
    expect(html).not.toContain('id="total-cost"')
  })

  it('an empty database says what to do next instead of failing', async () => {
    const html = await homeHtml({ seed: false })
    expect(html).toContain('No organisation yet')
    expect(html).toContain('DEMO_DATA=true')
  })

  it('draws the organisation as an org chart: each node with its leads, heads and cost, opening its team', async () => {
    const t = testApp()
    const html = await (await t.get('/org-chart', 'finance')).text()
    expect(html).toContain('<h1>Org chart</h1>')
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'))
    for (const name of ['Meridian AI', 'Research', 'Engineering', 'People']) {
      expect(svg).toContain(`class="org-name">${name}</text>`)
    }
    // a team's node opens its page and names its leads; Interpretability's figures include its
    // subteams: 2 + 6 + 6 + 5 = 19 now, 2 + 4 + 1 + 1 + 0 = 4 open roles
    expect(svg).toMatch(/<a href="\/teams\/interpretability" class="org-link">/)
    expect(svg).toContain('Manager: Helen Okafor')
    expect(svg).toContain('Tech lead: Ingrid Solberg')
    expect(svg).toContain('19 now, 23 at end of Dec 2028')
    expect(svg).toContain('4 open roles')
    expect(svg).toContain('Figures include its subteams')
    expect(svg).toMatch(/£[\d,]+ over the plan/)
    // the organisation page links to it
    expect(await (await t.get('/', 'finance')).text()).toContain('href="/org-chart"')
  })

  it('keeps cost off the org chart for a reader who may not see pay', async () => {
    const t = testApp()
    const viewer = await (await t.get('/org-chart', 'viewer')).text()
    expect(viewer).toContain('19 now')
    expect(viewer).not.toContain('over the plan')
    // a manager sees their own teams' cost, not another team's or a department's
    const manager = await (await t.get('/org-chart', 'manager')).text()
    const node = (name: string) =>
      manager.slice(manager.indexOf(`>${name}</text>`)).split('</g>')[0]!
    expect(node('Interpretability')).toContain('over the plan')
    expect(node('Inference')).not.toContain('over the plan')
    expect(node('Research')).not.toContain('over the plan')
    expect(manager).not.toContain('<a href="/teams/inference"')
  })
})
