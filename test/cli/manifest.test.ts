/**
 * The manifest commands end to end: plan, apply and migrate through runCli
 * against a real sandbox, and an apply killed halfway then run again.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import type { Sandbox } from '../../providers/sandbox'
import { runCli } from '../../cli/run'
import type { CliIO } from '../../cli/io'
import { PASSWORD, cli, expectNoSecrets, requestsSent, startCliSandbox } from './support'

jest.setTimeout(60_000)

const dir = mkdtempSync(join(tmpdir(), 'proxy-subusers-manifest-'))
let count = 0
/** Writes a manifest to a fresh file and returns its path. */
const manifest = (text: string): string => {
  const file = join(dir, `m${++count}.yaml`)
  writeFileSync(file, text)
  return file
}

const MIXED = `thordata:
  - username: alice001
    password: \${CLI_TEST_PASSWORD}
    trafficLimit: 500MiB
  - username: bob00002
    trafficLimit: 1GiB
webshare:
  - username: team-a
    trafficLimit: 10GiB
  - username: team-b
    vendor:
      webshare: { maxThreadCount: 50 }
`

let sandbox: Sandbox
let env: Record<string, string>
beforeEach(async () => {
  ;({ sandbox, env } = await startCliSandbox())
})
afterEach(async () => sandbox.close())

const names = () => ({
  thordata: sandbox.thordata.control.users().map((u) => u.username).sort(),
  webshare: sandbox.webshare.control.subusers().map((u) => u.label).sort(),
})

describe('plan', () => {
  it('prints each change with its fields, passwords only as (set), and --detailed-exitcode says 2 for changes, 0 for none', async () => {
    const file = manifest(MIXED)
    const r = await cli(['plan', file, '--detailed-exitcode'], env)
    expect(r).toMatchObject({ code: 2, stderr: '' })
    expect(r.stdout).toBe(`thordata: 2 to create, 0 to update, 0 to delete, 0 unchanged
  + alice001 (create)
      password: (set)
      trafficLimit: 500MiB
  + bob00002 (create)
      trafficLimit: 1GiB
webshare: 2 to create, 0 to update, 0 to delete, 0 unchanged
  + team-a (create)
      trafficLimit: 10GiB
  + team-b (create)
      vendor.webshare.maxThreadCount: 50
`)
    expectNoSecrets(r)
    expect(names()).toEqual({ thordata: [], webshare: [] })

    expect((await cli(['apply', file], env)).code).toBe(0)
    const after = await cli(['plan', file, '--detailed-exitcode'], env)
    expect(after.code).toBe(0)
    expect(after.stdout).toContain('  = alice001\n')
  })

  it('prints only JSON with --json, and narrows to one provider with --provider', async () => {
    const r = await cli(['plan', manifest(MIXED), '--json', '--provider', 'webshare'], env)
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out).toEqual({
      changes: true,
      providers: [
        {
          provider: 'webshare',
          summary: { create: 2, update: 0, delete: 0, unchanged: 0 },
          changes: [
            { action: 'create', username: 'team-a', fields: [{ field: 'trafficLimitBytes', after: 10 * 1024 ** 3 }] },
            { action: 'create', username: 'team-b', fields: [{ field: 'vendor.webshare.maxThreadCount', after: 50 }] },
          ],
          unmanaged: [],
        },
      ],
    })
  })

  it('lists every manifest problem, one a line with the file name, exits 2 (1 with --detailed-exitcode), and sends nothing', async () => {
    const file = manifest(`thordata:
  - username: x
    password: \${NOT_SET_ANYWHERE}
  - username: bob00002
    trafficLimit: lots
webshare:
  - username: team-a
    status: disabled
`)
    const r = await cli(['plan', file], env)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(
      `proxy-subusers: manifest ${file}: 2 problems\n` +
        `  ${file}: thordata[0].password is \${NOT_SET_ANYWHERE}, but NOT_SET_ANYWHERE is not set\n` +
        `  ${file}: thordata[1].trafficLimit must be a byte count, a size such as 500MiB or 10GiB (KB, MB, GB, TB count in 1024s, as the vendors do), or unlimited\n`,
    )
    const rulesFile = manifest('thordata:\n  - username: x\nwebshare:\n  - username: team-a\n    status: disabled\n')
    const rules = await cli(['plan', rulesFile], env)
    expect(rules.stderr).toMatch(new RegExp(`^proxy-subusers: manifest ${rulesFile}: 2 problems\n  ${rulesFile}: thordata\\[0\\]\\.username .+\n  ${rulesFile}: webshare\\[0\\]\\.status .+\n$`))
    expect((await cli(['plan', file, '--detailed-exitcode'], env)).code).toBe(1)
    expect(requestsSent(sandbox)).toBe(0)
  })
})

