/**
 * IPRoyal's input rules (vendor sheet §6.5, §6.7, §6.9, §6.10, §6.13) and capabilities, checked
 * before anything is sent: every request below is refused with nothing on the wire.
 */
import * as E from 'fp-ts/Either'
import { iproyalCapabilities } from '../../providers/iproyal'
import { generatePassword } from '../../providers/iproyal/validate'
import { MIB, gib } from '../../src/units'
import { HASH, failure, setup } from './support'

const limit = { trafficLimitBytes: gib(1) }

describe('iproyal validation, nothing sent', () => {
  it.each([
    ['a hyphen in the username', { username: 'team-a', ...limit }, 'username'],
    ['an empty username', { username: '', ...limit }, 'username'],
    ['a password of 7 characters', { username: 'team_a', password: 'Abc1234', ...limit }, 'password'],
    ['a password of 17 characters', { username: 'team_a', password: 'Abcdefgh123456789', ...limit }, 'password'],
    ['a password with _ (the gateway appends _key-value options)', { username: 'team_a', password: 'Secret_123', ...limit }, 'password'],
    ['a password with @', { username: 'team_a', password: 'Secret@123', ...limit }, 'password'],
    ['a limit of one byte', { username: 'team_a', trafficLimitBytes: 1 }, 'trafficLimitBytes'],
    ['a limit between two MiB', { username: 'team_a', trafficLimitBytes: MIB + 512 }, 'trafficLimitBytes'],
    ['a negative limit', { username: 'team_a', trafficLimitBytes: -MIB }, 'trafficLimitBytes'],
    ['a limit that is not a number', { username: 'team_a', trafficLimitBytes: Number.NaN }, 'trafficLimitBytes'],
    ['an unknown IPRoyal option', { username: 'team_a', ...limit, vendor: { iproyal: { colour: 'red' } } }, 'vendor.iproyal.colour'],
    ['limits that are not an object', { username: 'team_a', ...limit, vendor: { iproyal: { limits: 5 } } }, 'vendor.iproyal.limits'],
    ['an unknown limit key', { username: 'team_a', ...limit, vendor: { iproyal: { limits: { weekly_limit: 1 } } } }, 'vendor.iproyal.limits.weekly_limit'],
    ['a negative limit value', { username: 'team_a', ...limit, vendor: { iproyal: { limits: { daily_limit: -1 } } } }, 'vendor.iproyal.limits.daily_limit'],
  ])('refuses %s on create as validation', async (_name, input, path) => {
    const { mock, provider } = setup()
    const e = await failure(provider.create(input as never))
    expect(e).toMatchObject({ kind: 'validation', operation: 'create', fields: [expect.objectContaining({ path })] })
    expect(provider.validate('create', input as never)).toEqual(E.left(e))
    expect(mock.history).toHaveLength(0)
  })

  it('says the granularity of a limit it cannot represent: whole MiB, at least 0, never unlimited', async () => {
    const { provider } = setup()
    const e = await failure(provider.create({ username: 'team_a', trafficLimitBytes: 1 }))
    expect(e.fields).toEqual([{ path: 'trafficLimitBytes', message: 'must be a whole number of MiB, 0 included' }])
  })

  it('reports every problem at once', async () => {
    const { provider } = setup()
    const e = await failure(provider.create({ username: 'team-a', password: 'x', trafficLimitBytes: 3 }))
    expect(e.fields?.map((f) => f.path)).toEqual(['username', 'password', 'trafficLimitBytes'])
  })

  it('refuses unlimited, and a create that leaves the limit out, as unsupported: IPRoyal needs an allocation', async () => {
    const { mock, provider } = setup()
    const leftOut = await failure(provider.create({ username: 'team_a' }))
    expect(leftOut).toMatchObject({ kind: 'unsupported', operation: 'create', fields: [expect.objectContaining({ path: 'trafficLimitBytes' })] })
    expect(leftOut.message).toContain('IPRoyal needs an allocation')
    expect(leftOut.message).toContain('trafficLimitBytes: 0 creates an empty one')
    expect(await failure(provider.create({ username: 'team_a', trafficLimitBytes: null }))).toMatchObject({ kind: 'unsupported', fields: [expect.objectContaining({ path: 'trafficLimitBytes' })] })
    expect(await failure(provider.update(HASH, { trafficLimitBytes: null }))).toMatchObject({ kind: 'unsupported', operation: 'update' })
    expect(iproyalCapabilities.trafficLimit).toMatchObject({ unlimited: false, minBytes: 0, stepBytes: MIB })
    expect(mock.history).toHaveLength(0)
  })

  it('refuses disabled as unsupported (IPRoyal has no status), on create and update', async () => {
    const { mock, provider } = setup()
    expect(await failure(provider.create({ username: 'team_a', status: 'disabled', ...limit }))).toMatchObject({ kind: 'unsupported', fields: [expect.objectContaining({ path: 'status' })] })
    expect(await failure(provider.update(HASH, { status: 'disabled' }))).toMatchObject({ kind: 'unsupported', operation: 'update', fields: [expect.objectContaining({ path: 'status' })] })
    expect(iproyalCapabilities.statuses).toEqual(['active'])
    expect(mock.history).toHaveLength(0)
  })

  it.each([['5'], ['01HQ5K3P97DY8EX9Y90YT1K6X'], ['01HQ5K3P97DY8EX9Y90YT1K6XA/give-traffic'], ['../me']])('refuses the id %s (not a hash) on every operation', async (id) => {
    const { mock, provider } = setup()
    for (const task of [provider.get(id), provider.delete(id), provider.refresh(id), provider.update(id, { password: 'Secret123' })]) {
      expect(await failure(task)).toMatchObject({ kind: 'validation', fields: [expect.objectContaining({ path: 'id' })] })
    }
    expect(mock.history).toHaveLength(0)
  })

  it('reports a bad id with the patch’s own problems, in one error', async () => {
    const { provider } = setup()
    const e = await failure(provider.update('5', { username: 'a-b', trafficLimitBytes: 7 }))
    expect(e.fields?.map((f) => f.path)).toEqual(['id', 'username', 'trafficLimitBytes'])
  })

  it('accepts what it can send: an empty allocation, letters, digits and _ in a name, 8 to 16 letters or digits in a password', () => {
    const { provider } = setup()
    expect(provider.validate('create', { username: 'Team_A_01', password: 'Abcdefgh12345678', trafficLimitBytes: 0 })).toEqual(E.right(undefined))
    expect(provider.validate('update', { trafficLimitBytes: gib(2), vendor: { iproyal: { limits: { daily_limit: 5000, monthly_limit: null } } } })).toEqual(E.right(undefined))
  })

  it('generates passwords its own rules accept', () => {
    const drawn = Array.from({ length: 50 }, generatePassword)
    for (const p of drawn) expect(p).toMatch(/^[A-Za-z0-9]{16}$/)
    expect(new Set(drawn).size).toBe(50)
  })
})
