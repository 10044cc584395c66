/**
 * The organisation as a tree (server-rendered SVG): the organisation, its departments, their teams
 * and subteams, one column per level, laid out by d3-hierarchy's tidy tree so no node sits over
 * another. Each node names its manager and tech lead and gives its headcount now and at the plan's
 * end, its open roles and (for those who may see pay) its cost; a team's node opens its page.
 * A phone is too narrow for the tree's columns: there the same nodes read as an indented list,
 * each node's children under a disclosure that folds them away, and the SVG is not shown.
 */
import { hierarchy, tree } from 'd3-hierarchy'
import { linkHorizontal } from 'd3-shape'

export interface OrgChartNode {
  name: string
  /** The team's page, when the viewer may open it. */
  href?: string | undefined
  /** "Manager: …", "Tech lead: …": each its own line. */
  people: string[]
  /** "2 now, 4 at end of December 2028", already in words. */
  headcount: string
  /** "2 open roles", "No open roles". */
  open: string
  /** The cost in words, or null when the viewer may not see it. */
  cost: string | null
  /** What the figures count, when it is not obvious ("with subteams"). */
  covers?: string | undefined
  children: OrgChartNode[]
}

const NODE_W = 236
const COLUMN = 262
const LINE = 15
const PAD = 10

/** A node's height: its name, people, figures and what they count. */
const heightOf = (n: OrgChartNode) =>
  PAD * 2 + 18 + LINE * (n.people.length + 2 + (n.cost === null ? 0 : 1) + (n.covers ? 1 : 0))

export function OrgChart({ root, caption }: { root: OrgChartNode; caption: string }) {
  const h = hierarchy(root)
  const rowHeight = Math.max(...h.descendants().map((d) => heightOf(d.data))) + 14
  // every node one row apart, cousins as close as siblings: the chart stays as short as it can
  const laidOut = tree<OrgChartNode>()
    .nodeSize([rowHeight, COLUMN])
    .separation(() => 1)(h)
  const nodes = laidOut.descendants()
  const top = Math.min(...nodes.map((n) => n.x)) - rowHeight / 2
  const bottom = Math.max(...nodes.map((n) => n.x)) + rowHeight / 2
  const depth = Math.max(...nodes.map((n) => n.depth))
  const width = depth * COLUMN + NODE_W + 2
  const height = bottom - top
  // from a node's right edge to its child's left edge, each at its row's middle
  const link = linkHorizontal()
  return (
    <figure class="chart org-chart" aria-labelledby="org-chart-title">
      <figcaption id="org-chart-title">{caption}</figcaption>
      <div class="org-chart-frame">
        <svg
          viewBox={`0 ${top} ${width} ${height}`}
          width={width}
          height={height}
          style={`max-width:${width}px`}
          aria-labelledby="org-chart-title"
        >
          <title>{caption}</title>
          <g class="org-links">
            {laidOut.links().map((l) => (
              <path
                d={
                  link({
                    source: [l.source.y + NODE_W, l.source.x],
                    target: [l.target.y, l.target.x],
                  }) ?? ''
                }
              />
            ))}
          </g>
          {nodes.map((n) => (
            <Node node={n.data} x={n.y + 1} y={n.x - heightOf(n.data) / 2} />
          ))}
        </svg>
      </div>
      <ul class="org-list">
        <ListNode node={root} />
      </ul>
    </figure>
  )
}

/** What a node's children are, for its disclosure: "3 departments", "2 subteams". */
function childrenLabel(node: OrgChartNode, depth: number): string {
  const n = node.children.length
  const [one, many] =
    depth === 0
      ? ['department', 'departments']
      : depth === 1
        ? ['team', 'teams']
        : ['subteam', 'subteams']
  return `${n} ${n === 1 ? one : many} in ${node.name}`
}

/** A node of the narrow-screen list: its card, then its children folded under a disclosure. */
function ListNode({ node, depth = 0 }: { node: OrgChartNode; depth?: number }) {
  return (
    <li>
      <div class="org-card">
        <p class="org-name">{node.href ? <a href={node.href}>{node.name}</a> : node.name}</p>
        {node.people.map((text) => (
          <p class="org-person">{text}</p>
        ))}
        <p>{node.headcount}</p>
        <p>{node.open}</p>
        {node.cost !== null && <p>{node.cost}</p>}
        {node.covers && <p class="org-covers">{node.covers}</p>}
      </div>
      {node.children.length > 0 && (
        <details open>
          <summary>{childrenLabel(node, depth)}</summary>
          <ul>
            {node.children.map((child) => (
              <ListNode node={child} depth={depth + 1} />
            ))}
          </ul>
        </details>
      )}
    </li>
  )
}

function Node({ node, x, y }: { node: OrgChartNode; x: number; y: number }) {
  const lines = [
    ...node.people.map((text) => ({ text, cls: 'org-person' })),
    { text: node.headcount, cls: 'org-figure' },
    { text: node.open, cls: 'org-figure' },
    ...(node.cost === null ? [] : [{ text: node.cost, cls: 'org-figure' }]),
    ...(node.covers ? [{ text: node.covers, cls: 'org-covers' }] : []),
  ]
  const box = (
    <g class="org-node" transform={`translate(${x},${y})`}>
      <rect width={NODE_W - 2} height={heightOf(node)} rx={6} />
      <text x={PAD} y={PAD + 14} class="org-name">
        {node.name}
      </text>
      {lines.map((l, i) => (
        <text x={PAD} y={PAD + 18 + LINE * (i + 1)} class={l.cls}>
          {l.text}
        </text>
      ))}
    </g>
  )
  return node.href ? (
    <a href={node.href} class="org-link">
      {box}
    </a>
  ) : (
    box
  )
}
