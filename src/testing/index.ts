/**
 * The contract suite: one set of behavioural tests that every
 * {@link SubUserProvider} must pass, whatever the vendor. It reads the
 * provider's `capabilities` and tests each field and operation the way the
 * provider says it supports it, and that it refuses the rest before sending:
 * `access` by the protocols, country and sessions it honours, `usage` by how
 * far back it reaches and the window it reads a call at a time.
 * Usernames and passwords come from the target's samplers (default: letters
 * and digits), traffic limits from `capabilities.trafficLimit`.
 *
 * Call it from a jest test file: it registers its tests with the globals jest
 * provides (`describe`, `it`, `expect`, `beforeAll`, `afterAll`) and needs nothing else.
 *
 * @example
 * import { runContractSuite } from 'proxy-subusers/testing'
 * import { startSandbox } from 'proxy-subusers/sandbox'
 * import { createWebshareProvider } from 'proxy-subusers/webshare'
 *
 * runContractSuite('webshare over the sandbox', async () => {
 *   const sandbox = await startSandbox()
 *   return {
 *     provider: createWebshareProvider(sandbox.webshare),
 *     cleanup: () => sandbox.close(),
 *   }
 * })
 *
 * @module proxy-subusers/testing
 */
import * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import { inspect } from 'node:util'
import { PROXY_PROTOCOLS } from '../access-target'
import { representsUnlimited, type AccessCapabilities, type Capabilities, type SubUserField, type UsageCapabilities } from '../capabilities'
import type { AccessTarget, CreateSubUser, ProxyAccess, ProxyProtocol, SubUser, UpdateSubUser } from '../domain'
import type { SubUserError } from '../errors'
import { toPromises, type SubUserProvider } from '../provider'
import { MIB } from '../units'
import { DAY_MS, utcDay } from '../usage'

/**
 * What the suite needs: a provider with an empty account behind it, and how to draw inputs it
 * accepts.
 * @example
 * const target: ContractTarget = { provider, username: () => `dh-${crypto.randomUUID()}`, cleanup: () => sandbox.close() }
 */
export interface ContractTarget {
  readonly provider: SubUserProvider
  /**
   * Extra input that makes a sub-user refreshable, for vendors whose refresh
   * needs it (Webshare renews only a custom proxy list).
   */
  readonly refreshable?: Partial<CreateSubUser>
  /**
   * Draws a username the provider accepts, a different one at each call (default
   * {@link contractUsername}: 6 to 15 lowercase letters and digits).
   */
  readonly username?: () => string
  /**
   * Draws a password the provider accepts, a different one at each call (default
   * {@link contractPassword}: 10 letters and digits, with an upper-case letter, a lower-case letter and a digit).
   */
  readonly password?: () => string
  /**
   * Books `bytes` of traffic on `day` (`YYYY-MM-DD`, UTC, today at the latest) for a sub-user,
   * in the vendor behind the provider (a sandbox fake's control hook). With it, the suite
   * checks the figures `usage` reports and that they agree with `trafficUsedBytes`; without
   * it, only their shape. Amounts are whole MiB.
   */
  readonly addUsage?: (subUser: SubUser, day: string, bytes: number) => Promise<void> | void
  /** Called once after the suite. */
  readonly cleanup?: () => Promise<void>
}

let names = 0
/**
 * The default username sampler: 6 to 15 lowercase letters and digits, a new one at each call.
 * @example
 * contractUsername() // 'ctm3k2x9000'
 */
export const contractUsername = (): string => `ct${Date.now().toString(36).slice(-6)}${(names++).toString(36).padStart(3, '0')}`.slice(0, 15)

let passwords = 0
/**
 * The default password sampler: 10 letters and digits, with an upper-case letter, a lower-case
 * letter and a digit, a new one at each call.
 * @example
 * contractPassword() // 'Pw00000001'
 */
export const contractPassword = (): string => `Pw${(passwords++ % 1e8).toString().padStart(8, '0')}`

