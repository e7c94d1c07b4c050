/**
 * The CLI's habits of the field, in-process against a real sandbox: the
 * version, short flags, `-o json|yaml|table`, colour and NO_COLOR, escaped
 * control characters, `export`, the duplicate-label check, the sandbox's
 * env file, the Ctrl-C notice, and bad option values refused before
 * anything is sent.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import type { Sandbox } from '../../providers/sandbox'
import { runCli } from '../../cli/run'
import type { CliIO } from '../../cli/io'
import { PASSWORD, cli, expectNoSecrets, requestsSent, startCliSandbox } from './support'
import { version } from '../../package.json'

jest.setTimeout(30_000)

const dir = mkdtempSync(join(tmpdir(), 'proxy-subusers-habits-'))
let count = 0
const file = (text: string): string => {
  const path = join(dir, `f${++count}.yaml`)
  writeFileSync(path, text)
  return path
}

let sandbox: Sandbox
let env: Record<string, string>
beforeEach(async () => {
  ;({ sandbox, env } = await startCliSandbox())
})
afterEach(async () => sandbox.close())

/** Creates a Webshare sub-user straight on the fake, whatever its label (the adapter refuses control characters). */
const seedWebshare = async (label: string): Promise<void> => {
  const r = await fetch(`${sandbox.webshare.baseURL}/api/v2/subuser/`, {
    method: 'POST',
    headers: { authorization: `Token ${env['WEBSHARE_API_KEY']}`, 'content-type': 'application/json' },
    body: JSON.stringify({ label, proxy_limit: 1 }),
  })
  expect(r.status).toBe(201)
}

/** Runs the CLI with stdout and stderr on a terminal (or not), capturing both. */
const onTerminal = async (argv: string[], extraEnv: Record<string, string> = {}, terminal = true) => {
  let stdout = ''
  let stderr = ''
  const io: CliIO = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: { ...env, ...extraEnv },
    terminal: { stdin: false, stderr: terminal, stdout: terminal },
  }
  const code = await runCli(argv, io)
  return { code, stdout, stderr }
}

const ANSI = /\u001b\[/

describe('--version', () => {
  it('prints the version of package.json and exits 0 (-V too)', async () => {
    for (const flag of ['--version', '-V']) expect(await cli([flag], {})).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' })
  })
})

describe('short flags', () => {
  it('-p is --provider, -f names the manifest of plan and apply, -y is --yes', async () => {
    const manifest = file('webshare:\n  - username: team-a\n    trafficLimit: 2GiB\n')
    const planned = await cli(['plan', '-f', manifest, '-p', 'webshare', '--detailed-exitcode'], env)
    expect(planned).toMatchObject({ code: 2, stderr: '' })
    expect(planned.stdout).toContain('+ team-a (create)')

    await cli(['create', '-p', 'webshare', '--username', 'team-z'], env)
    const pruned = await cli(['apply', '-f', manifest, '--prune', '-y'], env)
    expect(pruned).toMatchObject({ code: 0, stderr: '' })
    expect(sandbox.webshare.control.subusers().map((u) => u.label)).toEqual(['team-a'])
    expect((await cli(['plan', manifest, '-f', manifest, '--detailed-exitcode'], env)).code).toBe(0)
  })

  it('refuses a manifest given twice differently, or not at all, before anything is sent', async () => {
    const a = file('webshare: []\n')
    expect(await cli(['plan', a, '-f', file('thordata: []\n')], env)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'proxy-subusers: give the manifest once: as an argument or with -f, not both\n',
    })
    expect((await cli(['apply', '-y'], env)).stderr).toBe('proxy-subusers: a manifest is required: proxy-subusers plan team.yaml (or -f team.yaml)\n')
    expect(requestsSent(sandbox)).toBe(0)
  })
})

