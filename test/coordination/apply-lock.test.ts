/**
 * apply's lock per vendor account, without Redis: lock files on this machine
 * (in a folder of the test's own), and a lock the test loses at will. Two
 * applies at once take turns and leave one sub-user per name; a run told not
 * to wait refuses, sending nothing; a lost lock stops the run before its next
 * write, a write already waiting for its turn included.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { apply, CoordinationError, localLocks, lockAccount, plan, type AccountLock, type AccountLocks } from '../../src'
import { accountKey } from '../../src/coordination/account'
import { oldestFirst } from '../../src/manifest/plan'
import { createThordataProvider } from '../../providers/thordata'
import { createWebshareProvider } from '../../providers/webshare'
import { left, requests, right, startVendors, type Vendors } from '../manifest/support'

jest.setTimeout(20_000)

let v: Vendors
let dir: string
beforeEach(async () => {
  v = await startVendors()
  dir = mkdtempSync(join(tmpdir(), 'proxy-subusers-locks-test-'))
})
afterEach(async () => {
  await v.sandbox.close()
  rmSync(dir, { recursive: true, force: true })
})

const names = (n: number) => Array.from({ length: n }, (_, i) => ({ username: `team-${i}` }))
const labels = () => v.sandbox.webshare.control.subusers().map((u) => u.label).sort()

describe('two applies at once on one account', () => {
  it('take turns: the second waits, says so once, and adopts what the first created instead of duplicating it', async () => {
    const locks = localLocks({ dir })
    const wanted = names(6)
    // Both plans are made before either run holds the lock: both see every label missing.
    const [first, second] = [await right(plan(v.webshare, wanted)), await right(plan(v.webshare, wanted))]
    const waits: string[] = []
    const [a, b] = await Promise.all([
      right(apply(first, { coordination: locks, onLockWait: (w) => waits.push(`a ${w.label} ${w.holder ?? ''}`) })),
      right(apply(second, { coordination: locks, onLockWait: (w) => waits.push(`b ${w.label} ${w.holder ?? ''}`) })),
    ])
    expect(labels()).toEqual(wanted.map((w) => w.username).sort())
    expect([a.created, b.created]).toEqual([6, 6])
    expect(a.outcomes.map((o) => o.id)).toEqual(b.outcomes.map((o) => o.id))
    // Either run may take the lock first (both start at once); the other waits, once. The holder's
    // description may not be written yet when it looks.
    expect(waits).toHaveLength(1)
    expect(waits[0]).toMatch(new RegExp(`^[ab] webshare account ${v.webshare.account!.slice(0, 8)} (pid ${process.pid} on .+)?$`))
  })

  it('with wait: false, the second refuses as a conflict naming the holder, and sends nothing', async () => {
    const locks = localLocks({ dir })
    const held = await right(lockAccount(v.webshare, { coordination: locks }))
    try {
      const p = await right(plan(v.webshare, names(2)))
      const before = requests(v.sandbox)
      const e = await left(apply(p, { coordination: locks, wait: false }))
      expect(e).toMatchObject({ kind: 'conflict', provider: 'webshare' })
      expect(e.message).toMatch(/^webshare apply: webshare account [0-9a-f]{8} is locked by another run \(pid \d+ on .+ since .+\) \(a lock file on this machine\); nothing was changed$/)
      expect(requests(v.sandbox)).toBe(before)
    } finally {
      await held.release()
    }
    // Released: the same apply now goes through.
    expect(await right(apply(await right(plan(v.webshare, names(2))), { coordination: locks, wait: false }))).toMatchObject({ created: 2 })
  })

  it('an abort while waiting leaves every change skipped', async () => {
    const locks = localLocks({ dir })
    const held = await right(lockAccount(v.webshare, { coordination: locks }))
    try {
      const controller = new AbortController()
      const report = await right(apply(await right(plan(v.webshare, names(3))), { coordination: locks, signal: controller.signal, onLockWait: () => controller.abort() }))
      expect(report).toMatchObject({ created: 0, skipped: 3 })
      expect(labels()).toEqual([])
    } finally {
      await held.release()
    }
  })

  it('names lock files by the account hash only: no credential in the folder', async () => {
    const held = await right(lockAccount(v.webshare, { coordination: localLocks({ dir }) }))
    const files = readdirSync(dir)
    await held.release()
    expect(files.sort()).toEqual([`${v.webshare.account}.holder`, `${v.webshare.account}.lock`])
    expect(files.join(' ')).not.toContain(v.sandbox.webshare.apiKey)
  })
})

/** Locks that grant at once, and a lock the test loses when it says so. */
const losable = (): { locks: AccountLocks; lose(): void } => {
  let lost: CoordinationError | undefined
  const lock: AccountLock = { lost: () => lost, release: async () => undefined }
  return {
    locks: { name: 'a test backend', ttlMs: 1_000, tryLock: async () => ({ held: lock }) },
    lose: () => (lost = new CoordinationError('conflict', 'the test let the lock expire')),
  }
}

