/**
 * Every vendor command of the CLI, run in-process against a real sandbox
 * (env pointing at it): the exact table or JSON it prints, and the state it
 * leaves in the fake.
 */
import type { Sandbox } from '../../providers/sandbox'
import { PASSWORD, cli, expectNoSecrets, startCliSandbox } from './support'

/** The fakes' clock: every date they report derives from it. */
const NOW = Date.parse('2025-03-04T05:06:07.000Z')

let sandbox: Sandbox
let env: Record<string, string>

beforeEach(async () => {
  ;({ sandbox, env } = await startCliSandbox({ thordata: { now: () => NOW }, webshare: { now: () => NOW } }))
})
afterEach(async () => {
  await sandbox.close()
})

const thordata = (...argv: string[]) => cli([...argv, '--provider', 'thordata'], env)
const webshare = (...argv: string[]) => cli([...argv, '--provider', 'webshare'], env)

const thordataJson = (username: string, over: Record<string, unknown> = {}) => ({
  provider: 'thordata',
  id: username,
  username,
  status: 'active',
  trafficLimitBytes: 524_288_000,
  trafficUsedBytes: 0,
  createdAt: '2025-03-04T00:00:00.000Z',
  password: '[REDACTED]',
  vendor: { provider: 'thordata', proxyType: 'residential', gatewayUsername: `td-customer-${username}` },
  ...over,
})

describe('thordata', () => {
  it('create sends the password read from --password-env and prints the sub-user as JSON, password redacted', async () => {
    const run = await thordata('create', '--username', 'alice001', '--password-env', 'CLI_TEST_PASSWORD', '--limit', '500MiB', '--json')

    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(JSON.parse(run.stdout)).toEqual(thordataJson('alice001'))
    expect(sandbox.thordata.control.users()).toEqual([
      expect.objectContaining({ username: 'alice001', password: PASSWORD, status: true, traffic_limit: 500 }),
    ])
    expectNoSecrets(run)
  })

  it('create prints a one-row table by default, and honours --status and an unlimited --limit', async () => {
    const run = await thordata('create', '--username', 'bob00002', '--status', 'disabled', '--limit', 'unlimited')

    expect(run).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'ID        USERNAME  STATUS    LIMIT      USED  CREATED\n' +
        'bob00002  bob00002  disabled  unlimited  0B    2025-03-04T00:00:00Z\n',
    })
    expect(sandbox.thordata.control.users()).toEqual([expect.objectContaining({ username: 'bob00002', status: false, traffic_limit: 0 })])
  })

  it('list prints every sub-user as a table, or as a JSON array; never a password', async () => {
    await thordata('create', '--username', 'alice001', '--password-env', 'CLI_TEST_PASSWORD', '--limit', '500MiB')
    await thordata('create', '--username', 'bob00002', '--limit', '10GB')
    sandbox.thordata.control.setUsage('bob00002', 2048)

    const table = await thordata('list')
    expect(table).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'ID        USERNAME  STATUS  LIMIT   USED  CREATED\n' +
        'alice001  alice001  active  500MiB  0B    2025-03-04T00:00:00Z\n' +
        'bob00002  bob00002  active  10GiB   2MiB  2025-03-04T00:00:00Z\n',
    })

    const json = await thordata('list', '--json')
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout)).toEqual([
      thordataJson('alice001'),
      thordataJson('bob00002', { trafficLimitBytes: 10_737_418_240, trafficUsedBytes: 2_097_152 }),
    ])
    expectNoSecrets(table)
    expectNoSecrets(json)
  })

  it('list on an empty account says so', async () => {
    expect(await thordata('list')).toEqual({ code: 0, stdout: 'no sub-users\n', stderr: '' })
    expect(JSON.parse((await thordata('list', '--json')).stdout)).toEqual([])
  })

  it('get prints one sub-user', async () => {
    await thordata('create', '--username', 'alice001', '--limit', '500MiB')
    const run = await thordata('get', 'alice001', '--json')
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual(thordataJson('alice001'))
  })

  it('update changes only the options given: --limit unlimited clears the limit, the rest is kept', async () => {
    await thordata('create', '--username', 'alice001', '--password-env', 'CLI_TEST_PASSWORD', '--limit', '500MiB', '--status', 'disabled')
    const run = await thordata('update', 'alice001', '--limit', 'unlimited', '--json')

    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual(thordataJson('alice001', { status: 'disabled', trafficLimitBytes: null }))
    expect(sandbox.thordata.control.users()).toEqual([
      expect.objectContaining({ username: 'alice001', password: PASSWORD, status: false, traffic_limit: 0 }),
    ])
  })

  it('update --username renames (the id follows) and --status re-enables', async () => {
    await thordata('create', '--username', 'alice001', '--limit', '500MiB', '--status', 'disabled')
    const run = await thordata('update', 'alice001', '--username', 'alice002', '--status', 'active')

    expect(run).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'ID        USERNAME  STATUS  LIMIT   USED  CREATED\n' + 'alice002  alice002  active  500MiB  0B    2025-03-04T00:00:00Z\n',
    })
    expect(sandbox.thordata.control.users().map((u) => u.username)).toEqual(['alice002'])
  })

  it('refresh re-reads state and usage', async () => {
    await thordata('create', '--username', 'alice001', '--limit', '500MiB')
    sandbox.thordata.control.setUsage('alice001', 1024)
    const run = await thordata('refresh', 'alice001', '--json')
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual(thordataJson('alice001', { trafficUsedBytes: 1_048_576 }))
  })

  it('delete prints a one-line confirmation, or {"deleted": id} with --json', async () => {
    await thordata('create', '--username', 'alice001', '--limit', '500MiB')
    await thordata('create', '--username', 'bob00002', '--limit', '500MiB')

    expect(await thordata('delete', 'alice001')).toEqual({ code: 0, stdout: 'deleted thordata sub-user alice001\n', stderr: '' })
    expect(await thordata('delete', 'bob00002', '--json')).toEqual({ code: 0, stdout: '{"deleted":"bob00002"}\n', stderr: '' })
    expect(sandbox.thordata.control.users()).toEqual([])
  })

  it('--proxy-type picks the product namespace', async () => {
    const run = await thordata('create', '--username', 'mobile01', '--limit', '500MiB', '--proxy-type', 'mobile', '--json')

    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual(
      thordataJson('mobile01', { vendor: { provider: 'thordata', proxyType: 'mobile', gatewayUsername: 'td-customer-mobile01' } }),
    )
    expect(sandbox.thordata.control.users(3).map((u) => u.username)).toEqual(['mobile01'])
    expect(sandbox.thordata.control.users(1)).toEqual([])
    expect(JSON.parse((await thordata('list', '--json')).stdout)).toEqual([])
  })

  it('global options may come before the command too', async () => {
    const run = await cli(['--provider', 'thordata', '--json', 'list'], env)
    expect(run).toEqual({ code: 0, stdout: '[]\n', stderr: '' })
  })
})