describe('-o json|yaml|table', () => {
  it('prints the same data as JSON or YAML, and a table by default or with -o table', async () => {
    await cli(['create', '-p', 'webshare', '--username', 'team-a', '--limit', '2GiB'], env)
    const json = await cli(['list', '-p', 'webshare', '-o', 'json'], env)
    const legacy = await cli(['list', '-p', 'webshare', '--json'], env)
    const yaml = await cli(['list', '-p', 'webshare', '-o', 'yaml'], env)
    const table = await cli(['list', '-p', 'webshare', '-o', 'table'], env)
    expect(legacy.stdout).toBe(json.stdout)
    expect(parse(yaml.stdout)).toEqual(JSON.parse(json.stdout))
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ username: 'team-a', trafficLimitBytes: 2 * 1024 ** 3, password: null })])
    expect(table.stdout).toMatch(/^ID\s+USERNAME\s+STATUS\s+LIMIT\s+USED\s+CREATED\n\d+\s+team-a\s+active\s+2GiB/)
    expect(await cli(['list', '-p', 'webshare'], env)).toEqual(table)
  })

  it('a plan as YAML, and delete as YAML', async () => {
    const plan = await cli(['plan', file('webshare:\n  - username: team-a\n'), '-o', 'yaml'], env)
    expect(parse(plan.stdout)).toMatchObject({ changes: true, providers: [{ provider: 'webshare', changes: [{ action: 'create', username: 'team-a' }] }] })
    await cli(['create', '-p', 'webshare', '--username', 'team-b'], env)
    const id = String(sandbox.webshare.control.subusers()[0]?.id)
    expect((await cli(['delete', id, '-p', 'webshare', '-o', 'yaml'], env)).stdout).toBe(`deleted: "${id}"\n`)
  })
})

describe('colour', () => {
  const planArgs = () => ['plan', file('webshare:\n  - username: team-a\n')]

  it('is used on a terminal: coloured signs in a plan, a bold table header, a red error prefix', async () => {
    const plan = await onTerminal(planArgs())
    expect(plan.stdout).toMatch(ANSI)
    expect(plan.stdout).toContain('\u001b[32m+\u001b[39m team-a')
    const failed = await onTerminal(['list', '-p', 'webshare'], { WEBSHARE_API_KEY: '' })
    expect(failed.stderr).toBe('\u001b[31mproxy-subusers:\u001b[39m WEBSHARE_API_KEY is not set (export it, or try --sandbox)\n')
  })

  it('is never used with NO_COLOR set, with --no-color, or off a terminal', async () => {
    for (const run of [
      await onTerminal(planArgs(), { NO_COLOR: '1' }),
      await onTerminal([...planArgs(), '--no-color']),
      await onTerminal(planArgs(), {}, false),
      await onTerminal(['list', '-p', 'webshare', '--no-color'], { WEBSHARE_API_KEY: '' }),
    ]) {
      expect(run.stdout).not.toMatch(ANSI)
      expect(run.stderr).not.toMatch(ANSI)
    }
    // An empty NO_COLOR does not count (no-color.org).
    expect((await onTerminal(planArgs(), { NO_COLOR: '' })).stdout).toMatch(ANSI)
  })

  it('never goes into JSON or YAML', async () => {
    expect((await onTerminal([...planArgs(), '-o', 'json'])).stdout).not.toMatch(ANSI)
    expect((await onTerminal(['list', '-p', 'webshare', '--json'], { WEBSHARE_API_KEY: '' })).stderr).not.toMatch(ANSI)
  })
})

describe('vendor-supplied control characters', () => {
  const HOSTILE = 'evil\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202e'

  it('are escaped in tables, plans and messages; JSON carries them escaped by JSON itself', async () => {
    await seedWebshare(HOSTILE)
    const table = await cli(['list', '-p', 'webshare'], env)
    expect(table.stdout).toContain('evil\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m\\u202e')
    const plan = await cli(['plan', file('webshare: []\n'), '--prune'], env)
    expect(plan.stdout).toContain('- evil\\x1b[2J')
    for (const run of [table, plan]) expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/)

    const json = await cli(['list', '-p', 'webshare', '--json'], env)
    expect(json.stdout).toContain('evil\\u001b[2J')
    expect(JSON.parse(json.stdout)[0].username).toBe(sandbox.webshare.control.subusers()[0]?.label)
  })
})

