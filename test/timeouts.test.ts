/**
 * An endpoint that never answers gives a `timeout` error within the
 * configured time, and nothing is left running (jest runs with
 * --detectOpenHandles).
 */
import { createThordataProvider } from '../providers/thordata'
import { startSandbox, type Sandbox } from '../providers/sandbox'
import { createWebshareProvider } from '../providers/webshare'

const TIMEOUT_MS = 300
let sandbox: Sandbox

beforeAll(async () => {
  sandbox = await startSandbox({ faults: { thordata: { hangPaths: ['/proxy-users/user-list'] }, webshare: { hangPaths: ['/api/v2/subuser/'] } } })
})
afterAll(() => sandbox.close())

const elapsed = async <A>(run: () => Promise<A>): Promise<[A, number]> => {
  const t0 = performance.now()
  const a = await run()
  return [a, performance.now() - t0]
}

it.each<[string, () => Promise<unknown>]>([
  ['thordata', () => createThordataProvider({ ...sandbox.thordata, timeoutMs: TIMEOUT_MS, retry: false, rateLimit: false }).get('alice001')()],
  ['webshare', () => createWebshareProvider({ ...sandbox.webshare, timeoutMs: TIMEOUT_MS, retry: false, rateLimit: false }).get('42')()],
])('%s: a read that gets no answer fails as timeout after timeoutMs', async (_name, run) => {
  const [result, ms] = await elapsed(run)
  expect(result).toMatchObject({ _tag: 'Left', left: { kind: 'timeout', retryable: true } })
  // A lower bound (the timer never fires early) and a generous upper one for a loaded machine.
  expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 5)
  expect(ms).toBeLessThan(TIMEOUT_MS + 5_000)
})

it('a write that gets no answer is read back; when the read-back hangs too, the timeout is reported', async () => {
  const p = createWebshareProvider({ ...sandbox.webshare, timeoutMs: TIMEOUT_MS, retry: { retries: 1, baseDelayMs: 1 }, rateLimit: false })
  const r = await p.create({ username: 'team-a' })()
  expect(r).toMatchObject({ _tag: 'Left', left: { kind: 'timeout', operation: 'create', retryable: false } })
})