describe('a lost lock', () => {
  it('stops the run before its next change: what is left is skipped, and the report says why', async () => {
    const { locks, lose } = losable()
    const p = await right(plan(v.webshare, names(5)))
    const report = await right(apply(p, { coordination: locks, concurrency: 1, onProgress: ({ done }) => (done === 2 ? lose() : undefined) }))
    expect(report).toMatchObject({ created: 2, failed: 0, skipped: 3 })
    expect(report.stopped).toMatchObject({ kind: 'conflict', provider: 'webshare', message: 'webshare apply: stopped before its next change: the test let the lock expire' })
    expect(labels()).toEqual(['team-0', 'team-1'])
  })

  it('refuses a write that was already waiting for its pacing slot when the lock was lost: it is never sent', async () => {
    const { locks, lose } = losable()
    // Two changes in flight, one start every 0.5 s: the second waits for its slot while the first is done.
    const paced = createWebshareProvider({ ...v.sandbox.webshare, rateLimit: { requestsPerMinute: 120, concurrency: 2 } })
    const p = await right(plan(paced, names(3)))
    const before = requests(v.sandbox)
    const report = await right(apply(p, { coordination: locks, concurrency: 2, onProgress: ({ done }) => (done === 1 ? lose() : undefined) }))
    expect(report).toMatchObject({ created: 1, failed: 1, skipped: 1 })
    const refused = report.outcomes.find((o) => o.result === 'failed')
    expect(refused?.error).toMatchObject({ kind: 'conflict', operation: 'create', retryable: false })
    expect(refused?.error?.message).toMatch(/^webshare create: the test let the lock expire; nothing was sent \(POST \/api\/v2\/subuser\/\)$/)
    expect(report.stopped?.kind).toBe('conflict')
    // One listing (the check under the lock) and one create: the refused one never left.
    expect(requests(v.sandbox) - before).toBe(2)
    expect(labels()).toHaveLength(1)
  })
})

describe('the account key', () => {
  it('is one per credential and API, the same with or without a rotatable key, and holds no credential', () => {
    const { baseURL, token, key } = v.sandbox.thordata
    const withKey = createThordataProvider({ baseURL, token, key }).account
    expect(createThordataProvider({ baseURL, token }).account).toBe(withKey)
    expect(createThordataProvider({ baseURL: `${baseURL}/other`, token }).account).not.toBe(withKey)
    expect(createThordataProvider({ baseURL, token: `${token}-2` }).account).not.toBe(withKey)
    expect(withKey).toMatch(/^[0-9a-f]{64}$/)
    expect(v.webshare.account).toBe(accountKey('webshare', v.sandbox.webshare.baseURL, [v.sandbox.webshare.apiKey]))
  })
})

describe('oldestFirst (what dedupe keeps)', () => {
  it('orders by creation date, undated last, then by id, as numbers when both are whole numbers', () => {
    const at = (iso: string | null, id: string) => ({ createdAt: iso === null ? null : new Date(iso), id })
    const users = [at(null, '1'), at('2026-01-02T00:00:00Z', '3'), at('2026-01-01T00:00:00Z', '10'), at('2026-01-01T00:00:00Z', '9'), at(null, 'a')]
    expect([...users].sort(oldestFirst).map((u) => u.id)).toEqual(['9', '10', '3', '1', 'a'])
  })
})

describe('the coordination option', () => {
  it('is checked with the other common options: anything but a coordination is a validation error, nothing sent', () => {
    for (const coordination of [{}, 'redis://127.0.0.1:6379', { pacer: () => undefined }]) {
      expect(() => createWebshareProvider({ ...v.sandbox.webshare, coordination: coordination as never })).toThrow(
        expect.objectContaining({ kind: 'validation', fields: [{ path: 'coordination', message: 'must be a coordination (redisCoordination from proxy-subusers/redis)' }] }),
      )
    }
    expect(requests(v.sandbox)).toBe(0)
  })
})
