/**
 * Writes the results table into the README, between its bench markers only.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import type { BenchResult } from './result'

const START = '<!-- bench:start -->'
const END = '<!-- bench:end -->'

const cell = (n: number | undefined) => (n === undefined ? '' : n.toLocaleString('en-US', { maximumFractionDigits: 3 }))
const verdict = (met: boolean | null) => (met === null ? '–' : met ? 'yes' : '**no**')

/**
 * The results as a Markdown table, headed by the machine and date of the run.
 * @example
 * renderTable(results, 'AMD EPYC, 2 cores, Node v20.20.2', new Date())
 */
export const renderTable = (results: ReadonlyArray<BenchResult>, machine: string, at: Date): string =>
  [
    `Run ${at.toISOString().slice(0, 10)} on ${machine}.`,
    '',
    '| measure | value | unit | baseline | ratio | goal | met |',
    '|---|---:|---|---:|---:|---|---|',
    ...results.map((r) =>
      r.skipped === undefined
        ? `| ${r.name} | ${cell(r.value)} | ${r.unit} | ${cell(r.baseline)} | ${cell(r.ratio)} | ${r.goal} | ${verdict(r.met)} |`
        : `| ${r.name} | skipped: ${r.skipped} | | | | ${r.goal} | – |`,
    ),
  ].join('\n')

/**
 * Replaces what lies between the markers in `path`; throws when they are missing.
 * @example
 * writeBetweenMarkers('README.md', renderTable(results, machine(), new Date()))
 */
export const writeBetweenMarkers = (path: string, content: string): void => {
  const text = readFileSync(path, 'utf8')
  const start = text.indexOf(START)
  const end = text.indexOf(END)
  if (start < 0 || end < start) throw new Error(`${path}: no ${START} … ${END} markers to write between`)
  writeFileSync(path, `${text.slice(0, start + START.length)}\n${content}\n${text.slice(end)}`)
}
