/**
 * Oxylabs' input rules (vendor sheet §3.2, §6.5, §6.10, §6.11): every refusal happens before
 * anything is sent, not even the login.
 */
import { createOxylabsProvider } from '../../providers/oxylabs'
import { generatePassword, passwordProblem } from '../../providers/oxylabs/validate'
import { MIB, gib } from '../../src/units'
import { PASSWORD, USERNAME, failure, setup } from './support'

const PASSWORD_RULE = 'must be 12 to 64 characters from letters, digits and #_~+=, with a lower-case letter, an upper-case letter, a digit and one of #_~+='

describe('oxylabs validation (nothing sent)', () => {
  it('refuses usernames that are not letters, digits and underscores', async () => {
    const { mock, provider } = setup()
    for (const username of ['', 'team-a', 'team a', 'tëam', 'a:b']) {
      expect(await failure(provider.create({ username }))).toMatchObject({ kind: 'validation', fields: [{ path: 'username', message: 'must be letters, digits and underscores' }] })
    }
    expect(provider.validate('create', { username: 'Team_A_123' })._tag).toBe('Right')
    expect(mock.history).toHaveLength(0)
  })

  it('refuses passwords outside the rules, naming the rule and never the value', async () => {
    const { mock, provider } = setup()
    const bad = ['Short_Pw#1', 'a'.repeat(60) + 'A1#xxxx', 'no_upper_case#1', 'NO_LOWER_CASE#1', 'No_Digits_Here#', 'NoSpecials12345', 'Has:Colon_1234', 'Has@At_123456x', 'Has/Slash_12345', 'Spaced Out_1234']
    for (const password of bad) {
      const e = await failure(provider.create({ username: 'team_a', password }))
      expect(e).toMatchObject({ kind: 'validation', fields: [{ path: 'password', message: PASSWORD_RULE }] })
      expect(e.message).not.toContain(password)
      expect(await failure(provider.update('5', { password }))).toMatchObject({ kind: 'validation', operation: 'update' })
    }
    for (const good of ['Strong_Password#209', 'Aa1#Aa1#Aa1#', `Aa1=${'x'.repeat(60)}`]) expect(passwordProblem(good)).toBeUndefined()
    expect(passwordProblem(`Aa1=${'x'.repeat(61)}`)).toBeDefined()
    expect(mock.history).toHaveLength(0)
  })

  it('generates passwords that its own rules accept', () => {
    for (let i = 0; i < 200; i++) expect(passwordProblem(generatePassword())).toBeUndefined()
  })

  it('accepts whole MiB and 0 as limits, refuses anything else with the granularity', async () => {
    const { mock, provider } = setup()
    for (const ok of [0, MIB, gib(2000), null]) expect(provider.validate('create', { username: 'team_a', trafficLimitBytes: ok })._tag).toBe('Right')
    for (const bytes of [-MIB, 1, MIB + 1, 1.5, Number.NaN, Infinity, 2 ** 60]) {
      expect(await failure(provider.create({ username: 'team_a', trafficLimitBytes: bytes }))).toMatchObject({
        kind: 'validation',
        fields: [{ path: 'trafficLimitBytes', message: 'must be null (unlimited) or a whole number of MiB, 0 included' }],
      })
    }
    expect(mock.history).toHaveLength(0)
  })

  it('checks Oxylabs settings: only autoDisable and lifetime, as booleans; other vendors’ blocks are ignored', async () => {
    const { mock, provider } = setup()
    expect(await failure(provider.create({ username: 'team_a', vendor: { oxylabs: { autoDisable: 'yes', lifetime: 1, colour: 'red' } as never } }))).toMatchObject({
      kind: 'validation',
      fields: [
        { path: 'vendor.oxylabs.colour', message: 'is not an Oxylabs setting (autoDisable, lifetime)' },
        { path: 'vendor.oxylabs.lifetime', message: 'must be true or false' },
        { path: 'vendor.oxylabs.autoDisable', message: 'must be true or false' },
      ],
    })
    expect(await failure(provider.update('5', { vendor: { oxylabs: 'on' as never } }))).toMatchObject({ kind: 'validation', fields: [{ path: 'vendor.oxylabs', message: 'must be an object' }] })
    expect(provider.validate('create', { username: 'team_a', vendor: { webshare: { maxThreadCount: 5 } } })._tag).toBe('Right')
    expect(provider.validate('update', { vendor: { oxylabs: { autoDisable: true } } })._tag).toBe('Right')
    expect(mock.history).toHaveLength(0)
  })

  it('refuses a rename as unsupported, an empty patch and a bad id as validation', async () => {
    const { mock, provider } = setup()
    expect(await failure(provider.update('5', { username: 'renamed' }))).toMatchObject({ kind: 'unsupported', fields: [{ path: 'username' }] })
    expect(await failure(provider.update('5', {}))).toMatchObject({ kind: 'validation' })
    expect(await failure(provider.update('5', { vendor: { oxylabs: {} } }))).toMatchObject({ kind: 'validation', fields: [{ path: '', message: 'the patch changes nothing' }] })
    for (const id of ['', '0', '-1', '1.5', 'abc', '../5', '99999999999999999']) {
      expect(await failure(provider.get(id))).toMatchObject({ kind: 'validation', fields: [{ path: 'id', message: 'must be an Oxylabs sub-user id (a positive whole number)' }] })
      expect(await failure(provider.delete(id))).toMatchObject({ kind: 'validation' })
    }
    expect(mock.history).toHaveLength(0)
  })

  it('refuses unusable options at construction, listing every problem, without the values', () => {
    const attempt = (options: object) => {
      try {
        createOxylabsProvider(options as never)
      } catch (e) {
        return e
      }
      throw new Error('expected a refusal')
    }
    expect(attempt({ username: 'ab', password: '', now: 5, timeoutMs: -1 })).toMatchObject({
      kind: 'validation',
      operation: 'list',
      fields: [
        { path: 'username', message: expect.stringContaining('too short') },
        { path: 'password', message: 'is required' },
        { path: 'timeoutMs', message: expect.any(String) },
        { path: 'now', message: 'must be a function returning epoch milliseconds' },
      ],
    })
    expect(attempt({ username: 'main:user', password: PASSWORD })).toMatchObject({ fields: [{ path: 'username', message: 'must not hold ":" (it is sent as Basic credentials)' }] })
    expect(String((attempt({ username: USERNAME, password: 'bad\npassword' }) as Error).message)).not.toContain('bad\npassword')
  })
})
