/**
 * The executable in real processes (through tsx) against one sandbox: two
 * `apply` runs started together on one manifest leave exactly one sub-user
 * per entry, on every vendor of the vendor list, with the lock in Redis and
 * with lock files; and a run killed with SIGKILL while holding the Redis lock
 * lets the waiting run go on once the lock expires (`--no-wait` meanwhile
 * exits 3).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sandboxFields, sandboxProviders, startSandbox, type Sandbox } from '../../providers/sandbox'
import { VENDORS } from '../../providers/vendors'
import { representsUnlimited } from '../../src/capabilities'
import { describeRedis, REDIS_URL } from './support'

jest.setTimeout(120_000)

const ROOT = join(__dirname, '..', '..')
const BIN = join(ROOT, 'cli', 'bin.ts')
const dir = mkdtempSync(join(tmpdir(), 'proxy-subusers-cli-processes-'))

/**
 * A CLI process (node with tsx's loader, so the process killed is the one
 * holding the lock): its output so far, and its exit code once it exits
 * (within `ms`, else it is killed).
 */
const start = (args: ReadonlyArray<string>, env: Record<string, string>, ms = 60_000) => {
  const child = spawn(process.execPath, ['--import', 'tsx', BIN, ...args], { cwd: ROOT, env: { ...cleanEnv(), ...env } })
  const out = { stdout: '', stderr: '' }
  child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), ms)
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))).finally(() => clearTimeout(timer))
  return { child, out, exited }
}

/** The host's environment without any vendor's variables or coordination settings. */
const cleanEnv = (): Record<string, string> => {
  const names = new Set([...VENDORS.flatMap((v) => v.environment.map((e) => e.name)), 'PROXY_SUBUSERS_REDIS_URL', 'PROXY_SUBUSERS_LOCK_TTL_MS', 'PROXY_SUBUSERS_RATE_LIMIT', 'NODE_OPTIONS'])
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !names.has(e[0])))
}

/** The variables that point every vendor at the sandbox, as its vendor module names them. */
const sandboxEnv = (sandbox: Sandbox): Record<string, string> => {
  const env: Record<string, string> = { PROXY_SUBUSERS_RATE_LIMIT: 'off' }
  for (const vendor of VENDORS) {
    const fields = sandboxFields(sandbox, vendor.id)
    for (const variable of vendor.environment) {
      const value = fields[variable.option]
      if (typeof value === 'string') env[variable.name] = value
    }
  }
  return env
}

/** Resolves once `predicate` holds (checked every 20 ms), or throws after `ms`. */
const until = async (predicate: () => boolean, what: string, ms = 30_000): Promise<void> => {
  const started = Date.now()
  while (!predicate()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

let count = 0
/**
 * A manifest of `n` sub-users for one vendor, with names every vendor takes (letters and digits),
 * each with a limit where the vendor cannot hold unlimited (an allocation).
 */
const manifest = (vendor: string, n: number): string => {
  const file = join(dir, `m${++count}.yaml`)
  const caps = VENDORS.find((v) => v.id === vendor)!.capabilities
  const limit = representsUnlimited(caps) ? '' : '    trafficLimit: 100MiB\n'
  writeFileSync(file, `${vendor}:\n${Array.from({ length: n }, (_, i) => `  - username: team${String(i).padStart(4, '0')}\n${limit}`).join('')}`)
  return file
}

/** How many sub-users hold each name the runs manage (`team…`: Oxylabs also lists its main user), on one vendor of the sandbox. */
const heldNames = async (sandbox: Sandbox, vendor: string): Promise<Record<string, number>> => {
  const provider = sandboxProviders(sandbox, { rateLimit: false }).find((p) => p.id === vendor)!
  const listed = await provider.list()()
  if (listed._tag === 'Left') throw listed.left
  const counts: Record<string, number> = {}
  for (const u of listed.right) if (u.username.startsWith('team')) counts[u.username] = (counts[u.username] ?? 0) + 1
  return counts
}

const one = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`team${String(i).padStart(4, '0')}`, 1]))

let sandbox: Sandbox
afterEach(() => sandbox?.close())

const WAITING = /^proxy-subusers: waiting for the lock on [a-z]+ account [0-9a-f]{8}, held by another run/m

describeRedis.each(VENDORS.map((v) => v.id))('two apply runs started together on %s', (vendor) => {
  it.each([
    ['in Redis', () => ({ PROXY_SUBUSERS_REDIS_URL: REDIS_URL! })],
    ['as lock files', () => ({})],
  ])('with the lock %s leave exactly one sub-user per entry, both exiting 0', async (_, coordination) => {
    // Slow answers, so the runs overlap: each takes well over a second.
    sandbox = await startSandbox({ faults: { [vendor]: { latencyMs: 150 } } })
    const env = { ...sandboxEnv(sandbox), ...coordination() }
    const file = manifest(vendor, 8)
    const runs = [start(['apply', file, '-y', '--concurrency', '2'], env), start(['apply', file, '-y', '--concurrency', '2'], env)]
    const codes = await Promise.all(runs.map((r) => r.exited))
    expect(codes).toEqual([0, 0])
    expect(await heldNames(sandbox, vendor)).toEqual(one(8))
    for (const r of runs) expect(r.out.stderr).toMatch(new RegExp(`^(${WAITING.source}.*\\n)*$`))
  })
})

describeRedis('a lock holder killed with SIGKILL', () => {
  it('lets the waiting run go on once its lock expires; --no-wait meanwhile exits 3', async () => {
    // The holder takes about 10 s (20 creates one at a time, 0.5 s each): time for the others to start.
    sandbox = await startSandbox({ faults: { webshare: { latencyMs: 500 } } })
    const env = { ...sandboxEnv(sandbox), PROXY_SUBUSERS_REDIS_URL: REDIS_URL!, PROXY_SUBUSERS_LOCK_TTL_MS: '1500' }
    const file = manifest('webshare', 20)
    const holder = start(['apply', file, '-y', '--concurrency', '1'], env)
    await until(() => /^\[1\/20\]/m.test(holder.out.stdout), 'the first run to start writing')

    const refused = start(['apply', file, '-y', '--no-wait'], env)
    const waiting = start(['apply', file, '-y'], env)
    expect(await refused.exited).toBe(3)
    expect(refused.out.stderr).toMatch(/^proxy-subusers: webshare apply: webshare account [0-9a-f]{8} is locked by another run \(pid \d+ on .+ since .+\) \(Redis\); nothing was changed: run again when it is done, or without --no-wait to wait for it\n$/)
    await until(() => WAITING.test(waiting.out.stderr), 'the second run to say it waits')
    expect(holder.child.exitCode).toBeNull()
    holder.child.kill('SIGKILL')
    const killedAt = Date.now()
    await holder.exited
    expect(await waiting.exited).toBe(0)
    // It went on only once the dead holder's lock had expired (renewed every 0.5 s, so at most 1.5 s after the kill).
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(500)
    expect(await heldNames(sandbox, 'webshare')).toEqual(one(20))
    expect(waiting.out.stderr.match(new RegExp(WAITING.source, 'gm'))).toHaveLength(1)
  })
})
