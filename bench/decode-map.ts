/**
 * Decode and map: records per second through each vendor's io-ts codec and mapper on 100,000
 * records as the vendor sends them (bench/decode-map-subjects.ts), already parsed, against
 * `JSON.parse` alone on the same text. The subjects are bundled with esbuild first, as tsup
 * bundles the package: measured through tsx, every call across a module boundary would go
 * through a getter that the shipped code does not have.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { buildSync } from 'esbuild'
import { interleaved } from './interleave'
import { allOf, atLeast, ratioAtLeast, result, type BenchResult } from './result'
import { median } from './stats'
import type * as Subjects from './decode-map-subjects'

const ROUNDS = 7
/** The goals: records per second through decode and map, and that rate against `JSON.parse`'s. */
const GOAL = 250_000
const MIN_RATIO = 1.0

/**
 * The subjects module, bundled into a temporary file and loaded from there: under
 * `node_modules/.cache`, where the bundle's own imports (io-ts, fp-ts) resolve as they do for the package.
 */
const loadSubjects = (): typeof Subjects => {
  const cache = join(__dirname, '..', 'node_modules', '.cache')
  mkdirSync(cache, { recursive: true })
  const dir = mkdtempSync(join(cache, 'decode-map-'))
  try {
    const outfile = join(dir, 'subjects.cjs')
    buildSync({ entryPoints: [join(__dirname, 'decode-map-subjects.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node18', packages: 'external', outfile, logLevel: 'silent' })
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(outfile) as typeof Subjects
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Records per second of one synchronous pass over `records`. */
const rate = (records: number, pass: () => unknown) => async () => {
  const started = performance.now()
  pass()
  return records / ((performance.now() - started) / 1000)
}

/**
 * Records per second through decode and map, parsing excluded (goals {@link GOAL} and at least `JSON.parse`'s rate, {@link MIN_RATIO}), with `JSON.parse` alone as the baseline, per vendor.
 * @example
 * const lines = await decodeAndMap()
 */
export const decodeAndMap = async (): Promise<BenchResult[]> => {
  const { RECORDS, SUBJECTS } = loadSubjects()
  const lines: BenchResult[] = []
  for (const [vendor, { texts, decodeAndMap: pass }] of Object.entries(SUBJECTS)) {
    const payloads = texts()
    // Each round decodes freshly parsed replies (a codec may keep what it decoded), parsed outside the timing.
    const parsedCopy = () => payloads.map((p) => JSON.parse(p) as unknown)
    const count = parsedCopy().reduce((n: number, reply) => n + pass(reply), 0)
    if (count !== RECORDS) throw new Error(`${vendor}: decode and map lost records`)
    const rounds = await interleaved(ROUNDS, {
      library: async () => {
        const replies = parsedCopy()
        return rate(RECORDS, () => replies.forEach(pass))()
      },
      parse: rate(RECORDS, () => payloads.forEach((p) => JSON.parse(p))),
    })
    lines.push(result(`${vendor} decode + map, 100,000 records (parsing excluded)`, median(rounds.library), 'records/s', allOf(atLeast(GOAL, 'records/s'), ratioAtLeast(MIN_RATIO)), median(rounds.parse)))
  }
  return lines
}
