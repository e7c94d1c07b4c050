/**
 * `access` and `usage` run in-process against a real sandbox: the exact lines and JSON they
 * print, the password only in the revealed proxy URL, the chart only on a terminal, CSV for
 * scripts, and refusals (exit 2, nothing sent) told in the options' words.
 */
import type { Sandbox } from '../../providers/sandbox'
import { runCli } from '../../cli/run'
import { PASSWORD, cli, expectNoSecrets, requestsSent, startCliSandbox } from './support'

const DAY_MS = 86_400_000
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS).toISOString().slice(0, 10)

let sandbox: Sandbox
let env: Record<string, string>

beforeEach(async () => {
  ;({ sandbox, env } = await startCliSandbox())
})
afterEach(async () => {
  await sandbox.close()
})

const thordata = (...argv: string[]) => cli([...argv, '--provider', 'thordata'], env)
const webshare = (...argv: string[]) => cli([...argv, '--provider', 'webshare'], env)
const createAlice = async () => expect((await thordata('create', '--username', 'alice001', '--password-env', 'CLI_TEST_PASSWORD')).code).toBe(0)

describe('access', () => {
  it('prints the login and endpoints, the password hidden', async () => {
    await createAlice()
    const run = await thordata('access', 'alice001')
    expect(run).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'login     td-customer-alice001\n' +
        'password  hidden (--reveal prints the proxy URL with it)\n' +
        'http      t.pr.thordata.net:9999\n' +
        'https     t.pr.thordata.net:9999\n',
    })
    expectNoSecrets(run)
  })

  it('writes --country and --session ID:MINUTES into the login, and --reveal adds the proxy URL alone on the last line', async () => {
    await createAlice()
    const run = await thordata('access', 'alice001', '--country', 'us', '--session', 'abc123:30', '--protocol', 'http', '--reveal')
    expect(run.code).toBe(0)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines).toEqual([
      'login     td-customer-alice001-country-us-sessid-abc123-sesstime-30',
      'password  hidden here (the last line, the proxy URL, holds it)',
      'target    country US, session abc123 for 30 min',
      'http      t.pr.thordata.net:9999',
      `http://td-customer-alice001-country-us-sessid-abc123-sesstime-30:${PASSWORD}@t.pr.thordata.net:9999`,
    ])
    expect(lines.filter((l) => l.includes(PASSWORD))).toHaveLength(1)
  })

  it('names an IPRoyal target, which goes into the hidden password, on its target line', async () => {
    const created = await cli(['create', '-p', 'iproyal', '--username', 'team_a', '--password-env', 'CLI_TEST_PASSWORD', '--limit', '1GiB', '--json'], env)
    expect(created.code).toBe(0)
    const { id } = JSON.parse(created.stdout) as { id: string }
    const sticky = await cli(['access', id, '-p', 'iproyal', '--country', 'de', '--session', 'abcd1234:120', '--protocol', 'http'], env)
    expect(sticky).toEqual({
      code: 0,
      stderr: '',
      stdout: 'login     team_a\n' + 'password  hidden (--reveal prints the proxy URL with it)\n' + 'target    country DE, session abcd1234 for 120 min\n' + 'http      geo.iproyal.com:12321\n',
    })
    expectNoSecrets(sticky)
    const revealed = (await cli(['access', id, '-p', 'iproyal', '--session', 'abcd1234', '--protocol', 'http', '--reveal'], env)).stdout.trimEnd().split('\n')
    expect(revealed[2]).toBe("target    session abcd1234 (the vendor's default length)")
    expect(revealed.pop()).toBe(`http://team_a:${PASSWORD}_session-abcd1234@geo.iproyal.com:12321`)
    expect((await cli(['access', id, '-p', 'iproyal', '--json', '--country', 'de'], env)).stdout).not.toContain('target')
  })

  it('prints JSON with the password redacted, and the URL only with --reveal', async () => {
    await createAlice()
    const hidden = JSON.parse((await thordata('access', 'alice001', '--protocol', 'socks5', '--json')).stdout)
    expect(hidden).toEqual({
      provider: 'thordata',
      subUserId: 'alice001',
      endpoints: [{ protocol: 'socks5', host: 't.pr.thordata.net', port: 9999 }],
      username: 'td-customer-alice001',
      password: '[REDACTED]',
      url: '[REDACTED]',
    })
    const shown = JSON.parse((await thordata('access', 'alice001', '--protocol', 'socks5', '--json', '--reveal')).stdout)
    expect(shown).toEqual({ ...hidden, url: `socks5h://td-customer-alice001:${PASSWORD}@t.pr.thordata.net:9999` })
  })

  it('gives a Webshare sub-user its listed proxies with its own proxy login, and the backbone gateway with --connection', async () => {
    expect((await webshare('create', '--username', 'team-a', '--countries', 'US=2')).code).toBe(0)
    const login = sandbox.webshare.control.subusers()[0]!
    const direct = await webshare('access', '1')
    expect(direct.code).toBe(0)
    expect(direct.stdout).toMatch(new RegExp(`^login     ${login.proxy_username}\npassword  hidden \\(--reveal prints the proxy URL with it\\)\nhttp      198\\.1[89]\\.\\d+\\.\\d+:\\d+\nhttp      198\\.1[89]\\.\\d+\\.\\d+:\\d+\n$`))
    expect(direct.stdout).not.toContain(login.proxy_password)
    const backbone = await webshare('access', '1', '--connection', 'backbone', '--protocol', 'socks5', '--reveal')
    expect(backbone.stdout.trimEnd().split('\n').pop()).toBe(`socks5h://${login.proxy_username}:${login.proxy_password}@p.webshare.io:1080`)
  })

  it('refuses what the vendor cannot honour and malformed options with exit 2, nothing sent, in the options words', async () => {
    expect((await webshare('create', '--username', 'team-a')).code).toBe(0)
    await createAlice()
    const before = requestsSent(sandbox)
    expect(await webshare('access', '1', '--country', 'us')).toEqual({ code: 2, stdout: '', stderr: 'proxy-subusers: webshare access: country is not supported: webshare cannot target a country\n' })
    expect(await thordata('access', 'alice001', '--session', 'abc:soon')).toEqual({ code: 2, stdout: '', stderr: 'proxy-subusers: --session takes ID or ID:MINUTES, the minutes a whole number\n' })
    expect((await thordata('access', 'alice001', '--session', 'abc123:91')).stderr).toBe('proxy-subusers: thordata access: invalid input: --session (its minutes) must be 1 to 90 minutes on thordata\n')
    const country = await thordata('access', 'alice001', '--country', 'Atlantis')
    expect(country).toMatchObject({ code: 2, stderr: 'proxy-subusers: thordata access: invalid input: --country must be an ISO 3166-1 alpha-2 country code (two letters, such as US)\n' })
    expect((await thordata('access', 'alice001', '--protocol', 'ftp')).code).toBe(2)
    expect(requestsSent(sandbox)).toBe(before)
    expect(await thordata('access', 'nobody01')).toMatchObject({ code: 1, stderr: 'proxy-subusers: thordata access: no sub-user named nobody01\n' })
  })

  it('is in --help with examples', async () => {
    const help = await cli(['access', '--help'], env)
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('--session <id[:minutes]>')
    expect(help.stdout).toContain('IPRoyal puts it in the password instead')
    expect(help.stdout).toContain('<password>_country-us_session-<8 letters or digits>_')
    expect(help.stdout).toContain('Examples:\n  $ proxy-subusers access alice001 -p thordata\n')
    expect((await cli(['--help'], env)).stdout).toContain('proxy-subusers access alice001 -p thordata --country us')
  })
})