const STAMP = '2025-03-04T05:06:07.000Z'

const webshareJson = (id: number, label: string, over: Record<string, unknown> = {}, vendor: Record<string, unknown> = {}) => ({
  provider: 'webshare',
  id: String(id),
  username: label,
  status: 'active',
  trafficLimitBytes: 10_737_418_240,
  trafficUsedBytes: 0,
  createdAt: STAMP,
  password: null,
  vendor: {
    provider: 'webshare',
    numericId: id,
    maxThreadCount: 500,
    proxyCountries: null,
    bandwidthUseStartDate: STAMP,
    bandwidthUseEndDate: '2025-04-04T05:06:07.000Z',
    updatedAt: STAMP,
    stats: {
      requestsTotal: 0,
      requestsSuccessful: 0,
      requestsFailed: 0,
      bandwidthProjectedBytes: 0,
      numberOfProxiesUsed: 0,
      lastRequestSentAt: null,
    },
    ...vendor,
  },
  ...over,
})

describe('webshare', () => {
  it('create sends --max-threads and --countries as Webshare options and prints the sub-user with its extras', async () => {
    const run = await webshare('create', '--username', 'team-a', '--limit', '10GiB', '--max-threads', '50', '--countries', 'US=2,zz=1', '--json')

    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(JSON.parse(run.stdout)).toEqual(webshareJson(1, 'team-a', {}, { maxThreadCount: 50, proxyCountries: { US: 2, ZZ: 1 } }))
    expect(sandbox.webshare.control.subusers()).toEqual([
      expect.objectContaining({ id: 1, label: 'team-a', proxy_limit: 10, max_thread_count: 50, proxy_countries: { US: 2, ZZ: 1 } }),
    ])
  })

  it('list, get, update, refresh and delete', async () => {
    await webshare('create', '--username', 'team-a', '--limit', '10GiB', '--countries', 'US=2')
    await webshare('create', '--username', 'team-b', '--limit', '512MiB')

    expect(await webshare('list')).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'ID  USERNAME  STATUS  LIMIT   USED  CREATED\n' +
        '1   team-a    active  10GiB   0B    2025-03-04T05:06:07Z\n' +
        '2   team-b    active  512MiB  0B    2025-03-04T05:06:07Z\n',
    })

    const got = await webshare('get', '2', '--json')
    expect(JSON.parse(got.stdout)).toEqual(webshareJson(2, 'team-b', { trafficLimitBytes: 536_870_912 }))

    const updated = await webshare('update', '1', '--limit', '20GiB', '--countries', 'none', '--json')
    expect(updated.code).toBe(0)
    expect(JSON.parse(updated.stdout)).toEqual(webshareJson(1, 'team-a', { trafficLimitBytes: 21_474_836_480 }))
    expect(sandbox.webshare.control.subusers()[0]).toEqual(expect.objectContaining({ label: 'team-a', proxy_limit: 20, proxy_countries: null }))

    await webshare('update', '1', '--countries', 'DE=3')
    const refreshed = await webshare('refresh', '1', '--json')
    expect(refreshed.code).toBe(0)
    expect(JSON.parse(refreshed.stdout)).toMatchObject({ id: '1', username: 'team-a', vendor: { proxyCountries: { DE: 3 } } })

    expect(await webshare('delete', '2', '--json')).toEqual({ code: 0, stdout: '{"deleted":"2"}\n', stderr: '' })
    expect(sandbox.webshare.control.subusers().map((s) => s.id)).toEqual([1])
  })

  it('update --username renames the label and keeps the id', async () => {
    await webshare('create', '--username', 'team-a', '--limit', '10GiB')
    const run = await webshare('update', '1', '--username', 'team-z', '--json')
    expect(JSON.parse(run.stdout)).toEqual(webshareJson(1, 'team-z'))
  })
})
