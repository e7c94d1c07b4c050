/**
 * How the CLI fails: usage, validation and unsupported problems exit 2 with
 * one line on stderr and nothing sent; vendor and network failures exit 1
 * with one line; no credential or password ever shows, in any output.
 */
import type { Sandbox } from '../../providers/sandbox'
import { VENDORS } from '../../providers/vendors'
import { PASSWORD, cli, expectNoSecrets, requestsSent, startCliSandbox } from './support'

let sandbox: Sandbox
let env: Record<string, string>

beforeEach(async () => {
  ;({ sandbox, env } = await startCliSandbox())
})
afterEach(async () => {
  await sandbox.close()
})

describe('usage errors: exit 2, one line on stderr, nothing on stdout, nothing sent', () => {
  it.each<[string, ReadonlyArray<string>, Record<string, string | undefined>, string]>([
    [
      'an unknown provider',
      ['list', '--provider', 'acme'],
      {},
      `option '-p, --provider <id>' argument 'acme' is invalid. Allowed choices are ${VENDORS.map((v) => v.id).join(', ')}.`,
    ],
    ['no provider', ['list'], {}, `--provider is required (${VENDORS.slice(0, -1).map((v) => v.id).join(', ')} or ${VENDORS[VENDORS.length - 1]!.id})`],
    ['a missing Thordata token', ['list', '--provider', 'thordata'], { THORDATA_TOKEN: undefined }, 'THORDATA_TOKEN is not set (export it, or try --sandbox)'],
    ['an empty Webshare API key', ['list', '--provider', 'webshare'], { WEBSHARE_API_KEY: '' }, 'WEBSHARE_API_KEY is not set (export it, or try --sandbox)'],
    [
      'a malformed WEBSHARE_PLAN_ID',
      ['list', '--provider', 'webshare'],
      { WEBSHARE_PLAN_ID: 'basic' },
      'WEBSHARE_PLAN_ID must be a positive whole number',
    ],
    [
      'a Webshare-only option on Thordata',
      ['create', '--provider', 'thordata', '--username', 'alice001', '--max-threads', '5'],
      {},
      '--max-threads applies to webshare only',
    ],
    [
      'both Webshare-only options on Thordata',
      ['update', 'alice001', '--provider', 'thordata', '--countries', 'US=1', '--max-threads', '5'],
      {},
      '--max-threads and --countries apply to webshare only',
    ],
    ['--proxy-type on Webshare', ['list', '--provider', 'webshare', '--proxy-type', 'mobile'], {}, '--proxy-type applies to thordata only'],
    [
      'a size that is not whole bytes',
      ['create', '--provider', 'thordata', '--username', 'alice001', '--limit', '1.5B'],
      {},
      "option '--limit <size>' argument '1.5B' is invalid. It is 1.5 B: not a whole number of bytes.",
    ],
    [
      'a size that is junk',
      ['update', '7', '--provider', 'webshare', '--limit', 'lots'],
      {},
      "option '--limit <size>' argument 'lots' is invalid. It must be a byte count, a size such as 500MiB or 10GiB (KB, MB, GB, TB count in 1024s, as the vendors do), or unlimited.",
    ],
    [
      'a negative size',
      ['update', '7', '--provider', 'webshare', '--limit=-5MiB'],
      {},
      "option '--limit <size>' argument '-5MiB' is invalid. It must not be negative.",
    ],
    [
      'malformed countries',
      ['create', '--provider', 'webshare', '--username', 'team-a', '--countries', 'US:2'],
      {},
      "option '--countries <list>' argument 'US:2' is invalid. It must be CODE=COUNT pairs such as US=10,ZZ=5, or none.",
    ],
    [
      'a country named twice',
      ['create', '--provider', 'webshare', '--username', 'team-a', '--countries', 'US=2,us=3'],
      {},
      "option '--countries <list>' argument 'US=2,us=3' is invalid. It names US twice.",
    ],
    [
      'a non-numeric thread count',
      ['create', '--provider', 'webshare', '--username', 'team-a', '--max-threads', 'many'],
      {},
      "option '--max-threads <n>' argument 'many' is invalid. It must be a whole number.",
    ],
    ['an unknown status', ['update', '7', '--provider', 'webshare', '--status', 'paused'], {}, "option '--status <status>' argument 'paused' is invalid. Allowed choices are active, disabled."],
    [
      'an unset --password-env variable',
      ['create', '--provider', 'thordata', '--username', 'alice001', '--password-env', 'NO_SUCH_VARIABLE'],
      {},
      'NO_SUCH_VARIABLE is not set (named by --password-env)',
    ],
    ['create without --username', ['create', '--provider', 'thordata'], {}, "required option '--username <name>' not specified"],
    ['get without an id', ['get', '--provider', 'thordata'], {}, "missing required argument 'id'"],
    ['an unknown option', ['list', '--provider', 'thordata', '--all'], {}, "unknown option '--all'"],
    ['an extra argument', ['list', 'everything', '--provider', 'thordata'], {}, "too many arguments for 'list'. Expected 0 arguments but got 1."],
    ['an unknown command', ['lsit', '--provider', 'thordata'], {}, "unknown command 'lsit' (Did you mean list?)"],
    ['no command', [], {}, 'a command is required (see proxy-subusers --help)'],
    [
      'an invalid Thordata username (validation)',
      ['create', '--provider', 'thordata', '--username', 'al'],
      {},
      'thordata create: invalid input: --username must be 6 to 15 letters or digits',
    ],
    [
      'a limit Thordata cannot represent (validation)',
      ['create', '--provider', 'thordata', '--username', 'alice001', '--limit', '1000B'],
      {},
      'thordata create: invalid input: --limit is 1000 bytes: must be unlimited or a whole number of MiB of at least 100MiB',
    ],
    ['an update that changes nothing (validation)', ['update', 'alice001', '--provider', 'thordata'], {}, 'thordata update: invalid input: (input) the patch changes nothing'],
    [
      'a password on Webshare (unsupported)',
      ['create', '--provider', 'webshare', '--username', 'team-a', '--password-env', 'CLI_TEST_PASSWORD'],
      {},
      'webshare create: password is not supported: webshare cannot set password',
    ],
    [
      'a disabled status on Webshare (unsupported)',
      ['update', '7', '--provider', 'webshare', '--status', 'disabled'],
      {},
      'webshare update: status is not supported: webshare sub-users cannot be disabled',
    ],
  ])('%s', async (_name, argv, envChanges, message) => {
    const run = await cli(argv, { ...env, ...envChanges })

    expect(run).toEqual({ code: 2, stdout: '', stderr: `proxy-subusers: ${message}\n` })
    expect(requestsSent(sandbox)).toBe(0)
    expectNoSecrets(run)
  })

  it('under --json or -o json|yaml a failure is one JSON object on stderr, with its kind and exit code', async () => {
    for (const flags of [['--json'], ['-o', 'json'], ['-o', 'yaml'], ['--output=json']]) {
      const run = await cli(['list', '--provider', 'thordata', ...flags], { ...env, THORDATA_TOKEN: undefined })
      expect(run.code).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr.endsWith('\n') && run.stderr.split('\n').length).toBe(2)
      expect(JSON.parse(run.stderr)).toEqual({ error: { kind: 'usage', message: 'THORDATA_TOKEN is not set (export it, or try --sandbox)', exitCode: 2 } })
    }
  })

  it('a failure commander finds (before any option is read) is JSON too under --json', async () => {
    const run = await cli(['list', '-p', 'acme', '--json'], env)
    expect(run.code).toBe(2)
    expect(JSON.parse(run.stderr)).toEqual({ error: { kind: 'usage', message: expect.stringContaining("argument 'acme' is invalid"), exitCode: 2 } })
  })

  it('a validation failure under -o json keeps the provider, the operation and the user-words message', async () => {
    const run = await cli(['create', '-p', 'thordata', '--username', 'alice001', '--limit', '1000B', '-o', 'json'], env)
    expect(run.code).toBe(2)
    expect(JSON.parse(run.stderr)).toEqual({
      error: {
        kind: 'validation',
        message: 'thordata create: invalid input: --limit is 1000 bytes: must be unlimited or a whole number of MiB of at least 100MiB',
        exitCode: 2,
        provider: 'thordata',
        operation: 'create',
      },
    })
    expect(requestsSent(sandbox)).toBe(0)
  })

  it('--json and -o yaml disagree: a usage error, nothing sent', async () => {
    const run = await cli(['list', '-p', 'thordata', '--json', '-o', 'yaml'], env)
    expect(run.code).toBe(2)
    expect(JSON.parse(run.stderr).error.message).toBe('--json and -o yaml disagree: give one')
    expect(requestsSent(sandbox)).toBe(0)
  })
})

