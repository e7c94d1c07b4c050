import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { SubUserError } from '../../src/errors'
import { createSession } from '../../src/session'
import type { Operation } from '../../src/domain'

const authError = (operation: Operation = 'list') => new SubUserError({ kind: 'auth', provider: 'acme', operation, status: 401, message: `acme ${operation}: auth (HTTP 401)` })

/** A session whose logins are counted and answered in turn (a token per login, or an error). */
const setup = (answers: ReadonlyArray<SubUserError | undefined> = []) => {
  let clock = 1_000_000
  let logins = 0
  let release: () => void = () => undefined
  let gate: Promise<void> = Promise.resolve()
  const session = createSession<{ readonly token: string }>({
    login: () => async () => {
      const n = logins++
      await gate
      const e = answers[n]
      return e === undefined ? E.right({ token: `t${n}` }) : E.left(e)
    },
    renewAt: (_s, at) => at + 60_000,
    now: () => clock,
  })
  return {
    session,
    logins: () => logins,
    advance: (ms: number) => void (clock += ms),
    hold: () => void (gate = new Promise((r) => (release = r))),
    release: () => release(),
  }
}

describe('createSession', () => {
  it('logs in lazily, once, and reuses the session until it is due for renewal on the injected clock', async () => {
    const s = setup()
    expect(s.logins()).toBe(0)
    expect(await s.session.current('list')()).toEqual(E.right({ token: 't0' }))
    expect(await s.session.current('get')()).toEqual(E.right({ token: 't0' }))
    s.advance(59_999)
    expect(await s.session.current('get')()).toEqual(E.right({ token: 't0' }))
    expect(s.logins()).toBe(1)
    s.advance(1)
    expect(await s.session.current('get')()).toEqual(E.right({ token: 't1' }))
    expect(s.logins()).toBe(2)
  })

  it('shares one login among concurrent calls', async () => {
    const s = setup()
    s.hold()
    const all = Promise.all([1, 2, 3, 4, 5].map(() => s.session.run('list', (x) => TE.right(x.token))()))
    await new Promise((r) => setImmediate(r))
    s.release()
    expect(await all).toEqual(Array(5).fill(E.right('t0')))
    expect(s.logins()).toBe(1)
  })

  it('logs in again once when a call is refused, and repeats that call once with the new session', async () => {
    const s = setup()
    const used: string[] = []
    const r = await s.session.run('get', (x) => { used.push(x.token); return x.token === 't0' ? TE.left(authError('get')) : TE.right('ok') })()
    expect(r).toEqual(E.right('ok'))
    expect(used).toEqual(['t0', 't1'])
    const twice: string[] = []
    const refusedAgain = await s.session.run('get', (x) => { twice.push(x.token); return TE.left(authError('get')) })()
    expect(E.isLeft(refusedAgain) && refusedAgain.left.kind).toBe('auth')
    expect(twice).toEqual(['t1', 't2'])
    expect(s.logins()).toBe(3)
  })

  it('calls refused together log in again once between them', async () => {
    const s = setup()
    await s.session.current('list')()
    const all = await Promise.all([1, 2, 3].map(() => s.session.run('list', (x) => (x.token === 't0' ? TE.left(authError()) : TE.right(x.token)))()))
    expect(all).toEqual(Array(3).fill(E.right('t1')))
    expect(s.logins()).toBe(2)
  })

  it('returns a refused login at once, not retried, named for each waiting call', async () => {
    const s = setup([authError('list'), authError('list')])
    s.hold()
    const a = s.session.run('list', () => TE.right('never'))()
    const b = s.session.run('delete', () => TE.right('never'))()
    await new Promise((r) => setImmediate(r))
    s.release()
    const [ra, rb] = await Promise.all([a, b])
    expect(E.isLeft(ra) && ra.left).toMatchObject({ kind: 'auth', operation: 'list', message: 'acme list: auth (HTTP 401)' })
    expect(E.isLeft(rb) && rb.left).toMatchObject({ kind: 'auth', operation: 'delete', message: 'acme delete: auth (HTTP 401)' })
    expect(s.logins()).toBe(1)
    // The next call tries again.
    expect(E.isLeft(await s.session.current('get')())).toBe(true)
    expect(s.logins()).toBe(2)
  })

  it('does not log in again for an error that is not a refusal', async () => {
    const s = setup()
    const notFound = new SubUserError({ kind: 'not_found', provider: 'acme', operation: 'get', message: 'gone' })
    expect(await s.session.run('get', () => TE.left(notFound))()).toEqual(E.left(notFound))
    expect(s.logins()).toBe(1)
  })
})
