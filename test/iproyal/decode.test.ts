/**
 * IPRoyal's codecs and mapping (vendor sheet §2, §3.10): every documented field decoded and
 * mapped field by field, unknown fields tolerated, and a reply that does not decode reported
 * by path and expected type, never by value.
 */
import listFixture from '../../providers/iproyal/fixtures/list-page.json'
import meFixture from '../../providers/iproyal/fixtures/me.json'
import subUserFixture from '../../providers/iproyal/fixtures/subuser.json'
import { IPRoyalMe, IPRoyalSubUser, IPRoyalSubUserPage } from '../../providers/iproyal'
import { toSubUser } from '../../providers/iproyal/mapping'
import type * as t from 'io-ts'
import { decodeWith } from '../../src/decode'
import { GIB, MIB } from '../../src/units'
import { HASH, ME_URL, everything, failure, itemUrl, LIST_URL, rawSubUser, setup, success } from './support'

const decode = (codec: t.Mixed, value: unknown) => decodeWith(codec, 'iproyal', 'get')(value)

describe('iproyal codecs', () => {
  it('decode the docs examples: a sub-user, a list page and /me', () => {
    expect(decode(IPRoyalSubUser, subUserFixture)).toEqual({ _tag: 'Right', right: subUserFixture })
    expect(decode(IPRoyalSubUserPage, listFixture)).toMatchObject({ _tag: 'Right' })
    expect(decode(IPRoyalMe, meFixture)).toEqual({ _tag: 'Right', right: meFixture })
  })

  it('tolerate unknown fields and the absence of the legacy id', () => {
    const { id: _id, ...withoutId } = rawSubUser({ created_by: 'someone', traffic_left: 3 })
    expect(decode(IPRoyalSubUser, withoutId)).toMatchObject({ _tag: 'Right' })
    expect(decode(IPRoyalSubUserPage, { ...listFixture, links: { first: 'x', last: 'x', prev: null, next: null }, extra: 1 })).toMatchObject({ _tag: 'Right' })
  })

  it('refuse a page without meta rather than stop a listing early', () => {
    const r = decode(IPRoyalSubUserPage, { data: [] })
    expect(r).toMatchObject({ _tag: 'Left', left: { kind: 'decode', fields: [{ path: 'meta', message: expect.stringContaining('expected') }] } })
  })

  it.each([
    ['a hash that is not 26 letters or digits', { hash: '../../me' }, 'hash', 'expected 26 letters or digits'],
    ['a negative allocation', { traffic_available: -1 }, 'traffic_available', 'expected non-negative number'],
    ['traffic in a string', { traffic_used: '2' }, 'traffic_used', 'expected non-negative number'],
    ['a missing password', { password: undefined }, 'password', 'expected string'],
    ['limits of another shape', { limits: [1] }, 'limits', 'expected'],
  ])('report %s by path and expected type only', (_name, overrides, path, message) => {
    const r = decode(IPRoyalSubUser, rawSubUser({ password: 'Hidden9876', ...overrides }))
    if (r._tag === 'Right') throw new Error('expected a decode error')
    expect(r.left.fields).toEqual(expect.arrayContaining([{ path, message: expect.stringContaining(message) }]))
    expect(everything(r.left)).not.toContain('Hidden9876')
    expect(everything(r.left)).not.toContain('../../me')
  })
})

describe('iproyal mapping', () => {
  it('maps the allocation as available + used, usage, the legacy id and no creation time', () => {
    const u = toSubUser(rawSubUser({ traffic_available: 7.25, traffic_used: 2.75 }) as IPRoyalSubUser)
    expect(u).toEqual({
      provider: 'iproyal',
      id: HASH,
      username: 'team_a',
      status: 'active',
      trafficLimitBytes: 10 * GIB,
      trafficUsedBytes: 2.75 * GIB,
      createdAt: null,
      password: expect.anything(),
      vendor: { provider: 'iproyal', trafficAvailableBytes: 7.25 * GIB, legacyId: 5, limits: null, trafficBytes: null },
    })
    expect(u.password?.reveal()).toBe('Secret123')
    expect(JSON.stringify(u)).not.toContain('Secret123')
  })

  it('rounds GB floats to the byte, so whole MiB come back exact', () => {
    const u = toSubUser(rawSubUser({ traffic_available: 199 / 1024, traffic_used: 1 / 1024 }) as IPRoyalSubUser)
    expect(u.trafficLimitBytes).toBe(200 * MIB)
    expect(u.trafficUsedBytes).toBe(MIB)
  })

  it('surfaces limits and the undocumented traffic field when a reply carries them, field by field', () => {
    const u = toSubUser(rawSubUser({ limits: { daily_limit: 5000, monthly_limit: null, other: 1 }, traffic: 10 }) as IPRoyalSubUser)
    expect(u.vendor.limits).toEqual({ daily_limit: 5000, monthly_limit: null })
    expect(u.vendor.trafficBytes).toBe(10 * GIB)
    expect(toSubUser(rawSubUser({ limits: [] }) as IPRoyalSubUser).vendor.limits).toBeNull()
  })
})

describe('iproyal replies that do not decode', () => {
  it('fail as decode errors on get, list and the balance read', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).reply(200, { hash: HASH }).onGet(LIST_URL).reply(200, { data: [rawSubUser()] }).onGet(ME_URL).reply(200, { balance: 3 })
    expect(await failure(provider.get(HASH))).toMatchObject({ kind: 'decode', operation: 'get' })
    expect(await failure(provider.list())).toMatchObject({ kind: 'decode', operation: 'list', fields: [expect.objectContaining({ path: 'meta' })] })
    expect(await failure(provider.create({ username: 'team_a', password: 'Secret123', trafficLimitBytes: GIB }))).toMatchObject({ kind: 'decode', operation: 'create', fields: [expect.objectContaining({ path: 'available_traffic' })] })
  })

  it('fails as decode on a 2xx that is not JSON, except on delete', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).reply(200, '<html>ok</html>').onDelete(itemUrl()).reply(200, '<html>ok</html>')
    expect(await failure(provider.get(HASH))).toMatchObject({ kind: 'decode' })
    expect(await success(provider.delete(HASH))).toBeUndefined()
  })
})
