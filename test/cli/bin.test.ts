/**
 * The executable's wiring: the real `cli/bin.ts` spawned through tsx, with
 * real streams, exit codes and signals.
 */
import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'

const ROOT = join(__dirname, '..', '..')
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx')
const BIN = join(ROOT, 'cli', 'bin.ts')

/** The environment of a spawned CLI: no vendor credentials of the host. */
const cleanEnv = (): NodeJS.ProcessEnv => {
  const env = { ...process.env }
  for (const name of ['THORDATA_TOKEN', 'THORDATA_KEY', 'THORDATA_BASE_URL', 'WEBSHARE_API_KEY', 'WEBSHARE_BASE_URL', 'WEBSHARE_PLAN_ID']) delete env[name]
  return env
}

jest.setTimeout(30_000)

it('--help prints the usage with commands, exit codes and examples on stdout, and exits 0', () => {
  const r = spawnSync(TSX, [BIN, '--help'], { cwd: ROOT, encoding: 'utf8', env: cleanEnv() })
  expect(r.status).toBe(0)
  expect(r.stderr).toBe('')
  expect(r.stdout).toMatch(/^Usage: proxy-subusers \[options\] \[command\]\n/)
  for (const text of ['list ', 'get <id>', 'create [options]', 'update [options] <id>', 'delete <id>', 'refresh <id>', 'export [options]', 'plan [options] [manifest]', 'apply [options] [manifest]', 'migrate [options]', 'sandbox [options]', 'completion <shell>']) {
    expect(r.stdout).toContain(text)
  }
  expect(r.stdout).toContain('Exit codes:')
  expect(r.stdout).toContain('$ proxy-subusers list -p thordata')
})

it('a usage error sets the exit code 2 with one line on stderr', () => {
  const r = spawnSync(TSX, [BIN, 'list', '--provider', 'webshare'], { cwd: ROOT, encoding: 'utf8', env: cleanEnv() })
  expect(r.status).toBe(2)
  expect(r.stdout).toBe('')
  expect(r.stderr).toBe('proxy-subusers: WEBSHARE_API_KEY is not set (export it, or try --sandbox)\n')
})

it('sandbox serves until SIGTERM, then exits 0', async () => {
  const child = spawn(TSX, [BIN, 'sandbox'], { cwd: ROOT, env: cleanEnv() })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))

  const start = Date.now()
  while (stdout.split('\n').length <= 5 && Date.now() - start < 20_000) await new Promise((r) => setTimeout(r, 20))
  expect(stdout).toMatch(/^THORDATA_TOKEN=.+\nTHORDATA_KEY=.+\nTHORDATA_BASE_URL=http:\/\/127\.0\.0\.1:\d+\/thordata\/api\nWEBSHARE_API_KEY=.+\nWEBSHARE_BASE_URL=http:\/\/127\.0\.0\.1:\d+\/webshare\nOXYLABS_USERNAME=.+\nOXYLABS_PASSWORD=.+\nOXYLABS_BASE_URL=http:\/\/127\.0\.0\.1:\d+\/oxylabs\/v2\n$/)

  child.kill('SIGTERM')
  expect(await exited).toBe(0)
  expect(stderr).toBe('')
})
