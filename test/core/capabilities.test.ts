import * as E from 'fp-ts/Either'
import { checkInput, type Capabilities } from '../../src/capabilities'
import type { CreateSubUser, UpdateSubUser } from '../../src/domain'
import { MIB } from '../../src/units'

const caps: Capabilities = {
  create: ['username', 'status', 'trafficLimitBytes'],
  update: ['username', 'trafficLimitBytes'],
  statuses: ['active'],
  readsPassword: false,
  refresh: 'renew',
  listing: 'paged',
  trafficLimit: { stepBytes: MIB, minBytes: MIB },
  settings: [],
}
const left = (input: unknown, op: 'create' | 'update' = 'create') => {
  const r = checkInput('webshare', caps, op, input as CreateSubUser | UpdateSubUser)
  if (E.isRight(r)) throw new Error('expected a refusal')
  return r.left
}

describe('checkInput', () => {
  it('accepts what the capabilities allow', () => {
    expect(checkInput('webshare', caps, 'create', { username: 'team-a', status: 'active', trafficLimitBytes: null })).toEqual(E.right(undefined))
    expect(checkInput('webshare', caps, 'update', { vendor: { webshare: { maxThreadCount: 3 } } })).toEqual(E.right(undefined))
  })

  it('lists every shape problem at once as validation', () => {
    expect(left({ username: 5, password: 1, status: 'off', trafficLimitBytes: '5', vendor: 3, colour: 'red' })).toMatchObject({
      kind: 'validation',
      fields: [
        { path: 'colour', message: 'is not a known field' },
        { path: 'username', message: 'must be a string' },
        { path: 'password', message: 'must be a string' },
        { path: 'status', message: "must be 'active' or 'disabled'" },
        { path: 'trafficLimitBytes', message: 'must be a number of bytes or null (unlimited)' },
        { path: 'vendor', message: 'must be an object' },
      ],
    })
    expect(left(null)).toMatchObject({ kind: 'validation', fields: [{ path: '', message: 'must be an object' }] })
    expect(left({})).toMatchObject({ kind: 'validation', fields: [{ path: 'username' }] })
  })

  it('refuses an empty patch', () => {
    expect(left({}, 'update')).toMatchObject({ kind: 'validation', message: 'webshare update: invalid input: (input) the patch changes nothing' })
  })

  it('names the field a vendor cannot honour as unsupported', () => {
    expect(left({ username: 'a', password: 'Secret123' })).toMatchObject({ kind: 'unsupported', operation: 'create', fields: [{ path: 'password' }] })
    expect(left({ status: 'active' }, 'update')).toMatchObject({ kind: 'unsupported', operation: 'update', fields: [{ path: 'status' }] })
    expect(left({ username: 'a', status: 'disabled' })).toMatchObject({ kind: 'unsupported', fields: [{ path: 'status' }] })
  })

  it('refuses unlimited, and a create that leaves the limit out, where the provider cannot represent unlimited', () => {
    const allocation: Capabilities = { ...caps, trafficLimit: { stepBytes: MIB, minBytes: 0, unlimited: false, unlimitedReason: 'it needs an allocation' } }
    const check = (input: unknown, op: 'create' | 'update' = 'create') => checkInput('iproyal', allocation, op, input as CreateSubUser)
    expect(check({ username: 'a', trafficLimitBytes: 0 })).toEqual(E.right(undefined))
    expect(check({ trafficLimitBytes: MIB }, 'update')).toEqual(E.right(undefined))
    expect(check({ username: 'b' }, 'update')).toEqual(E.right(undefined))
    expect(check({ username: 'a', trafficLimitBytes: null })).toMatchObject(
      E.left({ kind: 'unsupported', fields: [{ path: 'trafficLimitBytes', message: 'iproyal cannot represent an unlimited traffic limit: it needs an allocation' }] }),
    )
    expect(check({ trafficLimitBytes: null }, 'update')).toMatchObject(E.left({ kind: 'unsupported', operation: 'update', fields: [{ path: 'trafficLimitBytes' }] }))
    expect(check({ username: 'a' })).toMatchObject(
      E.left({
        kind: 'unsupported',
        message:
          'iproyal create: trafficLimitBytes is not supported: left out, it means unlimited (the default), and iproyal cannot represent an unlimited traffic limit: it needs an allocation',
      }),
    )
  })
})