describe('the example manifests', () => {
  it.each(['thordata.yaml', 'webshare.yaml', 'mixed.yaml'])('%s applies on the sandbox, and then plans nothing to change', async (name) => {
    const file = join(__dirname, '..', '..', 'examples', 'manifests', name)
    const withPasswords = { ...env, ALICE_PASSWORD: 'Alice12345', BOB_PASSWORD: 'Bob123456' }
    const applied = await cli(['apply', file], withPasswords)
    expect(applied).toMatchObject({ code: 0, stderr: '' })
    expect((await cli(['plan', file, '--detailed-exitcode'], withPasswords)).code).toBe(0)
  })
})

describe('secrets from the environment', () => {
  it('are never printed, not even in --json or the report', async () => {
    const report = join(dir, 'secret-report.json')
    const file = manifest('webshare:\n  - username: ${TEAM_SECRET_NAME}\n')
    const withName = { ...env, TEAM_SECRET_NAME: 'hidden-team-label' }
    for (const argv of [['plan', file], ['plan', file, '--json'], ['apply', file, '--json', '--report', report]]) {
      const r = await cli(argv, withName)
      expect(r.code).toBe(0)
      expect(r.stdout + r.stderr).not.toContain('hidden-team-label')
      expect(r.stdout).toContain('[REDACTED]')
    }
    expect(readFileSync(report, 'utf8')).not.toContain('hidden-team-label')
    expect(names().webshare).toEqual(['hidden-team-label'])
  })
})

describe('apply', () => {
  it('applies without a prompt off a terminal, with a line per change, a summary and a report file', async () => {
    const report = join(dir, 'report.json')
    const r = await cli(['apply', manifest(MIXED), '--report', report], env)
    expect(r.code).toBe(0)
    expect(r.stdout.match(/^\[\d\/4\] \w+ create [\w-]+: done$/gm)).toHaveLength(4)
    expect(r.stdout).toContain('PROVIDER  CREATED  UPDATED  DELETED  UNCHANGED  FAILED  SKIPPED\nthordata  2        0        0        0          0       0\nwebshare  2        0        0        0          0       0\n')
    expectNoSecrets(r)
    expect(names()).toEqual({ thordata: ['alice001', 'bob00002'], webshare: ['team-a', 'team-b'] })
    expect(sandbox.thordata.control.users().find((u) => u.username === 'alice001')?.password).toBe(PASSWORD)
    const written = JSON.parse(readFileSync(report, 'utf8'))
    expect(written.ok).toBe(true)
    expect(written.providers.map((p: { provider: string; created: number }) => [p.provider, p.created])).toEqual([
      ['thordata', 2],
      ['webshare', 2],
    ])
    expect(written.providers[0].outcomes[0]).toEqual({ action: 'create', username: 'alice001', id: 'alice001', result: 'done' })
    expect(readFileSync(report, 'utf8')).not.toContain(PASSWORD)

    const again = await cli(['apply', manifest(MIXED)], env)
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/No changes\.\n$/)
  })

  it('deletes with --prune only after --yes when stdin is not a terminal', async () => {
    const file = manifest(MIXED)
    await cli(['apply', file], env)
    const fewer = manifest('webshare:\n  - username: team-a\n    trafficLimit: 10GiB\n')
    const refused = await cli(['apply', fewer, '--prune'], env)
    expect(refused.code).toBe(2)
    expect(refused.stdout).toContain('  - team-b (delete)\n')
    expect(refused.stderr).toBe('proxy-subusers: the plan deletes 1 sub-user: pass --yes to apply it (stdin is not a terminal, so there is no prompt); nothing was changed\n')
    expect(names().webshare).toEqual(['team-a', 'team-b'])

    const done = await cli(['apply', fewer, '--prune', '--yes'], env)
    expect(done.code).toBe(0)
    expect(names()).toEqual({ thordata: ['alice001', 'bob00002'], webshare: ['team-a'] })
  })

  /** runCli as on a terminal: the prompt answered with `answer`, the bar drawn into a buffer. */
  const onTerminal = async (argv: string[], answer: string) => {
    let stdout = ''
    let stderr = ''
    let bar = ''
    const questions: string[] = []
    const progressStream = new PassThrough()
    progressStream.on('data', (d: Buffer) => (bar += d.toString()))
    const io: CliIO = {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      // NO_COLOR: these assertions read plain text (colour on a terminal is tested in output.test.ts).
      env: { ...env, NO_COLOR: '1' },
      terminal: { stdin: true, stderr: true },
      ask: async (q) => {
        questions.push(q)
        return answer
      },
      progressStream,
    }
    const code = await runCli(argv, io)
    return { code, stdout, stderr, bar, questions }
  }

  it('asks on a terminal, and y or yes (any case) applies; progress is a bar there', async () => {
    const file = manifest(MIXED)
    for (const refused of ['', 'n', 'no', 'yep', 'yes please']) {
      const no = await onTerminal(['apply', file], refused)
      expect(no.questions).toEqual(['Apply 4 changes? [y/N] '])
      expect(no).toMatchObject({ code: 1, stderr: 'proxy-subusers: apply cancelled: nothing was changed\n' })
    }
    expect(names()).toEqual({ thordata: [], webshare: [] })

    const yes = await onTerminal(['apply', file], 'y')
    expect(yes.code).toBe(0)
    expect(yes.bar).toContain('4/4')
    expect(yes.stdout).not.toMatch(/^\[\d\/4\]/m)
    expect(names().webshare).toEqual(['team-a', 'team-b'])
  })

  it('prints nothing but JSON with --json, and exits 1 when a change failed', async () => {
    await cli(['create', '--provider', 'webshare', '--username', 'team-b'], env)
    await cli(['create', '--provider', 'webshare', '--username', 'team-b', '--allow-duplicate-label'], env)
    const r = await cli(['apply', manifest(MIXED), '--json', '--yes'], env)
    // team-b is held twice: the webshare plan is a conflict, and nothing is applied there or elsewhere.
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { kind: 'conflict', provider: 'webshare', operation: 'list', message: expect.stringMatching(/^webshare plan: a username is held by several sub-users: team-b \(2 sub-users: ids \d+, \d+\)/) } })

    const ok = await cli(['apply', manifest(MIXED.split('webshare:')[0]!), '--json'], env)
    expect(ok.code).toBe(0)
    const out = JSON.parse(ok.stdout)
    expect(out.report[0]).toMatchObject({ provider: 'thordata', created: 2, failed: 0 })
    expect(ok.stderr).toBe('')
  })
})

