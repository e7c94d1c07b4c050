/**
 * Locks per vendor account on this machine, for `apply` without
 * `coordination`: a lock file per account (proper-lockfile: an atomic
 * `mkdir`, its time refreshed while held, taken over once older than the time
 * to live), under the OS temporary folder, named by the account's hash.
 *
 * proper-lockfile is loaded on the first lock, not with the package: it hooks
 * the process's exit signals to let go of held locks.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { hostname, tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { CoordinationError } from './error'
import type { AccountLock, AccountLocks } from './types'

/** How long a lock outlives a holder that died without letting go. @example DEFAULT_LOCAL_LOCK_TTL_MS === 10_000 */
export const DEFAULT_LOCAL_LOCK_TTL_MS = 10_000

/** The shortest time to live proper-lockfile keeps (it raises shorter ones to this). @example MIN_LOCAL_LOCK_TTL_MS === 2_000 */
export const MIN_LOCAL_LOCK_TTL_MS = 2_000

/**
 * Options of {@link localLocks}.
 * @example
 * localLocks({ dir: '/var/lock/proxy-subusers', ttlMs: 5_000 })
 */
export interface LocalLockOptions {
  /** The folder of the lock files (default: `proxy-subusers-locks-<uid>` in the OS temporary folder). */
  readonly dir?: string
  /** How long a lock outlives a holder that died (default {@link DEFAULT_LOCAL_LOCK_TTL_MS}, at least {@link MIN_LOCAL_LOCK_TTL_MS}). */
  readonly ttlMs?: number
}

type Lockfile = typeof import('proper-lockfile')

const BACKEND = 'a lock file on this machine'

let loading: Promise<Lockfile> | undefined
/** proper-lockfile, loaded once, on the first lock (a CommonJS module: its exports are the default in an ES module). */
const loadLockfile = (): Promise<Lockfile> => (loading ??= import('proper-lockfile').then((m) => (m as { default?: Lockfile }).default ?? m))

/** The default folder: per user, so one user's folder never blocks another's. */
const defaultDir = (): string => {
  let uid = 'user'
  try {
    uid = String(userInfo().uid)
  } catch {
    // No user entry (some containers): one shared name.
  }
  return join(tmpdir(), `proxy-subusers-locks-${uid}`)
}

const failure = (what: string, e: unknown): CoordinationError => {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined
  return new CoordinationError('network', `${BACKEND} could not be ${what} (${typeof code === 'string' ? code : 'failed'})`)
}

/**
 * Locks kept as lock files on this machine: two runs on one machine take
 * turns; runs on several machines need a shared backend (`proxy-subusers/redis`).
 * @example
 * await pipe(plan(provider, wanted), TE.flatMap((p) => apply(p, { coordination: localLocks({ ttlMs: 5_000 }) })))()
 */
export const localLocks = (options: LocalLockOptions = {}): AccountLocks => {
  const ttlMs = Math.max(options.ttlMs ?? DEFAULT_LOCAL_LOCK_TTL_MS, MIN_LOCAL_LOCK_TTL_MS)
  const dir = options.dir ?? defaultDir()
  return {
    name: BACKEND,
    ttlMs,
    tryLock: async (account) => {
      let lockfile: Lockfile
      try {
        lockfile = await loadLockfile()
        await mkdir(dir, { recursive: true, mode: 0o700 })
      } catch (e) {
        throw failure('opened', e)
      }
      const file = join(dir, account)
      let compromised = false
      let release: () => Promise<void>
      try {
        release = await lockfile.lock(file, { stale: ttlMs, update: ttlMs / 4, realpath: false, retries: 0, onCompromised: () => (compromised = true) })
      } catch (e) {
        if ((e as { code?: unknown }).code !== 'ELOCKED') throw failure('taken', e)
        return { busy: await readFile(`${file}.holder`, 'utf8').then((t) => t.trim() || undefined, () => undefined) }
      }
      await writeFile(`${file}.holder`, `pid ${process.pid} on ${hostname()} since ${new Date().toISOString()}\n`).catch(() => undefined)
      return { held: heldLock(ttlMs, () => compromised, release) }
    },
  }
}

/**
 * A held lock file. Besides proper-lockfile's own check (the file taken over
 * or removed), a heartbeat tells when this process was paused (stopped,
 * suspended, its event loop blocked) for half the time to live: by then the
 * file may look abandoned to another run, so the lock counts as lost.
 */
const heldLock = (ttlMs: number, compromised: () => boolean, release: () => Promise<void>): AccountLock => {
  let beat = performance.now()
  const timer = setInterval(() => (beat = performance.now()), ttlMs / 8)
  timer.unref()
  let loss: CoordinationError | undefined
  let released = false
  return {
    lost: () => {
      if (loss !== undefined || released) return loss
      if (compromised()) loss = new CoordinationError('conflict', `the lock file was taken over or removed (${BACKEND})`)
      else if (performance.now() - beat > ttlMs / 2) loss = new CoordinationError('conflict', `this process was paused for more than half the lock's time to live (${ttlMs} ms), so another run may hold it (${BACKEND})`)
      return loss
    },
    release: async () => {
      if (released) return
      released = true
      clearInterval(timer)
      await release().catch(() => undefined)
    },
  }
}
