/**
 * Progress of an apply across providers: a bar with counts, rate and ETA on a
 * terminal (cli-progress, on stderr), a plain line per change otherwise, and
 * nothing with `--json`.
 */
import { Presets, SingleBar } from 'cli-progress'
import type { ApplyProgress } from '../src/manifest/apply'
import type { CliIO } from './io'
import { progressLine } from './plan-format'

/**
 * A progress display: feed it each provider's progress, stop it when done.
 * @example
 * const progress = startProgress(io, false, 10, (t) => t); apply(p, { onProgress: progress.update }); progress.stop()
 */
export interface Progress {
  update(p: ApplyProgress): void
  stop(): void
}

/**
 * Starts the display that fits the output: `total` is the number of changes
 * across all providers; plain lines go through `redact` first.
 * @example
 * const progress = startProgress(io, json, total, session.redact)
 */
export const startProgress = (io: CliIO, json: boolean, total: number, redact: (text: string) => string): Progress => {
  let done = 0
  let failed = 0
  const started = Date.now()
  if (json || total === 0) return { update: () => undefined, stop: () => undefined }
  if (io.terminal?.stderr !== true || io.progressStream === undefined) {
    return {
      update: (p) => {
        done++
        io.stdout(redact(progressLine({ provider: p.provider, done, total, last: p.last })))
      },
      stop: () => undefined,
    }
  }
  const bar = new SingleBar(
    { stream: io.progressStream, noTTYOutput: true, format: 'applying [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted} | failed {failed}', hideCursor: true, etaBuffer: 50 },
    Presets.shades_classic,
  )
  bar.start(total, 0, { rate: '0.0', failed: 0 })
  return {
    update: (p) => {
      done++
      if (p.last.result === 'failed') failed++
      const seconds = Math.max((Date.now() - started) / 1000, 0.001)
      bar.update(done, { rate: (done / seconds).toFixed(1), failed })
    },
    stop: () => bar.stop(),
  }
}