describe('export', () => {
  it('writes the sub-users of a vendor as a manifest that then plans no change, with no password in it', async () => {
    await cli(['create', '-p', 'thordata', '--username', 'alice001', '--password-env', 'CLI_TEST_PASSWORD', '--limit', '500MiB'], env)
    await cli(['create', '-p', 'thordata', '--username', 'bob00002', '--status', 'disabled', '--limit', 'unlimited'], env)
    await cli(['create', '-p', 'webshare', '--username', 'team-a', '--limit', '10GiB', '--countries', 'US=10', '--max-threads', '50'], env)
    await cli(['create', '-p', 'webshare', '--username', 'team-b'], env)

    const thordata = await cli(['export', '-p', 'thordata'], env)
    expect(thordata.code).toBe(0)
    expect(thordata.stdout).toContain('thordata:\n  - username: alice001\n    status: active\n    trafficLimit: 500MiB\n')
    expect(thordata.stdout).not.toContain(PASSWORD)
    expectNoSecrets(thordata)

    const target = join(dir, 'webshare-export.yaml')
    const webshare = await cli(['export', '-p', 'webshare', '-f', target], env)
    expect(webshare).toEqual({ code: 0, stdout: `wrote 2 webshare sub-users to ${target}\n`, stderr: '' })
    expect(parse(readFileSync(target, 'utf8'))).toEqual({
      webshare: [
        { username: 'team-a', status: 'active', trafficLimit: '10GiB', vendor: { webshare: { maxThreadCount: 50, proxyCountries: { US: 10 } } } },
        { username: 'team-b', status: 'active', trafficLimit: 'unlimited', vendor: { webshare: { maxThreadCount: 500 } } },
      ],
    })

    for (const manifest of [file(thordata.stdout), target]) {
      const again = await cli(['plan', manifest, '--prune', '--detailed-exitcode'], env)
      expect(again).toMatchObject({ code: 0, stderr: '' })
      expect(again.stdout).not.toMatch(/\((create|update|delete)\)/)
    }
  })

  it('as JSON is a manifest too; a label held twice is written once, with a warning', async () => {
    await cli(['create', '-p', 'webshare', '--username', 'team-a'], env)
    await cli(['create', '-p', 'webshare', '--username', 'team-a', '--allow-duplicate-label'], env)
    const run = await cli(['export', '-p', 'webshare', '-o', 'json'], env)
    expect(JSON.parse(run.stdout)).toEqual({ webshare: [expect.objectContaining({ username: 'team-a' })] })
    expect(run.stderr).toMatch(/^proxy-subusers: warning: webshare sub-user \d+ has the name team-a of another one: the manifest lists that name once\n$/)
  })

  it('refuses a file in a folder that does not exist before anything is sent', async () => {
    const run = await cli(['export', '-p', 'webshare', '-f', join(dir, 'no-such-folder', 'x.yaml')], env)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^proxy-subusers: --file .+x\.yaml: its folder .+no-such-folder does not exist or cannot be written\n$/)
    expect(requestsSent(sandbox)).toBe(0)
  })
})