describe('an interrupted apply', () => {
  it('starts no further change, prints the summary with what was skipped, and exits 130', async () => {
    const controller = new AbortController()
    let stdout = ''
    const file = manifest(`webshare:\n${Array.from({ length: 8 }, (_, i) => `  - username: team-${i}\n`).join('')}`)
    const code = await runCli(['apply', file, '--concurrency', '1'], {
      stdout: (t) => {
        stdout += t
        if (t.startsWith('[2/8]')) controller.abort()
      },
      stderr: () => undefined,
      env,
      signal: controller.signal,
    })
    expect(code).toBe(130)
    expect(stdout).toContain('webshare  2        0        0        0          0       6\n')
    expect(names().webshare).toHaveLength(2)
    expect((await cli(['apply', file], env)).code).toBe(0)
    expect(names().webshare).toHaveLength(8)
  })
})

describe('migrate', () => {
  beforeEach(async () => {
    await cli(['apply', manifest(MIXED.split('webshare:')[0]!)], env)
    await cli(['create', '--provider', 'thordata', '--username', 'dave0004', '--status', 'disabled'], env)
  })

  it('shows what cannot be carried over and changes nothing without --yes', async () => {
    const r = await cli(['migrate', '--from', 'thordata', '--to', 'webshare'], env)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('thordata -> webshare: 2 to migrate, 1 not migrated\nNot carried over:\n  alice001 password: webshare keeps no password on a sub-user\n')
    expect(r.stdout).toContain('Not migrated:\n  dave0004: disabled on thordata;')
    expect(r.stdout).toMatch(/Nothing was changed: run again with --yes to apply this to webshare\.\n$/)
    expectNoSecrets(r)
    expect(names().webshare).toEqual([])
  })

  it('applies with --yes, writes the report and the target manifest, and a second run changes nothing', async () => {
    const written = join(dir, 'webshare-migrated.yaml')
    const report = join(dir, 'migration.json')
    const r = await cli(['migrate', '--from', 'thordata', '--to', 'webshare', '--yes', '--write-manifest', written, '--report', report], env)
    expect(r.code).toBe(0)
    expect(names().webshare).toEqual(['alice001', 'bob00002'])
    expect(JSON.parse(readFileSync(report, 'utf8')).providers[0]).toMatchObject({ provider: 'webshare', created: 2, failed: 0 })
    expect(readFileSync(written, 'utf8')).toContain('webshare:\n  - username: alice001\n    trafficLimit: 500MiB\n')
    expect(readFileSync(written, 'utf8')).not.toContain(PASSWORD)
    expect((await cli(['plan', written, '--detailed-exitcode'], env)).code).toBe(0)

    const json = await cli(['migrate', '--from', 'thordata', '--to', 'webshare', '--yes', '--json'], env)
    expect(JSON.parse(json.stdout).report).toMatchObject({ provider: 'webshare', created: 0, unchanged: 2 })
  })

  it('goes the other way, and refuses the same vendor twice', async () => {
    await cli(['create', '--provider', 'webshare', '--username', 'team0001', '--limit', '10MiB'], env)
    await cli(['create', '--provider', 'webshare', '--username', 'team-b'], env)
    const report = join(dir, 'reverse.json')
    const r = await cli(['migrate', '--from', 'webshare', '--to', 'thordata', '--yes', '--report', report], env)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('team0001 trafficLimit: 10MiB cannot be set on thordata')
    expect(r.stdout).toMatch(/Not migrated:\n  team-b: thordata refuses it: username /)
    expect(sandbox.thordata.control.users().find((u) => u.username === 'team0001')?.traffic_limit).toBe(100)
    expect(JSON.parse(readFileSync(report, 'utf8')).providers[0]).toMatchObject({
      provider: 'thordata',
      created: 1,
      failed: 0,
      outcomes: expect.arrayContaining([{ action: 'create', username: 'team0001', id: 'team0001', result: 'done' }]),
    })
    const same = await cli(['migrate', '--from', 'webshare', '--to', 'webshare'], env)
    expect(same).toMatchObject({ code: 2, stderr: 'proxy-subusers: --from and --to must be different vendors\n' })
  })
})