/**
 * The traffic limits the suite uses on a provider: `valid(n)` the n-th smallest limit it can
 * represent (a multiple of `stepBytes`, at least `minBytes`; 0 itself where `minBytes` is 0),
 * and limits it must refuse as `validation`. Null when the provider keeps no traffic limit.
 * @example
 * contractLimits({ stepBytes: MIB, minBytes: 100 * MIB })?.valid(0) // 104857600
 * contractLimits({ stepBytes: MIB, minBytes: 0 })?.valid(0)         // 0
 */
export const contractLimits = (
  rule: Capabilities['trafficLimit'],
): { readonly valid: (n: number) => number; readonly unrepresentable: number; readonly invalid: ReadonlyArray<number> } | null => {
  if (rule === null) return null
  const { stepBytes, minBytes } = rule
  const smallest = Math.ceil(minBytes / stepBytes) * stepBytes
  // Between two steps where there are bytes between them, else a fraction of a byte.
  const unrepresentable = stepBytes > 1 ? smallest + 1 : smallest + 0.5
  const belowMinimum = smallest > stepBytes ? [smallest - stepBytes] : []
  return {
    valid: (n) => smallest + n * stepBytes,
    unrepresentable,
    invalid: [-1, ...(smallest > 0 ? [0] : []), 1.5, Number.NaN, Number.POSITIVE_INFINITY, unrepresentable, ...belowMinimum],
  }
}

const run = async <A>(te: TaskEither<SubUserError, A>): Promise<A> => {
  const r = await te()
  if (E.isLeft(r)) throw r.left
  return r.right
}

const failure = async <A>(te: TaskEither<SubUserError, A>): Promise<SubUserError> => {
  const r = await te()
  if (E.isRight(r)) throw new Error('expected a failure, got a success')
  return r.left
}

const refusal = (field: string) => ({ kind: 'unsupported', fields: [expect.objectContaining({ path: field })] })

/** The URL scheme each protocol's proxy URL starts with. */
const SCHEMES: Readonly<Record<ProxyProtocol, string>> = { http: 'http:', https: 'https:', socks5: 'socks5h:' }
const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' }

/** A session id of `length` letters and digits, a new one at each call. */
let sessions = 0
const sessionId = (length: number): string => `s${(sessions++).toString(36)}${'0'.repeat(length)}`.slice(0, length)

/** The login an access gives (username and, where shown, password), to compare two targets' logins. */
const loginOf = (a: ProxyAccess): string => `${a.username}\u0000${a.password?.reveal() ?? ''}`

/**
 * Checks an access is what the contract says: endpoints of the protocols wanted, each a host
 * and a port; a login; the password and a proxy URL for the first endpoint as Secrets where
 * the vendor shows the password (both null where not), the URL holding the login and
 * password percent-encoded; the password shown by no printing of the access.
 */
const expectAccess = (a: ProxyAccess, provider: string, id: string, caps: AccessCapabilities, protocols: ReadonlyArray<ProxyProtocol>) => {
  expect(a).toMatchObject({ provider, subUserId: id })
  expect(a.endpoints.length).toBeGreaterThan(0)
  for (const e of a.endpoints) {
    expect(protocols).toContain(e.protocol)
    expect(typeof e.host === 'string' && e.host.length > 0).toBe(true)
    expect(Number.isInteger(e.port) && e.port >= 1 && e.port <= 65_535).toBe(true)
  }
  expect(new Set(a.endpoints.map((e) => e.protocol))).toEqual(new Set(protocols))
  expect(typeof a.username === 'string' && a.username.length > 0).toBe(true)
  if (!caps.revealsPassword) {
    expect(a.password).toBeNull()
    expect(a.url).toBeNull()
    return
  }
  const password = a.password?.reveal()
  const first = a.endpoints[0]!
  expect(typeof password).toBe('string')
  const url = new URL(a.url?.reveal() ?? '')
  expect(url.protocol).toBe(SCHEMES[first.protocol])
  expect(url.hostname.replace(/^\[|\]$/g, '')).toBe(first.host)
  expect(url.port === '' ? DEFAULT_PORTS[url.protocol] : url.port).toBe(String(first.port))
  expect([decodeURIComponent(url.username), decodeURIComponent(url.password)]).toEqual([a.username, password])
  if (password !== undefined && password.length >= 4) {
    for (const printed of [JSON.stringify(a), inspect(a, { depth: 5 }), `${String(a.password)} ${String(a.url)}`]) expect(printed).not.toContain(password)
  }
}

