import { mib } from '../../src/units'
import { CREATE_URL, LIST_URL, failure, rawUser, setup, success, userListReply } from './support'
import writeOk from '../../providers/thordata/fixtures/write-ok.json'

const USERNAME_RULE = 'must be 6 to 15 letters or digits'
const PASSWORD_RULE = 'must be 6 to 15 letters or digits, starting with a letter'
const LIMIT_RULE = 'must be null (unlimited) or a whole number of MiB of at least 100MiB'

describe('thordata validation sends nothing', () => {
  it.each([['abc12'], ['abcdefghij123456'], ['alice_01'], ['alice 01'], ['ålice001'], ['alice01&x=1'], ['']])(
    'refuses username %j',
    async (username) => {
      const { mock, provider } = setup()
      const e = await failure(provider.create({ username, password: 'Pw12345a' }))
      expect(e).toMatchObject({ kind: 'validation', operation: 'create', fields: [{ path: 'username', message: USERNAME_RULE }] })
      expect(mock.history).toEqual([])
    },
  )

  it.each([['1abcdefg'], ['abc12'], ['a123456789012345'], ['abc-def1'], ['Pässword1'], ['']])('refuses password %j', async (password) => {
    const { mock, provider } = setup()
    const e = await failure(provider.create({ username: 'alice01', password }))
    expect(e).toMatchObject({ kind: 'validation', fields: [{ path: 'password', message: PASSWORD_RULE }] })
    if (password.length >= 4) expect(JSON.stringify(e)).not.toContain(password)
    expect(mock.history).toEqual([])
  })

  it.each([
    ['0 bytes', 0],
    ['99 MiB', mib(99)],
    ['100.5 MiB', mib(100.5)],
    ['NaN', Number.NaN],
    ['a negative limit', -mib(100)],
    ['a non-integer byte count', mib(100) + 0.5],
    ['1 byte', 1],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('refuses a traffic limit of %s on create and on update', async (_what, trafficLimitBytes) => {
    const { mock, provider } = setup()
    const c = await failure(provider.create({ username: 'alice01', password: 'Pw12345a', trafficLimitBytes }))
    expect(c).toMatchObject({ kind: 'validation', operation: 'create', fields: [{ path: 'trafficLimitBytes', message: LIMIT_RULE }] })
    const u = await failure(provider.update('alice01', { trafficLimitBytes }))
    expect(u).toMatchObject({ kind: 'validation', operation: 'update', fields: [{ path: 'trafficLimitBytes', message: LIMIT_RULE }] })
    expect(mock.history).toEqual([])
  })

  it('reports every problem of an input at once', async () => {
    const { mock, provider } = setup()
    const e = await failure(provider.create({ username: 'x', password: '1', trafficLimitBytes: 5 }))
    expect(e.fields).toEqual([
      { path: 'username', message: USERNAME_RULE },
      { path: 'password', message: PASSWORD_RULE },
      { path: 'trafficLimitBytes', message: LIMIT_RULE },
    ])
    const u = await failure(provider.update('bad id', { username: 'no!', trafficLimitBytes: 0 }))
    expect(u.fields).toEqual([
      { path: 'id', message: USERNAME_RULE },
      { path: 'username', message: USERNAME_RULE },
      { path: 'trafficLimitBytes', message: LIMIT_RULE },
    ])
    expect(mock.history).toEqual([])
  })

  it('refuses a field of the wrong type before the vendor rules (shared shape check)', async () => {
    const { mock, provider } = setup()
    const e = await failure(provider.create({ username: 12345678 as unknown as string }))
    expect(e).toMatchObject({ kind: 'validation', fields: [{ path: 'username', message: 'must be a string' }] })
    expect(mock.history).toEqual([])
  })

  it.each([['ab'], ['../../etc'], ['alice01&x=1'], [''], ['a'.repeat(16)], ['alice 01']])('refuses id %j on get, update, delete and refresh', async (id) => {
    const { mock, provider } = setup()
    const errors = [
      await failure(provider.get(id)),
      await failure(provider.update(id, { status: 'disabled' })),
      await failure(provider.delete(id)),
      await failure(provider.refresh(id)),
    ]
    expect(errors.map((e) => [e.kind, e.operation, e.fields])).toEqual(
      ['get', 'update', 'delete', 'refresh'].map((op) => ['validation', op, [{ path: 'id', message: USERNAME_RULE }]]),
    )
    expect(mock.history).toEqual([])
  })
})

describe('thordata limits that are accepted', () => {
  it.each([
    [mib(100), '100'],
    [mib(101), '101'],
    [mib(1024 * 1024), '1048576'],
  ])('sends %d bytes as traffic_limit %s', async (trafficLimitBytes, wire) => {
    const { mock, provider } = setup()
    mock.onPost(CREATE_URL).reply(200, writeOk)
    mock.onGet(LIST_URL).reply(200, userListReply([rawUser()]))
    await success(provider.create({ username: 'alice01', password: 'Pw12345a', trafficLimitBytes }))
    expect(new URLSearchParams(String(mock.history[0]?.data)).get('traffic_limit')).toBe(wire)
  })

  it('accepts 6- and 15-character usernames and passwords', async () => {
    const { mock, provider } = setup()
    mock.onPost(CREATE_URL).reply(200, writeOk)
    mock.onGet(LIST_URL).reply(200, userListReply([rawUser({ username: 'abc123' }), rawUser({ username: 'ABCdef123456789' })]))
    await success(provider.create({ username: 'abc123', password: 'a12345' }))
    await success(provider.create({ username: 'ABCdef123456789', password: 'Z12345678901234' }))
    expect(mock.history.map((c) => c.method)).toEqual(['post', 'get', 'post', 'get'])
  })
})