describe('vendor and network failures: exit 1, one line on stderr', () => {
  it('a sub-user that does not exist (Thordata)', async () => {
    const run = await cli(['get', 'nobody01', '--provider', 'thordata'], env)
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'proxy-subusers: thordata get: no sub-user named nobody01\n' })
  })

  it('a sub-user that does not exist (Webshare)', async () => {
    const run = await cli(['delete', '99', '--provider', 'webshare', '--json'], env)
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(JSON.parse(run.stderr)).toEqual({
      error: { kind: 'not_found', message: expect.stringMatching(/^webshare delete: not_found \(HTTP 404\)/), exitCode: 1, provider: 'webshare', operation: 'delete', status: 404 },
    })
  })

  it('a username that is taken (Thordata conflict)', async () => {
    expect((await cli(['create', '--provider', 'thordata', '--username', 'alice001'], env)).code).toBe(0)
    const run = await cli(['create', '--provider', 'thordata', '--username', 'alice001'], env)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^proxy-subusers: thordata create: conflict[^\n]*\n$/)
  })

  it('a refused credential, without echoing it (Thordata and Webshare)', async () => {
    const wrongToken = 'WRONG-token-cli-4242'
    const thordata = await cli(['list', '--provider', 'thordata'], { ...env, THORDATA_TOKEN: wrongToken, THORDATA_KEY: undefined })
    expect(thordata.code).toBe(1)
    expect(thordata.stderr).toMatch(/^proxy-subusers: thordata list: auth[^\n]*\n$/)
    expect(thordata.stderr).not.toContain(wrongToken)

    const wrongKey = 'WRONG-apikey-cli-4242'
    const webshare = await cli(['list', '--provider', 'webshare'], { ...env, WEBSHARE_API_KEY: wrongKey })
    expect(webshare.code).toBe(1)
    expect(webshare.stderr).toMatch(/^proxy-subusers: webshare list: auth \(HTTP 401\)[^\n]*\n$/)
    expect(webshare.stderr).not.toContain(wrongKey)
  })

  it('no server at the base URL', async () => {
    const base = sandbox.thordata.baseURL
    await sandbox.close()
    const run = await cli(['list', '--provider', 'thordata'], { ...env, THORDATA_BASE_URL: base })
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^proxy-subusers: thordata list: network error \(ECONNREFUSED\) on GET [^\n]*\n$/)
    ;({ sandbox, env } = await startCliSandbox())
  })

  it('a vendor 5xx', async () => {
    sandbox.setFaults({ seed: 1, webshare: { serverErrorRate: 1 } })
    const run = await cli(['list', '--provider', 'webshare', '--json'], env)
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(JSON.parse(run.stderr)).toMatchObject({ error: { kind: 'vendor', message: expect.stringMatching(/^webshare list: vendor \(HTTP 5\d\d\)/), exitCode: 1, provider: 'webshare', operation: 'list', status: expect.any(Number) } })
  })
})

