/**
 * The CLI's side of coordination that needs no Redis server: duplicated
 * labels named all at once and `--dedupe`, `--no-wait` against a lock another
 * run holds (exit 3), a Redis that cannot be reached (exit 1, nothing sent),
 * and the help that tells of them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { lockAccount } from '../../src'
import { createWebshareProvider } from '../../providers/webshare'
import type { Sandbox } from '../../providers/sandbox'
import { cli, requestsSent, startCliSandbox } from '../cli/support'
import { freePort } from '../redis/support'

jest.setTimeout(30_000)

const dir = mkdtempSync(join(tmpdir(), 'proxy-subusers-coordination-cli-'))
let count = 0
const manifest = (text: string): string => {
  const file = join(dir, `m${++count}.yaml`)
  writeFileSync(file, text)
  return file
}
const TEAMS = 'webshare:\n  - username: team-a\n  - username: team-b\n  - username: team-c\n'

let sandbox: Sandbox
let env: Record<string, string>
beforeEach(async () => {
  ;({ sandbox, env } = await startCliSandbox())
})
afterEach(async () => sandbox.close())

const labels = () => sandbox.webshare.control.subusers().map((u) => `${u.label}#${u.id}`)
const create = async (label: string) => {
  const r = await cli(['create', '-p', 'webshare', '--username', label, '--allow-duplicate-label', '--json'], env)
  expect(r.code).toBe(0)
  return String((JSON.parse(r.stdout) as { id: string }).id)
}

describe('duplicated labels', () => {
  it('plan names every one with its ids; --dedupe shows the deletes; apply --dedupe -y keeps the oldest of each', async () => {
    const a = [await create('team-a'), await create('team-a')]
    const c = [await create('team-c'), await create('team-c'), await create('team-c')]
    const file = manifest(TEAMS)

    const refused = await cli(['plan', file], env)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toBe(
      `proxy-subusers: webshare plan: 2 usernames are held by several sub-users: team-a (2 sub-users: ids ${a.join(', ')}); team-c (3 sub-users: ids ${c.join(', ')}); rename or delete all but one of each, or dedupe (keeps the oldest of each, deletes the others)\n`,
    )

    const preview = await cli(['plan', file, '--dedupe'], env)
    expect(preview).toMatchObject({ code: 0, stderr: '' })
    expect(preview.stdout).toBe(`webshare: 1 to create, 0 to update, 3 to delete, 2 unchanged
  = team-a
  + team-b (create)
  = team-c
  - team-a (delete id ${a[1]}, a duplicate of ${a[0]}, kept)
  - team-c (delete id ${c[1]}, a duplicate of ${c[0]}, kept)
  - team-c (delete id ${c[2]}, a duplicate of ${c[0]}, kept)
`)
    const json = JSON.parse((await cli(['plan', file, '--dedupe', '--json'], env)).stdout) as { providers: Array<{ changes: Array<{ duplicateOf?: string }> }> }
    expect(json.providers[0]!.changes.filter((ch) => ch.duplicateOf !== undefined).map((ch) => ch.duplicateOf)).toEqual([a[0], c[0], c[0]])
    expect(labels()).toHaveLength(5)

    const needsYes = await cli(['apply', file, '--dedupe'], env)
    expect(needsYes).toMatchObject({ code: 2, stderr: 'proxy-subusers: --dedupe deletes sub-users (all but the oldest of each duplicated name): give --yes with it; nothing was changed\n' })

    const applied = await cli(['apply', file, '--dedupe', '-y'], env)
    expect(applied.code).toBe(0)
    const b = sandbox.webshare.control.subusers().find((u) => u.label === 'team-b')?.id
    expect(labels().sort()).toEqual([`team-a#${a[0]}`, `team-b#${b}`, `team-c#${c[0]}`])
    expect((await cli(['plan', file, '--detailed-exitcode'], env)).code).toBe(0)
  })
})

describe('--no-wait', () => {
  it('exits 3 with a clear message, changing nothing, while another run holds the lock of the account', async () => {
    const provider = createWebshareProvider({ baseURL: env['WEBSHARE_BASE_URL']!, apiKey: env['WEBSHARE_API_KEY']! })
    const held = await lockAccount(provider)()
    if (held._tag === 'Left') throw held.left
    try {
      const r = await cli(['apply', manifest(TEAMS), '-y', '--no-wait'], env)
      expect(r.code).toBe(3)
      expect(r.stdout).toBe('')
      expect(r.stderr).toMatch(
        new RegExp(
          `^proxy-subusers: webshare apply: webshare account ${provider.account!.slice(0, 8)} is locked by another run \\(pid ${process.pid} on .+ since .+\\) \\(a lock file on this machine\\); nothing was changed: run again when it is done, or without --no-wait to wait for it\\n$`,
        ),
      )
      expect(requestsSent(sandbox)).toBe(0)
    } finally {
      await held.right.release()
    }
    expect((await cli(['apply', manifest(TEAMS), '-y', '--no-wait'], env)).code).toBe(0)
  })
})

describe('a Redis that cannot be reached', () => {
  it.each([
    ['--redis', (url: string) => ({ args: ['--redis', url], env: {} })],
    ['PROXY_SUBUSERS_REDIS_URL', (url: string) => ({ args: [], env: { PROXY_SUBUSERS_REDIS_URL: url } })],
  ])('given by %s: every command exits 1 naming Redis and its host, and nothing is sent', async (_, given) => {
    const port = await freePort()
    const { args, env: extra } = given(`redis://:s3cret-pw@127.0.0.1:${port}`)
    for (const argv of [['list', '-p', 'webshare'], ['apply', manifest(TEAMS), '-y']]) {
      const r = await cli([...argv, ...args], { ...env, ...extra })
      expect(r).toMatchObject({ code: 1, stdout: '' })
      expect(r.stderr).toBe(`proxy-subusers: cannot reach Redis at 127.0.0.1:${port} (ECONNREFUSED); nothing was sent (--redis or PROXY_SUBUSERS_REDIS_URL)\n`)
    }
    expect(requestsSent(sandbox)).toBe(0)
  })
})

describe('help', () => {
  it('tells of --redis, the lock, --no-wait, --dedupe and exit code 3, with examples', async () => {
    const root = (await cli(['--help'], env)).stdout
    expect(root).toContain('--redis <url>')
    expect(root).toContain('PROXY_SUBUSERS_REDIS_URL')
    expect(root).toContain('3    apply or migrate --no-wait')
    const apply = (await cli(['apply', '--help'], env)).stdout
    for (const text of ['--no-wait', '--dedupe', 'PROXY_SUBUSERS_LOCK_TTL_MS', '$ proxy-subusers apply team.yaml -y --redis redis://127.0.0.1:6379 --no-wait']) expect(apply).toContain(text)
    expect((await cli(['plan', '--help'], env)).stdout).toContain('--dedupe')
    expect((await cli(['migrate', '--help'], env)).stdout).toContain('--no-wait')
  })
})
