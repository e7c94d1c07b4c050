/**
 * The contract suite: one set of behavioural tests that every
 * {@link SubUserProvider} must pass, whatever the vendor. It reads the
 * provider's `capabilities` and tests each field and operation the way the
 * provider says it supports it, and that it refuses the rest before sending.
 *
 * Call it from a jest test file (it uses jest's global `describe`, `it`,
 * `expect`, `beforeAll`, `afterAll`).
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
import type { CreateSubUser, SubUser } from '../domain'
import type { SubUserError } from '../errors'
import { toPromises, type SubUserProvider } from '../provider'
import { MIB } from '../units'

/**
 * What the suite needs: a provider with an empty account behind it.
 * @example
 * const target: ContractTarget = { provider, cleanup: () => sandbox.close() }
 */
export interface ContractTarget {
  readonly provider: SubUserProvider
  /**
   * Extra input that makes a sub-user refreshable, for vendors whose refresh
   * needs it (Webshare renews only a custom proxy list).
   */
  readonly refreshable?: Partial<CreateSubUser>
  /** Called once after the suite. */
  readonly cleanup?: () => Promise<void>
}

let counter = 0
/** A fresh username valid on every vendor: 6 to 15 letters and digits. */
const freshName = (): string => `ct${Date.now().toString(36).slice(-6)}${(counter++).toString(36).padStart(3, '0')}`.slice(0, 15)

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

/**
 * Registers the contract tests for one provider under a `describe` named `name`.
 * @example
 * runContractSuite('my adapter', async () => ({ provider: createMyProvider(opts) }))
 */
