/**
 * The `sandbox` command (a line per variable of every vendor, serves until its signal aborts, then
 * closes), the `--sandbox` option (a fresh sandbox per command), and a
 * command interrupted by the signal.
 */
import { runCli } from '../../cli/run'
import { cli, startCliSandbox } from './support'

/** Waits until `ready` holds, checking every few milliseconds. */
const until = async (ready: () => boolean, timeoutMs = 5000): Promise<void> => {
  const start = Date.now()
  while (!ready()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** Starts `proxy-subusers sandbox ...` in-process; its output fills in as it comes. */
const serve = (argv: ReadonlyArray<string>) => {
  const controller = new AbortController()
  const out = { stdout: '', stderr: '' }
  let exit: number | undefined
  const done = runCli(['sandbox', ...argv], {
    stdout: (t) => (out.stdout += t),
    stderr: (t) => (out.stderr += t),
    env: {},
    signal: controller.signal,
  }).then((code) => (exit = code))
  return { controller, out, done, exited: () => exit !== undefined }
}

/** The `KEY=value` lines as an object. */
const variables = (text: string): Record<string, string> =>
  Object.fromEntries(text.trimEnd().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]))

describe('proxy-subusers sandbox', () => {
  it('prints exactly the variables of every vendor, serves until the signal aborts, then closes and exits 0', async () => {
    const server = serve([])
    await until(() => server.out.stdout.split('\n').length > 8)

    const lines = server.out.stdout.trimEnd().split('\n')
    expect(lines.map((l) => l.slice(0, l.indexOf('=')))).toEqual([
      'THORDATA_TOKEN',
      'THORDATA_KEY',
      'THORDATA_BASE_URL',
      'WEBSHARE_API_KEY',
      'WEBSHARE_BASE_URL',
      'OXYLABS_USERNAME',
      'OXYLABS_PASSWORD',
      'OXYLABS_BASE_URL',
    ])
    const env = variables(server.out.stdout)
    expect(env['THORDATA_BASE_URL']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/thordata\/api$/)
    expect(env['WEBSHARE_BASE_URL']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webshare$/)
    expect(env['OXYLABS_BASE_URL']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oxylabs\/v2$/)

    // The printed variables point the CLI at it.
    const created = await cli(['create', '--provider', 'webshare', '--username', 'team-a', '--limit', '1GiB', '--json'], env)
    expect(created.code).toBe(0)
    expect(JSON.parse(created.stdout)).toMatchObject({ id: '1', username: 'team-a' })
    expect((await cli(['create', '--provider', 'thordata', '--username', 'alice001'], env)).code).toBe(0)
    expect((await cli(['list', '--provider', 'thordata', '--json'], env)).stdout).toContain('"alice001"')
    expect(server.exited()).toBe(false)

    server.controller.abort()
    expect(await server.done).toBe(0)
    expect(server.out).toEqual({ stdout: server.out.stdout, stderr: '' })
    expect(server.out.stdout.trimEnd().split('\n')).toHaveLength(8)

    // Closed: nothing answers there any more.
    const after = await cli(['list', '--provider', 'webshare'], env)
    expect(after.code).toBe(1)
    expect(after.stderr).toMatch(/^proxy-subusers: webshare list: network error \((ECONNREFUSED|ECONNRESET)\)[^\n]*\n$/)
  })

  it('listens on --port', async () => {
    const probe = await startCliSandbox()
    const port = Number(new URL(probe.sandbox.url).port)
    await probe.sandbox.close()

    const server = serve(['--port', String(port)])
    await until(() => server.out.stdout.split('\n').length > 5)
    expect(variables(server.out.stdout)['WEBSHARE_BASE_URL']).toBe(`http://127.0.0.1:${port}/webshare`)
    server.controller.abort()
    expect(await server.done).toBe(0)
  })

  it('a port in use is one line and exit 1', async () => {
    const { sandbox } = await startCliSandbox()
    try {
      const run = await cli(['sandbox', '--port', new URL(sandbox.url).port], {})
      expect(run.code).toBe(1)
      expect(run.stdout).toBe('')
      expect(run.stderr).toMatch(/^proxy-subusers: could not start the sandbox: [^\n]*EADDRINUSE[^\n]*\n$/)
    } finally {
      await sandbox.close()
    }
  })

  it('refuses the vendor commands’ global options and a bad port, without starting', async () => {
    expect(await cli(['sandbox', '--provider', 'thordata', '--json'], {})).toEqual({
      code: 2,
      stdout: '',
      stderr: 'proxy-subusers: the sandbox command takes no --provider, --json\n',
    })
    expect(await cli(['sandbox', '--port', '65536'], {})).toEqual({
      code: 2,
      stdout: '',
      stderr: "proxy-subusers: option '--port <n>' argument '65536' is invalid. It must be a port number from 0 to 65535.\n",
    })
  })

  it('a signal already aborted stops it right after it prints', async () => {
    const controller = new AbortController()
    controller.abort()
    let stdout = ''
    const code = await runCli(['sandbox'], { stdout: (t) => (stdout += t), stderr: () => undefined, env: {}, signal: controller.signal })
    expect(code).toBe(0)
    expect(stdout.trimEnd().split('\n')).toHaveLength(8)
  })
})

describe('--sandbox', () => {
  it('runs the command against a fresh sandbox, with no credentials in the environment', async () => {
    const created = await cli(['create', '--provider', 'thordata', '--sandbox', '--username', 'alice001', '--limit', '500MiB', '--json'], {})
    expect(created.code).toBe(0)
    expect(JSON.parse(created.stdout)).toMatchObject({ provider: 'thordata', id: 'alice001', trafficLimitBytes: 524_288_000, password: '[REDACTED]' })

    // Fresh each time: the sub-user created above is gone with its sandbox.
    expect(await cli(['list', '--provider', 'thordata', '--sandbox'], {})).toEqual({ code: 0, stdout: 'no sub-users\n', stderr: '' })
    expect(await cli(['list', '--provider', 'webshare', '--sandbox', '--json'], {})).toEqual({ code: 0, stdout: '[]\n', stderr: '' })
  })

  it('ignores the vendor variables of the environment', async () => {
    const env = { THORDATA_TOKEN: 'unused-token', THORDATA_BASE_URL: 'http://127.0.0.1:1/api' }
    expect(await cli(['list', '--provider', 'thordata', '--sandbox'], env)).toEqual({ code: 0, stdout: 'no sub-users\n', stderr: '' })
  })

  it('reports a vendor error from the sandbox like any other', async () => {
    const run = await cli(['get', 'nobody01', '--provider', 'thordata', '--sandbox'], {})
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'proxy-subusers: thordata get: no sub-user named nobody01\n' })
  })
})

describe('interruption', () => {
  it('a command waiting on the vendor stops with exit 130 and one line when the signal aborts', async () => {
    const { sandbox, env } = await startCliSandbox({ faults: { webshare: { hangPaths: ['/'] } } })
    try {
      const controller = new AbortController()
      const pending = cli(['list', '--provider', 'webshare'], env, controller.signal)
      await until(() => sandbox.stats().webshare.requests > 0)
      controller.abort()
      expect(await pending).toEqual({ code: 130, stdout: '', stderr: 'proxy-subusers: interrupted\n' })
    } finally {
      await sandbox.close()
    }
  })
})
