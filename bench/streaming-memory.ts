/**
 * Streaming memory: `iterate()` over 100,000 sub-users, Webshare and IPRoyal
 * (1,000 pages of 100) and Thordata and Oxylabs (one list of 100,000, the
 * vendors have no pagination; Oxylabs' list also holds its main user, so
 * 99,999 sub-users are seeded).
 * The sandbox and the measured client each run in their own process, so only
 * the client's memory counts.
 */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { startRemoteSandbox, type RemoteSandbox } from './remote-sandbox'
import { atMost, reportOnly, result, type BenchResult } from './result'
import { median } from './stats'
import type { StreamingMeasurement } from './streaming-client'

const RECORDS = 100_000
const MAX_GROWTH_MB = 64
/** Fresh client processes per vendor: peak RSS depends on when the collector runs, so the median of a few is reported. */
const RUNS = 3
const MB = 2 ** 20

type Vendor = 'thordata' | 'webshare' | 'oxylabs' | 'iproyal'

const measure = async (vendor: Vendor, sandbox: RemoteSandbox): Promise<StreamingMeasurement> => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(__dirname, 'streaming-client.ts'), vendor], {
    env: { ...process.env, BENCH_SANDBOX: JSON.stringify({ thordata: sandbox.thordata, webshare: sandbox.webshare, oxylabs: sandbox.oxylabs, iproyal: sandbox.iproyal }) },
    maxBuffer: 1 << 20,
  })
  const m = JSON.parse(stdout) as StreamingMeasurement
  if (m.records !== RECORDS) throw new Error(`${vendor}: iterate() gave ${m.records} records, not ${RECORDS}`)
  return m
}

/**
 * Peak RSS growth (goal ≤ 64 MB) and records per second of `iterate()`, per vendor.
 * @example
 * const lines = await streamingMemory()
 */
export const streamingMemory = async (): Promise<BenchResult[]> => {
  const sandbox = await startRemoteSandbox({
    webshare: { requestsPerMinute: 1e9 },
    thordata: { userLimit: 1e9 },
    oxylabs: { maxSubUsers: RECORDS },
    // Each seeded sub-user holds 1 GB moved out of the main balance; IPRoyal pages of 100.
    iproyal: { mainBalanceBytes: 2 ** 52, perPageCap: 100 },
    seed: { webshare: RECORDS, thordata: RECORDS, oxylabs: RECORDS - 1, iproyal: RECORDS },
  })
  try {
    const lines: BenchResult[] = []
    const shapes: ReadonlyArray<readonly [Vendor, string]> = [
      ['webshare', '1,000 pages of 100'],
      ['thordata', 'one list'],
      ['oxylabs', 'one list'],
      ['iproyal', '1,000 pages of 100'],
    ]
    for (const [vendor, shape] of shapes) {
      const runs: StreamingMeasurement[] = []
      for (let i = 0; i < RUNS; i++) runs.push(await measure(vendor, sandbox))
      lines.push(
        result(`${vendor} iterate() 100,000 (${shape}): peak RSS growth, median of ${RUNS}`, median(runs.map((m) => m.peakGrowthBytes / MB)), 'MB', atMost(MAX_GROWTH_MB, 'MB')),
        result(`${vendor} iterate() 100,000 (${shape}): rate, median of ${RUNS}`, median(runs.map((m) => m.records / m.seconds)), 'records/s', reportOnly),
      )
    }
    return lines
  } finally {
    await sandbox.close()
  }
}
