/**
 * Per-call overhead: `get`, `list` (one page of 100) and `create` through the
 * library against the same HTTP requests made with bare axios and
 * `JSON.parse`, on every vendor. The library is the built package
 * (bench/built.ts), as users run it. The sandbox runs in its own process; the
 * library's client-side pacing is off (pacing is not overhead).
 *
 * A control comes first: the bare Webshare `get` against itself, measured the same way; its
 * ratio, which would be 1 on a quiet machine, shows how finely the run can tell the pairs apart.
 *
 * Each baseline sends what the library sends. Oxylabs: both sides log in once
 * before measuring and reuse the token; `get` is a read of the list (Oxylabs
 * has no single-record read) and `create` is the list read (the name check),
 * the POST, then the list read that returns the new row. IPRoyal: `create` is
 * the `/me` balance check, then the POST.
 */
import { bareJson } from './bare-http'
import { latencyPair } from './latency-pair'
import { startRemoteSandbox, type RemoteSandbox } from './remote-sandbox'
import type { BenchResult } from './result'
import { built } from './built'

// The package as users run it (bench/built.ts).
const { core: { gib, mib, toPromises }, webshare: { createWebshareProvider }, thordata: { createThordataProvider }, oxylabs: { createOxylabsProvider }, iproyal: { createIPRoyalProvider } } = built()

/** The p50 goal: at most 10% over the bare request. */
const MAX_RATIO = 1.1
/** Sub-users held by each fake: `list` is exactly one page of 100. */
const HELD = 100
/** Oxylabs lists its main user too: 99 sub-users make a list of 100. */
const OXYLABS_HELD = HELD - 1

const webshare = async (sandbox: RemoteSandbox): Promise<BenchResult[]> => {
  const p = toPromises(createWebshareProvider({ ...sandbox.webshare, rateLimit: false }))
  const base = `${sandbox.webshare.baseURL}/api/v2/subuser/`
  const headers = { Authorization: `Token ${sandbox.webshare.apiKey}`, Accept: 'application/json' }
  let n = 0
  const bareGet = () => bareJson({ url: `${base}1/`, headers })
  return [
    // The control: the bare call against itself, measured as the pairs are. How far its ratio is from 1 is how finely this run can tell.
    ...(await latencyPair('control: webshare get, bare axios against itself', bareGet, bareGet, null)),
    ...(await latencyPair('webshare get', () => p.get('1'), bareGet, MAX_RATIO)),
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

const oxylabs = async (sandbox: RemoteSandbox): Promise<BenchResult[]> => {
  const p = toPromises(createOxylabsProvider({ ...sandbox.oxylabs, rateLimit: false }))
  const { baseURL, username, password } = sandbox.oxylabs
  // The library logs in on its first call and keeps the token: so does the baseline, before measuring.
  await p.list()
  const login = await bareJson({ method: 'POST', url: `${baseURL}/login`, headers: { Authorization: `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}` } })
  const { user_id: userId, token } = login.body as { user_id: string; token: string }
  const collection = `${baseURL}/users/${encodeURIComponent(userId)}/sub-users`
  const headers = { Authorization: `Bearer ${token}` }
  const userList = () => bareJson({ url: collection, headers })
  const listed = (await userList()).body as ReadonlyArray<{ readonly id: number }>
  const id = String(listed[listed.length - 1]!.id)
  let n = 0
  const uname = (prefix: string) => `${prefix}_${String(n++).padStart(7, '0')}`
  const bareCreate = async () => {
    await userList()
    const created = await bareJson({ method: 'POST', url: collection, headers: { ...headers, 'Content-Type': 'application/json' }, data: JSON.stringify({ username: uname('bare'), password: 'Bench_Password#1', traffic_limit: 1 }) })
    if (created.status !== 201) throw new Error(`bare create answered ${created.status}`)
    return userList()
  }
  return [
    ...(await latencyPair('oxylabs get (list of 100)', () => p.get(id), userList, MAX_RATIO)),
    ...(await latencyPair('oxylabs list (list of 100)', () => p.list(), userList, MAX_RATIO)),
    ...(await latencyPair('oxylabs create (list + POST + list)', () => p.create({ username: uname('lib'), password: 'Bench_Password#1', trafficLimitBytes: gib(1) }), bareCreate, MAX_RATIO)),
  ]
}

const iproyal = async (sandbox: RemoteSandbox): Promise<BenchResult[]> => {
  const p = toPromises(createIPRoyalProvider({ ...sandbox.iproyal, rateLimit: false }))
  const base = `${sandbox.iproyal.baseURL}/residential-subusers`
  const headers = { Authorization: `Bearer ${sandbox.iproyal.apiToken}` }
  const firstPage = await bareJson({ url: base, params: { page: '1', per_page: '100' }, headers })
  const hash = (firstPage.body as { data: ReadonlyArray<{ readonly hash: string }> }).data[0]!.hash
  let n = 0
  const username = (prefix: string) => `${prefix}_${String(n++).padStart(7, '0')}`
  // The library checks the main balance before a create moves traffic out of it, and so does the baseline.
  const bareCreate = async () => {
    await bareJson({ url: `${sandbox.iproyal.baseURL}/me`, headers })
    const created = await bareJson({ method: 'POST', url: base, headers: { ...headers, 'Content-Type': 'application/json' }, data: JSON.stringify({ username: username('bare'), password: 'Benchpw1', traffic: 1 }) })
    if (created.status !== 201) throw new Error(`bare create answered ${created.status}`)
  }
  return [
    ...(await latencyPair('iproyal get', () => p.get(hash), () => bareJson({ url: `${base}/${hash}`, headers }), MAX_RATIO)),
    ...(await latencyPair('iproyal list (1 page of 100)', () => p.list(), () => bareJson({ url: base, params: { page: '1', per_page: '100' }, headers }), MAX_RATIO)),
    ...(await latencyPair('iproyal create (/me + POST)', () => p.create({ username: username('lib'), password: 'Benchpw1', trafficLimitBytes: gib(1) }), bareCreate, MAX_RATIO)),
  ]
}

/**
 * Runs the per-call pairs of every vendor against a sandbox in another process.
 * @example
 * const lines = await perCallOverhead()
 */
export const perCallOverhead = async (): Promise<BenchResult[]> => {
  const sandbox = await startRemoteSandbox({
    webshare: { requestsPerMinute: 1e9 },
    thordata: { userLimit: 1e9 },
    oxylabs: { maxSubUsers: 1e9 },
    // Every create moves 1 GB out of the main balance: enough for any number of them.
    iproyal: { mainBalanceBytes: 2 ** 52, perPageCap: HELD },
    seed: { webshare: HELD, thordata: HELD, oxylabs: OXYLABS_HELD, iproyal: HELD },
  })
  try {
    return [...(await webshare(sandbox)), ...(await thordata(sandbox)), ...(await oxylabs(sandbox)), ...(await iproyal(sandbox))]
  } finally {
    await sandbox.close()
  }
}