/**
 * Registers the contract tests for one provider under a `describe` named `name`.
 * @example
 * runContractSuite('my adapter', async () => ({ provider: createMyProvider(opts) }))
 */
export const runContractSuite = (name: string, setup: () => Promise<ContractTarget>): void => {
  describe(`SubUserProvider contract: ${name}`, () => {
    let target: ContractTarget
    let p: SubUserProvider
    let caps: Capabilities
    let limits: ReturnType<typeof contractLimits>
    let unlimited: boolean
    const created: string[] = []
    const username = () => (target.username ?? contractUsername)()
    const password = () => (target.password ?? contractPassword)()
    const can = (operation: 'create' | 'update', field: SubUserField) => caps[operation].includes(field)
    /** The n-th limit, where create takes one; nothing otherwise. */
    const limited = (n: number): Partial<CreateSubUser> => (limits !== null && can('create', 'trafficLimitBytes') ? { trafficLimitBytes: limits.valid(n) } : {})
    /** What a create about something else needs: nothing, or the smallest limit where unlimited (the default) cannot be represented. */
    const plain = (): Partial<CreateSubUser> => (unlimited ? {} : limited(0))
    const create = async (input: CreateSubUser): Promise<SubUser> => {
      const u = await run(p.create(input))
      created.push(u.id)
      return u
    }
    const ids = async (): Promise<string[]> => (await run(p.list())).map((u) => u.id).sort()
    /** A patch the provider takes, for tests about something else than the field changed. */
    const anyPatch = (): UpdateSubUser => {
      if (can('update', 'trafficLimitBytes')) return { trafficLimitBytes: unlimited ? null : (limits?.valid(1) ?? null) }
      if (can('update', 'status')) return { status: 'active' }
      if (can('update', 'password')) return { password: password() }
      return { username: username() }
    }

    beforeAll(async () => {
      target = await setup()
      p = target.provider
      caps = p.capabilities
      limits = contractLimits(caps.trafficLimit)
      unlimited = representsUnlimited(caps)
    })
    afterAll(async () => {
      // Leave the account as found (this matters when the suite runs against a real one).
      if (p !== undefined) for (const id of created) await p.delete(id)()
      await target?.cleanup?.()
    })

    it('declares its capabilities as data', () => {
      expect(caps.create).toContain('username')
      expect(caps.statuses).toContain('active')
      expect(['reread', 'renew']).toContain(caps.refresh)
      expect(['single-response', 'paged']).toContain(caps.listing)
      expect(Array.isArray(caps.settings)).toBe(true)
      if (caps.trafficLimit === null) {
        // No traffic limit at all: nothing may offer to set one.
        expect(caps.create).not.toContain('trafficLimitBytes')
        expect(caps.update).not.toContain('trafficLimitBytes')
      } else {
        expect(Number.isSafeInteger(caps.trafficLimit.stepBytes) && caps.trafficLimit.stepBytes >= 1).toBe(true)
        expect(Number.isSafeInteger(caps.trafficLimit.minBytes) && caps.trafficLimit.minBytes >= 0).toBe(true)
        // Without unlimited (the default), a sub-user can only be created with a limit.
        if (!unlimited) expect(caps.create).toContain('trafficLimitBytes')
      }
    })

    it('creates a sub-user and reads it back unchanged', async () => {
      const name = username()
      const u = await create({ username: name, ...limited(4) })
      const expected = { provider: p.id, username: name, status: 'active', trafficLimitBytes: limited(4).trafficLimitBytes ?? null }
      expect(u).toMatchObject(expected)
      const again = await run(p.get(u.id))
      expect(again).toMatchObject({ ...expected, id: u.id })
      expect(again.vendor.provider).toBe(p.id)
    })

    it('creates an unlimited sub-user by default, or refuses unlimited before sending where it cannot be represented', async () => {
      if (!unlimited) {
        const before = await ids()
        expect(await failure(p.create({ username: username() }))).toMatchObject({ ...refusal('trafficLimitBytes'), operation: 'create' })
        expect(await failure(p.create({ username: username(), trafficLimitBytes: null }))).toMatchObject({ ...refusal('trafficLimitBytes'), operation: 'create' })
        expect(await ids()).toEqual(before)
        return
      }
      const u = await create({ username: username() })
      expect(u.trafficLimitBytes).toBeNull()
    })

    it('lists every sub-user once, and iterate yields the same set', async () => {
      const a = await create({ username: username(), ...plain() })
      const b = await create({ username: username(), ...plain() })
      const listed = await ids()
      expect(listed).toEqual(expect.arrayContaining([a.id, b.id]))
      expect(new Set(listed).size).toBe(listed.length)
      const iterated: string[] = []
      for await (const u of p.iterate()) iterated.push(u.id)
      expect(iterated.sort()).toEqual(listed)
    })

    it('updates the traffic limit and keeps the other fields, or refuses it before sending where limits cannot be changed', async () => {
      const u = await create({ username: username(), ...limited(1) })
      if (limits === null || !can('update', 'trafficLimitBytes')) {
        expect(await failure(p.update(u.id, { trafficLimitBytes: limits?.valid(2) ?? null }))).toMatchObject(refusal('trafficLimitBytes'))
        expect(await run(p.get(u.id))).toMatchObject({ username: u.username, status: u.status, trafficLimitBytes: u.trafficLimitBytes })
        return
      }
      const updated = await run(p.update(u.id, { trafficLimitBytes: limits.valid(2) }))
      expect(updated).toMatchObject({ id: u.id, username: u.username, status: u.status, trafficLimitBytes: limits.valid(2) })
      const lowered = await run(p.update(u.id, { trafficLimitBytes: limits.valid(0) }))
      expect(lowered).toMatchObject({ id: u.id, username: u.username, trafficLimitBytes: limits.valid(0) })
      if (!unlimited) {
        expect(await failure(p.update(u.id, { trafficLimitBytes: null }))).toMatchObject({ ...refusal('trafficLimitBytes'), operation: 'update' })
        expect((await run(p.get(u.id))).trafficLimitBytes).toBe(limits.valid(0))
        return
      }
      const cleared = await run(p.update(u.id, { trafficLimitBytes: null }))
      expect(cleared.trafficLimitBytes).toBeNull()
      expect((await run(p.get(u.id))).trafficLimitBytes).toBeNull()
    })

    it('keeps the traffic limit and status when only the password changes (where passwords are supported)', async () => {
      if (!can('update', 'password')) {
        const u = await create({ username: username(), ...plain() })
        expect(await failure(p.update(u.id, { password: password() }))).toMatchObject(refusal('password'))
        return
      }
      const first = can('create', 'password') ? { password: password() } : {}
      const u = await create({ username: username(), ...first, ...limited(3), status: 'active' })
      const second = password()
      const updated = await run(p.update(u.id, { password: second }))
      expect(updated).toMatchObject({ trafficLimitBytes: u.trafficLimitBytes, status: 'active', username: u.username })
      // A vendor that never reads a password back may still return the one just set, never another.
      if (caps.readsPassword) expect(updated.password?.reveal()).toBe(second)
      else expect([null, second]).toContain(updated.password === null ? null : updated.password.reveal())
      const read = await run(p.get(u.id))
      if (caps.readsPassword) expect(read.password?.reveal()).toBe(second)
      else expect(read.password).toBeNull()
    })

    it('renames a sub-user where the vendor can, and the returned id finds it; refuses it before sending where it cannot', async () => {
      const u = await create({ username: username(), ...limited(0) })
      const newName = username()
      if (!can('update', 'username')) {
        expect(await failure(p.update(u.id, { username: newName }))).toMatchObject(refusal('username'))
        expect((await run(p.get(u.id))).username).toBe(u.username)
        return
      }
      const renamed = await run(p.update(u.id, { username: newName }))
      created.push(renamed.id)
      expect(renamed).toMatchObject({ username: newName, trafficLimitBytes: u.trafficLimitBytes })
      expect((await run(p.get(renamed.id))).username).toBe(newName)
    })

    it('disables a sub-user where the vendor can, and refuses it before sending where it cannot', async () => {
      if (caps.statuses.includes('disabled')) {
        const made = can('create', 'status') ? await create({ username: username(), ...plain(), status: 'disabled' }) : await create({ username: username(), ...plain() })
        const u = can('create', 'status') ? made : await run(p.update(made.id, { status: 'disabled' }))
        expect(u.status).toBe('disabled')
        // Where listings may leave disabled sub-users out, one may be unreadable while disabled.
        const read = await p.get(u.id)()
        if (E.isRight(read) || !caps.listMayOmitDisabled) expect(E.isRight(read) && read.right.status).toBe('disabled')
        else expect(read.left).toMatchObject({ kind: 'unsupported', operation: 'get' })
        const on = await run(p.update(u.id, { status: 'active' }))
        expect(on).toMatchObject({ status: 'active', username: made.username })
        return
      }
      const before = await ids()
      const e = await failure(p.create({ username: username(), ...plain(), status: 'disabled' }))
      expect(e).toMatchObject({ ...refusal('status'), operation: 'create' })
      expect(await ids()).toEqual(before)
    })

    it('refuses fields it cannot create or update, naming the field, and changes nothing', async () => {
      const u = await create({ username: username(), ...plain() })
      const before = await run(p.list())
      const values = { password: password(), status: 'active', trafficLimitBytes: limits?.valid(0) ?? null, username: username() } as const
      for (const field of (['password', 'status', 'trafficLimitBytes'] as const).filter((f) => !can('create', f))) {
        const e = await failure(p.create({ username: username(), ...plain(), [field]: values[field] }))
        expect(e).toMatchObject({ ...refusal(field), operation: 'create' })
      }
      for (const field of (['username', 'password', 'status', 'trafficLimitBytes'] as const).filter((f) => !can('update', f))) {
        const e = await failure(p.update(u.id, { [field]: values[field] }))
        expect(e).toMatchObject({ ...refusal(field), operation: 'update' })
      }
      const after = await run(p.list())
      const shape = (users: ReadonlyArray<SubUser>) => users.map(({ id, username, status, trafficLimitBytes }) => ({ id, username, status, trafficLimitBytes })).sort((a, b) => a.id.localeCompare(b.id))
      expect(shape(after)).toEqual(shape(before))
    })

    it('refuses traffic limits the vendor cannot represent, with a validation error and nothing created', async () => {
      const before = await ids()
      if (limits === null) {
        // No traffic limit at all: any limit, even "unlimited", is refused as unsupported.
        for (const limit of [1, null]) expect(await failure(p.create({ username: username(), trafficLimitBytes: limit }))).toMatchObject(refusal('trafficLimitBytes'))
      } else {
        for (const bad of limits.invalid) {
          const e = await failure(p.create({ username: username(), trafficLimitBytes: bad }))
          expect(e).toMatchObject({ kind: 'validation', fields: [expect.objectContaining({ path: 'trafficLimitBytes' })] })
        }
      }
      expect(await ids()).toEqual(before)
    })

    it('validates inputs as create and update would, sending nothing', async () => {
      const before = await ids()
      expect(p.validate('create', { username: username(), ...limited(0) })).toEqual(E.right(undefined))
      expect(p.validate('update', anyPatch())).toEqual(E.right(undefined))
      const wrong: CreateSubUser = { username: username(), trafficLimitBytes: limits?.unrepresentable ?? null }
      const bad = p.validate('create', wrong)
      const expected = limits === null ? refusal('trafficLimitBytes') : { kind: 'validation', fields: [expect.objectContaining({ path: 'trafficLimitBytes' })] }
      expect(E.isLeft(bad) && bad.left).toMatchObject(expected)
      const refused = await failure(p.create(wrong))
      expect(E.isLeft(bad) && bad.left.message).toBe(refused.message)
      expect(E.isLeft(p.validate('update', {}))).toBe(true)
      expect(await ids()).toEqual(before)
    })

    it('refreshes a sub-user and returns its current state', async () => {
      const u = await create({ username: username(), ...limited(0), ...target.refreshable })
      const fresh = await run(p.refresh(u.id))
      expect(fresh).toMatchObject({ id: u.id, username: u.username, status: u.status, trafficLimitBytes: u.trafficLimitBytes })
    })

    it('deletes a sub-user; afterwards get and delete say not_found', async () => {
      const u = await create({ username: username(), ...plain() })
      await run(p.delete(u.id))
      expect(await ids()).not.toContain(u.id)
      expect(await failure(p.get(u.id))).toMatchObject({ kind: 'not_found', operation: 'get' })
      expect(await failure(p.delete(u.id))).toMatchObject({ kind: 'not_found', operation: 'delete' })
    })

    it('reports a missing sub-user as not_found on get, update and refresh', async () => {
      const u = await create({ username: username(), ...plain() })
      await run(p.delete(u.id))
      expect(await failure(p.get(u.id))).toMatchObject({ kind: 'not_found' })
      expect(await failure(p.update(u.id, anyPatch()))).toMatchObject({ kind: 'not_found', operation: 'update' })
      expect(await failure(p.refresh(u.id))).toMatchObject({ kind: 'not_found', operation: 'refresh' })
    })

    /** The access capabilities, or (where the provider has no access) a check that access is unsupported. */
    const accessCaps = async (id: string): Promise<AccessCapabilities | undefined> => {
      if (caps.access !== undefined && caps.access !== null) return caps.access
      expect(await failure(p.access(id))).toMatchObject({ ...refusal('access'), operation: 'access' })
      return undefined
    }
    /** The usage capabilities, or (where the provider has no usage) a check that usage is unsupported. */
    const usageCaps = async (id: string): Promise<UsageCapabilities | undefined> => {
      if (caps.usage !== undefined && caps.usage !== null) return caps.usage
      const today = utcDay(Date.now())
      expect(await failure(p.usage(id, { from: today, to: today }))).toMatchObject({ ...refusal('usage'), operation: 'usage' })
      return undefined
    }
    const daysAgo = (n: number) => utcDay(Date.now() - n * DAY_MS)
    // The sub-users below get a traffic limit where create takes one (room for the usage booked, on a vendor that allocates traffic).

    it('gives access to a sub-user: its default endpoints, a login, and the password and proxy URL as Secrets where it shows them; or refuses access as unsupported', async () => {
      const chosen = can('create', 'password') ? password() : undefined
      const u = await create({ username: username(), ...limited(8), ...(chosen === undefined ? {} : { password: chosen }) })
      const a = await accessCaps(u.id)
      if (a === undefined) return
      const got = await run(p.access(u.id))
      expectAccess(got, p.id, u.id, a, a.defaultProtocols)
      // Without options the gateway password is the sub-user's own, where the vendor shows it.
      if (chosen !== undefined && a.revealsPassword) expect(got.password?.reveal()).toBe(chosen)
    })

    it('gives endpoints of each protocol it honours when asked, and refuses the others as unsupported', async () => {
      const u = await create({ username: username(), ...limited(8) })
      const a = await accessCaps(u.id)
      if (a === undefined) return
      for (const protocol of PROXY_PROTOCOLS) {
        if (a.protocols.includes(protocol)) expectAccess(await run(p.access(u.id, { protocol })), p.id, u.id, a, [protocol])
        else expect(await failure(p.access(u.id, { protocol }))).toMatchObject({ ...refusal('protocol'), operation: 'access' })
      }
    })

    it('writes a country into the login where it can target one (either case), and refuses it as unsupported where it cannot', async () => {
      const u = await create({ username: username(), ...limited(8) })
      const a = await accessCaps(u.id)
      if (a === undefined) return
      if (!a.country) {
        expect(await failure(p.access(u.id, { country: 'DE' }))).toMatchObject({ ...refusal('country'), operation: 'access' })
        return
      }
      const plain = await run(p.access(u.id))
      const targeted = await run(p.access(u.id, { country: 'DE' }))
      expectAccess(targeted, p.id, u.id, a, a.defaultProtocols)
      expect(loginOf(targeted)).not.toBe(loginOf(plain))
      expect(loginOf(await run(p.access(u.id, { country: 'de' })))).toBe(loginOf(targeted))
    })

    it('keeps a sticky session where it can, within the vendor lengths; refuses it as unsupported where it cannot', async () => {
      const u = await create({ username: username(), ...limited(8) })
      const a = await accessCaps(u.id)
      if (a === undefined) return
      const rule = a.session
      if (rule === null) {
        expect(await failure(p.access(u.id, { session: { id: sessionId(8) } }))).toMatchObject({ ...refusal('session'), operation: 'access' })
        return
      }
      const length = Math.min(Math.max(8, rule.idLength.min), rule.idLength.max)
      const plain = await run(p.access(u.id))
      const sticky = await run(p.access(u.id, { session: { id: sessionId(length), ...(rule.minutes === null ? {} : { minutes: rule.minutes.max }) } }))
      expectAccess(sticky, p.id, u.id, a, a.defaultProtocols)
      expect(loginOf(sticky)).not.toBe(loginOf(plain))
      if (rule.minutes === null) {
        expect(await failure(p.access(u.id, { session: { id: sessionId(length), minutes: 10 } }))).toMatchObject(refusal('session.minutes'))
      } else {
        const tooLong = await failure(p.access(u.id, { session: { id: sessionId(length), minutes: rule.minutes.max + 1 } }))
        expect(tooLong).toMatchObject({ kind: 'validation', fields: [expect.objectContaining({ path: 'session.minutes' })] })
      }
      if (rule.idLength.max < 64) expect(await failure(p.access(u.id, { session: { id: sessionId(rule.idLength.max + 1) } }))).toMatchObject({ kind: 'validation', fields: [expect.objectContaining({ path: 'session.id' })] })
      if (rule.idLength.min > 1) expect(await failure(p.access(u.id, { session: { id: sessionId(rule.idLength.min - 1) } }))).toMatchObject({ kind: 'validation', fields: [expect.objectContaining({ path: 'session.id' })] })
    })

    it('refuses malformed targets as validation, naming the option and never repeating the value', async () => {
      const u = await create({ username: username(), ...limited(8) })
      if ((await accessCaps(u.id)) === undefined) return
      const malformed: ReadonlyArray<readonly [target: unknown, path: string, value: string]> = [
        [{ country: 'Deutschland' }, 'country', 'Deutschland'],
        [{ country: 'QQ' }, 'country', 'QQ'],
        [{ session: { id: 'has-dash_and space' } }, 'session.id', 'has-dash_and space'],
        [{ session: { id: 'abcd1234', minutes: 2.5 } }, 'session.minutes', '2.5'],
        [{ protocol: 'gopher' }, 'protocol', 'gopher'],
      ]
      for (const [target, path, value] of malformed) {
        const e = await failure(p.access(u.id, target as AccessTarget))
        expect(e).toMatchObject({ kind: 'validation', operation: 'access', fields: [expect.objectContaining({ path })] })
        if (value.length >= 4) expect(`${e.message} ${JSON.stringify(e.fields)}`).not.toContain(value)
      }
    })

    it('reports usage as one row per UTC day, oldest first, days without traffic as 0; or refuses usage as unsupported', async () => {
      const u = await create({ username: username(), ...limited(8) })
      const rule = await usageCaps(u.id)
      if (rule === undefined) return
      const span = Math.min(7, rule.historyDays ?? 7)
      const from = daysAgo(span - 1)
      const to = daysAgo(0)
      if (target.addUsage !== undefined) {
        await target.addUsage(u, daysAgo(Math.min(3, span - 1)), 3 * MIB)
        await target.addUsage(u, to, MIB)
      }
      const rows = await run(p.usage(u.id, { from, to }))
      expect(rows.map((r) => r.date)).toEqual(Array.from({ length: span }, (_, i) => daysAgo(span - 1 - i)))
      for (const r of rows) expect(Number.isSafeInteger(r.bytes) && r.bytes >= 0).toBe(true)
      if (target.addUsage === undefined) return
      const expected = new Map([[to, MIB]])
      expected.set(daysAgo(Math.min(3, span - 1)), (expected.get(daysAgo(Math.min(3, span - 1))) ?? 0) + 3 * MIB)
      expect(rows).toEqual(rows.map((r) => ({ date: r.date, bytes: expected.get(r.date) ?? 0 })))
      // The days add up to what the sub-user reads as used (a fresh sub-user: all its traffic is in the range).
      expect((await run(p.get(u.id))).trafficUsedBytes).toBe(4 * MIB)
    })

    it('reads a range longer than its window (several vendor calls) into one row per day', async () => {
      const u = await create({ username: username(), ...limited(8) })
      const rule = await usageCaps(u.id)
      if (rule === undefined || rule.windowDays === null || (rule.historyDays !== null && rule.historyDays <= rule.windowDays)) return
      const span = rule.windowDays + 2
      if (target.addUsage !== undefined) {
        await target.addUsage(u, daysAgo(span - 1), MIB)
        await target.addUsage(u, daysAgo(0), 2 * MIB)
      }
      const rows = await run(p.usage(u.id, { from: daysAgo(span - 1), to: daysAgo(0) }))
      expect(rows.map((r) => r.date)).toEqual(Array.from({ length: span }, (_, i) => daysAgo(span - 1 - i)))
      if (target.addUsage !== undefined) expect([rows[0]?.bytes, rows[span - 1]?.bytes, rows.slice(1, -1).every((r) => r.bytes === 0)]).toEqual([MIB, 2 * MIB, true])
    })

    it('refuses usage ranges it cannot serve as validation, naming the bound', async () => {
      const u = await create({ username: username(), ...limited(8) })
      const rule = await usageCaps(u.id)
      if (rule === undefined) return
      const invalid = (from: string, to: string, path: string) =>
        failure(p.usage(u.id, { from, to })).then((e) => expect(e).toMatchObject({ kind: 'validation', operation: 'usage', fields: [expect.objectContaining({ path })] }))
      await invalid(daysAgo(0), daysAgo(1), 'from')
      await invalid(daysAgo(0), daysAgo(-2), 'to')
      await invalid('yesterday', daysAgo(0), 'from')
      await invalid(daysAgo(1), '2001-02-30', 'to')
      if (rule.historyDays !== null) {
        await invalid(daysAgo(rule.historyDays + 1), daysAgo(rule.historyDays - 2), 'from')
        expect(await run(p.usage(u.id, { from: daysAgo(rule.historyDays - 2), to: daysAgo(rule.historyDays - 2) }))).toHaveLength(1)
      }
    })

    it('reports a missing sub-user as not_found on access and usage, where it has them', async () => {
      const u = await create({ username: username(), ...limited(8) })
      await run(p.delete(u.id))
      if (caps.access) expect(await failure(p.access(u.id))).toMatchObject({ kind: 'not_found', operation: 'access' })
      if (caps.usage) expect(await failure(p.usage(u.id, { from: daysAgo(1), to: daysAgo(0) }))).toMatchObject({ kind: 'not_found', operation: 'usage' })
    })

    it('works the same through toPromises, rejecting with a SubUserError', async () => {
      const pp = toPromises(p)
      const u = await pp.create({ username: username(), ...plain() })
      created.push(u.id)
      expect((await pp.get(u.id)).username).toBe(u.username)
      if (caps.access) expect((await pp.access(u.id)).subUserId).toBe(u.id)
      else await expect(pp.access(u.id)).rejects.toMatchObject({ name: 'SubUserError', kind: 'unsupported' })
      const today = utcDay(Date.now())
      if (caps.usage) expect(await pp.usage(u.id, { from: today, to: today })).toHaveLength(1)
      else await expect(pp.usage(u.id, { from: today, to: today })).rejects.toMatchObject({ name: 'SubUserError', kind: 'unsupported' })
      await pp.delete(u.id)
      await expect(pp.get(u.id)).rejects.toMatchObject({ name: 'SubUserError', kind: 'not_found' })
    })
  })
}
