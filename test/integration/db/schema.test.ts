/**
 * Schema guard (after Actual's schema-guard.test.ts): the migrated schema must equal the committed
 * snapshot, so no migration changes the schema by accident. To change the schema deliberately,
 * add a migration, then regenerate the snapshot and review its diff in the commit:
 *
 *   UPDATE_SCHEMA_SNAPSHOT=1 npx vitest run test/integration/db/schema.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { freshDatabase } from '../../helpers/db.ts'

const SNAPSHOT = 'test/integration/db/schema-snapshot.json'

/** Tables, indexes and their columns, ordered by name, SQL whitespace collapsed. */
function migratedSchema() {
  const db = freshDatabase()
  const objects = db
    .prepare(
      "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all() as { type: string; name: string; tbl_name: string; sql: string | null }[]
  return objects.map((o) => ({
    type: o.type,
    name: o.name,
    table: o.tbl_name,
    sql: (o.sql ?? '')
      .replace(/--[^\n]*/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
    ...(o.type === 'table'
      ? {
          columns: (
            db.pragma(`table_info(${o.name})`) as { name: string; type: string; notnull: number }[]
          ).map((c) => `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}`),
        }
      : {}),
  }))
}

describe('schema', () => {
  it('equals the committed snapshot', () => {
    const schema = migratedSchema()
    if (process.env.UPDATE_SCHEMA_SNAPSHOT === '1') {
      writeFileSync(SNAPSHOT, `${JSON.stringify(schema, null, 2)}\n`)
    }
    expect(schema).toEqual(JSON.parse(readFileSync(SNAPSHOT, 'utf8')))
  })
})