describe('create on Webshare', () => {
  it('refuses a label in use (a conflict, nothing created) unless --allow-duplicate-label', async () => {
    expect((await cli(['create', '-p', 'webshare', '--username', 'team-a'], env)).code).toBe(0)
    const id = String(sandbox.webshare.control.subusers()[0]?.id)

    const again = await cli(['create', '-p', 'webshare', '--username', 'team-a', '--json'], env)
    expect(again.code).toBe(1)
    expect(JSON.parse(again.stderr)).toEqual({
      error: {
        kind: 'conflict',
        exitCode: 1,
        provider: 'webshare',
        operation: 'create',
        message: `webshare create: team-a is the label of sub-user ${id} already; nothing was created (--allow-duplicate-label makes another one)`,
      },
    })
    expect(sandbox.webshare.control.subusers()).toHaveLength(1)

    expect((await cli(['create', '-p', 'webshare', '--username', 'team-a', '--allow-duplicate-label'], env)).code).toBe(0)
    expect(sandbox.webshare.control.subusers().map((u) => u.label)).toEqual(['team-a', 'team-a'])
  })

  it('Thordata, whose usernames are unique, leaves the check to the vendor (no listing first)', async () => {
    const requestsOf = async (username: string) => {
      const before = sandbox.stats().thordata.requests
      expect((await cli(['create', '-p', 'thordata', '--username', username], env)).code).toBe(0)
      return sandbox.stats().thordata.requests - before
    }
    // The first create has nothing to list against; the second sends no more than it did.
    const first = await requestsOf('alice001')
    expect(await requestsOf('bob00002')).toBe(first)
    const taken = await cli(['create', '-p', 'thordata', '--username', 'alice001'], env)
    expect(taken.stderr).toMatch(/^proxy-subusers: thordata create: conflict/)
  })
})

describe('sandbox --write-env and --export', () => {
  const serve = async (argv: string[]) => {
    const controller = new AbortController()
    let stdout = ''
    let stderr = ''
    const done = runCli(['sandbox', ...argv], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, signal: controller.signal })
    const started = Date.now()
    while (stdout === '' && stderr === '' && Date.now() - started < 10_000) {
      await new Promise((r) => setTimeout(r, 20))
      if (argv.includes('--write-env') && !argv.includes('--export')) break
    }
    return { stop: async () => (controller.abort(), { code: await done, stdout, stderr }), out: () => stdout }
  }

  it('--export prints export lines a shell takes in one eval; the default stays one KEY=value a line', async () => {
    const exported = await serve(['--export'])
    const lines = exported.out().trimEnd().split('\n')
    expect(lines).toHaveLength(8)
    for (const line of lines) expect(line).toMatch(/^export [A-Z_]+='[^']*'$/)
    expect((await exported.stop()).code).toBe(0)

    const plain = await serve([])
    expect(plain.out()).toMatch(/^(THORDATA_TOKEN|THORDATA_KEY|THORDATA_BASE_URL|WEBSHARE_API_KEY|WEBSHARE_BASE_URL)=\S+\n(?:[A-Z_]+=\S+\n){7}$/)
    await plain.stop()
  })

  it('--write-env writes the export lines to a file (stdout left empty), and a shell sourcing it reaches the sandbox', async () => {
    const path = join(dir, 'sandbox.env')
    const serving = await serve(['--write-env', path])
    const started = Date.now()
    let text = ''
    while (!text.includes('OXYLABS_BASE_URL') && Date.now() - started < 10_000) {
      await new Promise((r) => setTimeout(r, 20))
      try {
        text = readFileSync(path, 'utf8')
      } catch {
        text = ''
      }
    }
    const vars = Object.fromEntries(text.trimEnd().split('\n').map((l) => /^export ([A-Z_]+)='(.*)'$/.exec(l)!.slice(1, 3) as [string, string]))
    expect(Object.keys(vars).sort()).toEqual(['OXYLABS_BASE_URL', 'OXYLABS_PASSWORD', 'OXYLABS_USERNAME', 'THORDATA_BASE_URL', 'THORDATA_KEY', 'THORDATA_TOKEN', 'WEBSHARE_API_KEY', 'WEBSHARE_BASE_URL'])
    const listed = await cli(['list', '-p', 'webshare'], { ...vars, PROXY_SUBUSERS_RATE_LIMIT: 'off' })
    expect(listed).toEqual({ code: 0, stdout: 'no sub-users\n', stderr: '' })
    expect(await serving.stop()).toEqual({ code: 0, stdout: '', stderr: '' })
  })
})

