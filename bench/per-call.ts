/**
 * Per-call overhead: `get`, `list` (one page of 100) and `create` through the
 * library against the same HTTP requests made with bare axios and
 * `JSON.parse`, on both vendors. The sandbox runs in its own process; the
 * library's client-side pacing is off (pacing is not overhead).
 */
import { gib, mib, toPromises } from '../src'
import { createThordataProvider } from '../providers/thordata'
import { createWebshareProvider } from '../providers/webshare'
import { bareJson } from './bare-http'
import { latencyPair } from './latency-pair'
import { startRemoteSandbox, type RemoteSandbox } from './remote-sandbox'
import type { BenchResult } from './result'

/** The p50 goal: at most 15% over the bare request. */
const MAX_RATIO = 1.15
/** Sub-users held by each fake: `list` is exactly one page of 100. */
const HELD = 100

const webshare = async (sandbox: RemoteSandbox): Promise<BenchResult[]> => {
  const p = toPromises(createWebshareProvider({ ...sandbox.webshare, rateLimit: false }))
  const base = `${sandbox.webshare.baseURL}/api/v2/subuser/`
  const headers = { Authorization: `Token ${sandbox.webshare.apiKey}`, Accept: 'application/json' }
  let n = 0
  return [
    ...(await latencyPair('webshare get', () => p.get('1'), () => bareJson({ url: `${base}1/`, headers }), MAX_RATIO)),
    ...(await latencyPair('webshare list (1 page of 100)', () => p.list(), () => bareJson({ url: base, params: { page: '1', page_size: '100' }, headers }), MAX_RATIO)),
    ...(await latencyPair(
      'webshare create',
      () => p.create({ username: `lib-${n++}`, trafficLimitBytes: gib(1) }),
      async () => {
        const created = await bareJson({ method: 'POST', url: base, headers: { ...headers, 'Content-Type': 'application/json' }, data: JSON.stringify({ label: `bare-${n++}`, proxy_limit: 1 }) })
        if (created.status !== 201) throw new Error(`bare create answered ${created.status}`)
      },
      MAX_RATIO,
    )),
  ]
}

const thordata = async (sandbox: RemoteSandbox): Promise<BenchResult[]> => {
  const p = toPromises(createThordataProvider({ ...sandbox.thordata, rateLimit: false }))
  const { baseURL, token, key } = sandbox.thordata
  const userList = () => bareJson({ url: `${baseURL}/proxy-users/user-list`, params: { token, key, proxy_type: '1' }, headers: { Accept: 'application/json' } })
  let n = 0
  const username = (prefix: string) => `${prefix}${String(n++).padStart(7, '0')}`
  // create-user answers without the user: the library reads the list to return it, and so does the baseline.
  const bareCreate = async () => {
    const form = new URLSearchParams({ proxy_type: '1', username: username('bare'), password: 'Benchpw1', traffic_limit: '100', status: 'true' })
    const created = await bareJson({ method: 'POST', url: `${baseURL}/proxy-users/create-user`, headers: { token, key, 'Content-Type': 'application/x-www-form-urlencoded' }, data: form.toString() })
    if ((created.body as { code?: unknown }).code !== 200) throw new Error('bare create-user refused')
    return userList()
  }
  return [
    ...(await latencyPair('thordata get (user-list of 100)', () => p.get('seed0000001'), userList, MAX_RATIO)),
    ...(await latencyPair('thordata list (user-list of 100)', () => p.list(), userList, MAX_RATIO)),
    ...(await latencyPair('thordata create (create-user + user-list)', () => p.create({ username: username('lib'), password: 'Benchpw1', trafficLimitBytes: mib(100) }), bareCreate, MAX_RATIO)),
  ]
}

/**
 * Runs the per-call pairs of both vendors against a sandbox in another process.
 * @example
 * const lines = await perCallOverhead()
 */
export const perCallOverhead = async (): Promise<BenchResult[]> => {
  const sandbox = await startRemoteSandbox({ webshare: { requestsPerMinute: 1e9 }, thordata: { userLimit: 1e9 }, seed: { webshare: HELD, thordata: HELD } })
  try {
    return [...(await webshare(sandbox)), ...(await thordata(sandbox))]
  } finally {
    await sandbox.close()
  }
}