describe('secrets', () => {
  it('no token, key, API key or password shows in any output of a whole session', async () => {
    const runs = [
      await cli(['create', '--provider', 'thordata', '--username', 'alice001', '--password-env', 'CLI_TEST_PASSWORD', '--limit', '500MiB'], env),
      await cli(['create', '--provider', 'thordata', '--username', 'alice001', '--password-env', 'CLI_TEST_PASSWORD', '--json'], env),
      await cli(['list', '--provider', 'thordata'], env),
      await cli(['list', '--provider', 'thordata', '--json'], env),
      await cli(['get', 'alice001', '--provider', 'thordata', '--json'], env),
      await cli(['update', 'alice001', '--provider', 'thordata', '--password-env', 'CLI_TEST_PASSWORD'], env),
      await cli(['update', 'alice001', '--provider', 'thordata', '--password-env', 'CLI_TEST_PASSWORD', '--username', 'x'], env),
      await cli(['refresh', 'alice001', '--provider', 'thordata', '--json'], env),
      await cli(['create', '--provider', 'webshare', '--username', 'team-a', '--countries', 'US=1', '--json'], env),
      await cli(['create', '--provider', 'webshare', '--username', 'team-b', '--password-env', 'CLI_TEST_PASSWORD'], env),
      await cli(['list', '--provider', 'webshare', '--json'], env),
      await cli(['get', '1', '--provider', 'webshare'], env),
      await cli(['list', '--provider', 'webshare'], { ...env, WEBSHARE_BASE_URL: 'http://127.0.0.1:1/' }),
    ]
    // The session did reach the vendors: the password is stored in clear in the Thordata fake, and listed by it.
    expect(sandbox.thordata.control.users()).toEqual([expect.objectContaining({ username: 'alice001', password: PASSWORD })])
    expect(runs.map((r) => r.code)).toEqual([0, 1, 0, 0, 0, 0, 2, 0, 0, 2, 0, 0, 1])
    for (const run of runs) expectNoSecrets(run)
  })
})