describe('bad option values are refused before anything is sent', () => {
  it.each<[string, string[], string]>([
    ['--concurrency 0', ['--concurrency', '0'], "option '--concurrency <n>' argument '0' is invalid. It must be a whole number of at least 1."],
    ['--concurrency -1', ['--concurrency=-1'], "option '--concurrency <n>' argument '-1' is invalid. It must be a whole number of at least 1."],
    ['--concurrency 1.5', ['--concurrency', '1.5'], "option '--concurrency <n>' argument '1.5' is invalid. It must be a whole number of at least 1."],
  ])('%s', async (_name, flags, message) => {
    const run = await cli(['apply', file('webshare:\n  - username: team-a\n'), '-y', ...flags], env)
    expect(run).toEqual({ code: 2, stdout: '', stderr: `proxy-subusers: ${message}\n` })
    expect(requestsSent(sandbox)).toBe(0)
  })

  it('a --report in a folder that does not exist', async () => {
    const run = await cli(['apply', file('webshare:\n  - username: team-a\n'), '-y', '--report', join(dir, 'missing', 'r.json')], env)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^proxy-subusers: --report .+r\.json: its folder .+missing does not exist or cannot be written\n$/)
    expect(requestsSent(sandbox)).toBe(0)
  })

  it('a YAML alias bomb: exit 2 with a clear message, nothing sent', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]']
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f', 'g', 'h'].entries()) {
      levels.push(`${name}: &${name} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)
    }
    const bomb = file(`${levels.join('\n')}\n`)
    const run = await cli(['plan', bomb], env)
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `proxy-subusers: manifest ${bomb}: 1 problem\n  ${bomb}: (manifest) expands YAML aliases more than 100 times: refused as a resource-exhaustion attack ("billion laughs")\n`,
    })
    expect(requestsSent(sandbox)).toBe(0)
  })
})

describe('manifest problems in the user\'s words', () => {
  it('a limit the vendor cannot hold names trafficLimit, says what was read, and says unlimited', async () => {
    const manifest = file('webshare:\n  - username: team-a\n    trafficLimit: 1000 KB\n')
    const run = await cli(['plan', manifest], env)
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(
      `proxy-subusers: manifest ${manifest}: 1 problem\n` +
        `  ${manifest}: webshare[0].trafficLimit is 1000KiB (1024000 bytes): must be unlimited or a whole number of MiB of at least 1MiB\n`,
    )
    expect(run.stderr).not.toContain('trafficLimitBytes')
    expect(run.stderr).not.toContain('null')
  })

  it('a password written in the manifest gives a warning that names ${VAR}; nothing of it is printed', async () => {
    const manifest = file(`thordata:\n  - username: alice001\n    password: ${PASSWORD}\n`)
    const run = await cli(['plan', manifest], env)
    expect(run.code).toBe(0)
    expect(run.stderr).toBe(
      `proxy-subusers: warning: ${manifest}: thordata[0].password is written in the file, where anyone who reads it sees it: write password: \${ALICE001_PASSWORD} and set ALICE001_PASSWORD in the environment\n`,
    )
    expectNoSecrets(run)
    const json = await cli(['plan', manifest, '--json'], env)
    expect(JSON.parse(json.stderr)).toEqual({ warning: expect.stringContaining('${ALICE001_PASSWORD}') })
  })
})

describe('Ctrl-C during apply', () => {
  it('is acknowledged at once on stderr with the changes still in flight, and the run exits 130', async () => {
    const controller = new AbortController()
    let stderr = ''
    let saidAtAbort = ''
    const manifest = file(`webshare:\n${Array.from({ length: 8 }, (_, i) => `  - username: team-${i}\n`).join('')}`)
    const code = await runCli(['apply', manifest, '--concurrency', '2'], {
      stdout: (t) => {
        if (t.startsWith('[2/8]')) {
          controller.abort()
          // Said within the abort itself, before any change in flight could finish.
          saidAtAbort = stderr
        }
      },
      stderr: (t) => (stderr += t),
      env,
      signal: controller.signal,
    })
    expect(code).toBe(130)
    expect(saidAtAbort).toBe(stderr)
    expect(stderr).toBe('proxy-subusers: stopping after 2 changes in flight... (press Ctrl-C again to quit at once)\n')
  })
})
