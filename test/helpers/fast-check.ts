/**
 * fast-check in every test file (vitest's setup file). A property failure reports its seed and
 * counterexample path (fc.assert's own report; the fuzzer's shorter one keeps both), and
 * FC_SEED=<seed> FC_PATH=<path> replays exactly that case: `npx vitest run <file> -t <name>`.
 */
import fc from 'fast-check'

const seed = process.env.FC_SEED
const path = process.env.FC_PATH
if (seed) {
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed), ...(path ? { path } : {}) })
}
