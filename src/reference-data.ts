/**
 * Reference data read from `data/` at start-up, before the database is touched: the rule book
 * (UK and US employer on-costs, and the dated visa sponsorship fees). A malformed file throws a
 * DataFileError naming the file, each field's path and the problem, so the server refuses to start
 * rather than cost with bad rates.
 */
import { fileURLToPath } from 'node:url'
import { readDataFile } from './data-files.ts'
import { hiringCostsFile } from './domain/hiring/schema.ts'
import { type RuleBook, ruleBookOf, ukRulesFile, usRulesFile } from './domain/rules/index.ts'

export interface ReferenceData {
  rules: RuleBook
}

/** `data/` of this project, found from this module's location, not the working directory. */
export const PROJECT_DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url))

export function loadReferenceData(dataDir = PROJECT_DATA_DIR): ReferenceData {
  const dir = dataDir.endsWith('/') ? dataDir : `${dataDir}/`
  const uk = readDataFile(`${dir}rules/uk.json`, ukRulesFile)
  const us = readDataFile(`${dir}rules/us.json`, usRulesFile)
  const hiringCosts = readDataFile(`${dir}hiring/costs.json`, hiringCostsFile)
  return { rules: { ...ruleBookOf(uk, us), hiringCosts } }
}
