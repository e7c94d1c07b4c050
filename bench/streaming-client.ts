/**
 * The measured side of the streaming benchmark, run in a fresh process so
 * nothing else lives in its heap: iterates every sub-user of one vendor of
 * the sandbox named in `BENCH_SANDBOX` and prints, as JSON, the records seen,
 * the seconds taken and the peak RSS growth in bytes (the process's peak RSS
 * from the kernel, less its RSS just before iterating).
 */
import type { RemoteSandbox } from './remote-sandbox'
import { built } from './built'

// The package as users run it (bench/built.ts).
const { webshare: { createWebshareProvider }, thordata: { createThordataProvider }, oxylabs: { createOxylabsProvider }, iproyal: { createIPRoyalProvider } } = built()

/**
 * What the client prints.
 * @example
 * const m: StreamingMeasurement = { records: 100000, seconds: 12.3, peakGrowthBytes: 21_000_000 }
 */
export interface StreamingMeasurement {
  readonly records: number
  readonly seconds: number
  readonly peakGrowthBytes: number
}

const main = async () => {
  const vendor = process.argv[2]
  const sandbox = JSON.parse(process.env.BENCH_SANDBOX ?? '{}') as Pick<RemoteSandbox, 'thordata' | 'webshare' | 'oxylabs' | 'iproyal'>
  const provider =
    vendor === 'thordata'
      ? createThordataProvider({ ...sandbox.thordata, rateLimit: false })
      : vendor === 'oxylabs'
        ? createOxylabsProvider({ ...sandbox.oxylabs, rateLimit: false })
        : vendor === 'iproyal'
          ? createIPRoyalProvider({ ...sandbox.iproyal, rateLimit: false })
          : createWebshareProvider({ ...sandbox.webshare, rateLimit: false })
  const before = process.memoryUsage().rss
  const started = performance.now()
  let records = 0
  for await (const user of provider.iterate()) if (user.id !== '') records++
  const seconds = (performance.now() - started) / 1000
  const peakGrowthBytes = Math.max(0, process.resourceUsage().maxRSS * 1024 - before)
  process.stdout.write(JSON.stringify({ records, seconds, peakGrowthBytes } satisfies StreamingMeasurement))
}

void main()