describe('an apply killed halfway', () => {
  const ROOT = join(__dirname, '..', '..')

  it('finishes when run again, with exactly the manifest and no duplicate', async () => {
    await sandbox.close()
    ;({ sandbox, env } = await startCliSandbox({ faults: { seed: 7, thordata: { latencyMs: 60 }, webshare: { latencyMs: 60 } } }))
    const lines = ['thordata:']
    for (let i = 0; i < 12; i++) lines.push(`  - username: user${String(i).padStart(4, '0')}`, `    trafficLimit: ${100 + i}MiB`)
    lines.push('webshare:')
    for (let i = 0; i < 12; i++) lines.push(`  - username: team-${i}`, `    trafficLimit: ${i + 1}GiB`)
    const file = manifest(`${lines.join('\n')}\n`)

    // The dead run's lock files outlive it by their time to live, shortened here.
    env = { ...env, PROXY_SUBUSERS_LOCK_TTL_MS: '2000' }
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'cli', 'bin.ts'), 'apply', file, '--concurrency', '2'], { cwd: ROOT, env: { ...process.env, ...env } })
    let stdout = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    const exited = new Promise((resolve) => child.on('exit', resolve))
    const start = Date.now()
    while (!/^\[8\/24\]/m.test(stdout) && Date.now() - start < 40_000) await new Promise((r) => setTimeout(r, 10))
    child.kill('SIGKILL')
    await exited
    // Requests the dead process had already written still reach the sandbox: let them land, as they would before anyone reruns.
    await new Promise((r) => setTimeout(r, 500))
    const halfway = names()
    expect(halfway.thordata.length + halfway.webshare.length).toBeGreaterThanOrEqual(8)
    expect(halfway.thordata.length + halfway.webshare.length).toBeLessThan(24)

    const again = await cli(['apply', file], env)
    expect(again.code).toBe(0)
    // It waits for the dead run's lock to expire, and says so.
    expect(again.stderr).toMatch(/^(proxy-subusers: waiting for the lock on (thordata|webshare) account [0-9a-f]{8}, held by another run \(pid \d+ on .+\) \(a lock file on this machine\); --no-wait exits instead\n)+$/)
    expect(names()).toEqual({
      thordata: Array.from({ length: 12 }, (_, i) => `user${String(i).padStart(4, '0')}`),
      webshare: Array.from({ length: 12 }, (_, i) => `team-${i}`).sort(),
    })
    expect(sandbox.thordata.control.users().map((u) => u.traffic_limit).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => 100 + i))
    expect((await cli(['plan', file, '--detailed-exitcode'], env)).code).toBe(0)
  })
})