export const runContractSuite = (name: string, setup: () => Promise<ContractTarget>): void => {
  describe(`SubUserProvider contract: ${name}`, () => {
    let target: ContractTarget
    let p: SubUserProvider
    const created: string[] = []
    const create = async (input: CreateSubUser): Promise<SubUser> => {
      const u = await run(p.create(input))
      created.push(u.id)
      return u
    }
    const ids = async (): Promise<string[]> => (await run(p.list())).map((u) => u.id).sort()

    beforeAll(async () => {
      target = await setup()
      p = target.provider
    })
    afterAll(async () => {
      // Leave the account as found (this matters when the suite runs against a real one).
      if (p !== undefined) for (const id of created) await p.delete(id)()
      await target?.cleanup?.()
    })

    it('declares its capabilities as data', () => {
      expect(p.capabilities.create).toContain('username')
      expect(p.capabilities.statuses).toContain('active')
      expect(['reread', 'renew-proxy-list']).toContain(p.capabilities.refresh)
      expect(Array.isArray(p.capabilities.settings)).toBe(true)
    })

    it('creates a sub-user and reads it back unchanged', async () => {
      const username = freshName()
      const u = await create({ username, trafficLimitBytes: 500 * MIB })
      expect(u).toMatchObject({ provider: p.id, username, status: 'active', trafficLimitBytes: 500 * MIB })
      const again = await run(p.get(u.id))
      expect(again).toMatchObject({ id: u.id, username, status: 'active', trafficLimitBytes: 500 * MIB })
      expect(again.vendor.provider).toBe(p.id)
    })

    it('creates an unlimited sub-user by default', async () => {
      const u = await create({ username: freshName() })
      expect(u.trafficLimitBytes).toBeNull()
    })

    it('lists every sub-user once, and iterate yields the same set', async () => {
      const a = await create({ username: freshName() })
      const b = await create({ username: freshName() })
      const listed = await ids()
      expect(listed).toEqual(expect.arrayContaining([a.id, b.id]))
      expect(new Set(listed).size).toBe(listed.length)
      const iterated: string[] = []
      for await (const u of p.iterate()) iterated.push(u.id)
      expect(iterated.sort()).toEqual(listed)
    })

    it('updates one field and keeps the others', async () => {
      const u = await create({ username: freshName(), trafficLimitBytes: 200 * MIB })
      const updated = await run(p.update(u.id, { trafficLimitBytes: 300 * MIB }))
      expect(updated).toMatchObject({ id: u.id, username: u.username, status: u.status, trafficLimitBytes: 300 * MIB })
      const cleared = await run(p.update(u.id, { trafficLimitBytes: null }))
      expect(cleared.trafficLimitBytes).toBeNull()
      expect((await run(p.get(u.id))).trafficLimitBytes).toBeNull()
    })

    it('keeps the traffic limit and status when only the password changes (where passwords are supported)', async () => {
      if (!p.capabilities.update.includes('password')) {
        const u = await create({ username: freshName() })
        const e = await failure(p.update(u.id, { password: 'Newpass123' }))
        expect(e).toMatchObject({ kind: 'unsupported', fields: [expect.objectContaining({ path: 'password' })] })
        return
      }
      const u = await create({ username: freshName(), password: 'Firstpw123', trafficLimitBytes: 400 * MIB, status: 'active' })
      const updated = await run(p.update(u.id, { password: 'Secondpw45' }))
      expect(updated).toMatchObject({ trafficLimitBytes: 400 * MIB, status: 'active', username: u.username })
      if (p.capabilities.readsPassword) expect(updated.password?.reveal()).toBe('Secondpw45')
    })

    it('renames a sub-user, and the returned id finds it', async () => {
      const u = await create({ username: freshName(), trafficLimitBytes: 100 * MIB })
      const newName = freshName()
      const renamed = await run(p.update(u.id, { username: newName }))
      created.push(renamed.id)
      expect(renamed).toMatchObject({ username: newName, trafficLimitBytes: 100 * MIB })
      expect((await run(p.get(renamed.id))).username).toBe(newName)
    })

    it('disables a sub-user where the vendor can, and refuses it before sending where it cannot', async () => {
      if (p.capabilities.statuses.includes('disabled')) {
        const u = await create({ username: freshName(), status: 'disabled' })
        expect(u.status).toBe('disabled')
        const on = await run(p.update(u.id, { status: 'active' }))
        expect(on.status).toBe('active')
        return
      }
      const before = await ids()
      const e = await failure(p.create({ username: freshName(), status: 'disabled' }))
      expect(e).toMatchObject({ kind: 'unsupported', operation: 'create' })
      expect(await ids()).toEqual(before)
    })

    it('refuses fields it cannot create, naming the field, and creates nothing', async () => {
      const before = await ids()
      const refusedFields = (['password', 'status', 'trafficLimitBytes'] as const).filter((f) => !p.capabilities.create.includes(f))
      for (const field of refusedFields) {
        const input = { username: freshName(), [field]: field === 'trafficLimitBytes' ? 100 * MIB : field === 'status' ? 'active' : 'Abcdef123' }
        const e = await failure(p.create(input as CreateSubUser))
        expect(e).toMatchObject({ kind: 'unsupported', fields: [expect.objectContaining({ path: field })] })
      }
      expect(await ids()).toEqual(before)
    })

    it('refuses traffic limits the vendor cannot represent, with a validation error and nothing created', async () => {
      const before = await ids()
      for (const bad of [-1, 0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, p.capabilities.trafficLimit.stepBytes + 1]) {
        const e = await failure(p.create({ username: freshName(), trafficLimitBytes: bad }))
        expect(e).toMatchObject({ kind: 'validation', fields: [expect.objectContaining({ path: 'trafficLimitBytes' })] })
      }
      expect(await ids()).toEqual(before)
    })

    it('validates inputs as create and update would, sending nothing', async () => {
      const before = await ids()
      expect(p.validate('create', { username: freshName(), trafficLimitBytes: 100 * MIB })).toEqual(E.right(undefined))
      expect(p.validate('update', { trafficLimitBytes: null })).toEqual(E.right(undefined))
      const bad = p.validate('create', { username: freshName(), trafficLimitBytes: p.capabilities.trafficLimit.stepBytes + 1 })
      expect(E.isLeft(bad) && bad.left).toMatchObject({ kind: 'validation', fields: [expect.objectContaining({ path: 'trafficLimitBytes' })] })
      const created = await failure(p.create({ username: freshName(), trafficLimitBytes: p.capabilities.trafficLimit.stepBytes + 1 }))
      expect(E.isLeft(bad) && bad.left.message).toBe(created.message)
      expect(E.isLeft(p.validate('update', {}))).toBe(true)
      expect(await ids()).toEqual(before)
    })

    it('refreshes a sub-user and returns its current state', async () => {
      const u = await create({ username: freshName(), trafficLimitBytes: 100 * MIB, ...target.refreshable })
      const fresh = await run(p.refresh(u.id))
      expect(fresh).toMatchObject({ id: u.id, username: u.username, trafficLimitBytes: 100 * MIB })
    })

    it('deletes a sub-user; afterwards get and delete say not_found', async () => {
      const u = await create({ username: freshName() })
      await run(p.delete(u.id))
      expect(await ids()).not.toContain(u.id)
      expect(await failure(p.get(u.id))).toMatchObject({ kind: 'not_found', operation: 'get' })
      expect(await failure(p.delete(u.id))).toMatchObject({ kind: 'not_found', operation: 'delete' })
    })

    it('reports a missing sub-user as not_found on get, update and refresh', async () => {
      const u = await create({ username: freshName() })
      await run(p.delete(u.id))
      expect(await failure(p.get(u.id))).toMatchObject({ kind: 'not_found' })
      expect(await failure(p.update(u.id, { trafficLimitBytes: null }))).toMatchObject({ kind: 'not_found', operation: 'update' })
      expect(await failure(p.refresh(u.id))).toMatchObject({ kind: 'not_found', operation: 'refresh' })
    })

    it('works the same through toPromises, rejecting with a SubUserError', async () => {
      const pp = toPromises(p)
      const u = await pp.create({ username: freshName() })
      created.push(u.id)
      expect((await pp.get(u.id)).username).toBe(u.username)
      await pp.delete(u.id)
      await expect(pp.get(u.id)).rejects.toMatchObject({ name: 'SubUserError', kind: 'not_found' })
    })
  })
}