describe('usage', () => {
  const withUsage = async () => {
    await createAlice()
    sandbox.thordata.control.addUsage('alice001', 1024, day(2))
    sandbox.thordata.control.addUsage('alice001', 1536, day(0))
  }

  it('prints a table of the days and the total in human sizes, without a chart off a terminal', async () => {
    await withUsage()
    const run = await thordata('usage', 'alice001', '--from', day(3), '--to', day(0))
    expect(run).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'DATE        USED\n' +
        `${day(3)}  0B\n` +
        `${day(2)}  1MiB\n` +
        `${day(1)}  0B\n` +
        `${day(0)}  1.5MiB\n` +
        'total       2.5MiB over 4 days (2621440 bytes)\n',
    })
  })

  it('draws a chart of the days above the table on a terminal', async () => {
    await withUsage()
    let stdout = ''
    const code = await runCli(['usage', 'alice001', '-p', 'thordata', '--from', day(3), '--to', day(0), '--no-color'], {
      stdout: (t) => (stdout += t),
      stderr: () => undefined,
      env,
      terminal: { stdin: false, stderr: false, stdout: true },
    })
    expect(code).toBe(0)
    const [chart, table] = stdout.split('\n\n')
    expect(chart?.split('\n')).toHaveLength(10)
    expect(chart).toContain('1.5MiB')
    expect(chart).toMatch(/[╭╮╯╰│─┤┼]/)
    expect(chart).toContain(`${day(3)} … ${day(0)} (per day)`)
    expect(table).toMatch(/^DATE {8}USED\n/)
  })

  it('prints JSON (and YAML) with the range, total and days in bytes, and CSV with --csv', async () => {
    await withUsage()
    const json = JSON.parse((await thordata('usage', 'alice001', '--from', day(2), '--to', day(0), '--json')).stdout)
    expect(json).toEqual({
      provider: 'thordata',
      subUserId: 'alice001',
      from: day(2),
      to: day(0),
      totalBytes: 2_621_440,
      days: [
        { date: day(2), bytes: 1_048_576 },
        { date: day(1), bytes: 0 },
        { date: day(0), bytes: 1_572_864 },
      ],
    })
    expect((await thordata('usage', 'alice001', '--from', day(2), '--to', day(0), '-o', 'yaml')).stdout).toContain('totalBytes: 2621440\n')
    expect(await thordata('usage', 'alice001', '--from', day(2), '--to', day(0), '--csv')).toEqual({
      code: 0,
      stderr: '',
      stdout: `date,bytes\n${day(2)},1048576\n${day(1)},0\n${day(0)},1572864\n`,
    })
  })

  it('sums a Webshare sub-user hours per UTC day', async () => {
    expect((await webshare('create', '--username', 'team-a')).code).toBe(0)
    sandbox.webshare.control.addUsage(1, 700, Date.parse(`${day(1)}T00:00:00Z`))
    sandbox.webshare.control.addUsage(1, 300, Date.parse(`${day(1)}T05:00:00Z`))
    expect((await webshare('usage', '1', '--from', day(1), '--to', day(0), '--csv')).stdout).toBe(`date,bytes\n${day(1)},1000\n${day(0)},0\n`)
  })

  it('refuses ranges the vendor cannot serve, and --csv with -o json, with exit 2 and nothing sent', async () => {
    expect((await webshare('create', '--username', 'team-a')).code).toBe(0)
    const before = requestsSent(sandbox)
    const old = await webshare('usage', '1', '--from', day(120), '--to', day(0))
    expect(old).toEqual({ code: 2, stdout: '', stderr: `proxy-subusers: webshare usage: invalid input: --from must be on or after ${day(89)}: webshare keeps usage for the last 90 days (today, UTC, included)\n` })
    expect((await webshare('usage', '1', '--from', day(0), '--to', day(-1))).code).toBe(2)
    expect((await webshare('usage', '1', '--from', 'last week', '--to', day(0))).stderr).toBe('proxy-subusers: webshare usage: invalid input: --from must be a date as YYYY-MM-DD\n')
    expect(await webshare('usage', '1', '--from', day(1), '--to', day(0), '--csv', '-o', 'json')).toMatchObject({ code: 2, stderr: expect.stringContaining('--csv and -o json disagree') })
    expect((await webshare('usage', '1', '--from', day(1))).code).toBe(2)
    expect(requestsSent(sandbox)).toBe(before)
  })

  it('is in --help with examples', async () => {
    const help = await cli(['usage', '--help'], env)
    expect(help.stdout).toContain('--from <date>')
    expect(help.stdout).toContain('--csv')
    expect(help.stdout).toContain('Examples:\n  $ proxy-subusers usage alice001 -p thordata --from 2025-03-01 --to 2025-03-31\n')
  })
})
