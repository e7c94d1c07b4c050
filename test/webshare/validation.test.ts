import { MAX_LABEL_LENGTH } from '../../providers/webshare'
import type { CreateSubUser, UpdateSubUser } from '../../src/domain'
import { KIB, MIB, gib, mib } from '../../src/units'
import { LIST_URL, failure, itemUrl, rawSubUser, sent, setup, success } from './support'

const LIMIT_MESSAGE = 'must be null (unlimited) or a whole number of MiB of at least 1MiB'

describe('webshare unsupported fields, refused before anything is sent', () => {
  it.each([
    ['a password on create', 'create', { username: 'team-a', password: 'Fake-pass-1' }, 'password'],
    ['a password on update', 'update', { password: 'Fake-pass-1' }, 'password'],
    ['status disabled on create', 'create', { username: 'team-a', status: 'disabled' }, 'status'],
    ['status disabled on update', 'update', { status: 'disabled' }, 'status'],
  ] as const)('%s', async (_name, operation, input, field) => {
    const { mock, provider } = setup()
    mock.onAny().reply(200, rawSubUser())
    const task = operation === 'create' ? provider.create(input as CreateSubUser) : provider.update('7', input as UpdateSubUser)
    const e = await failure(task)
    expect(e).toMatchObject({ kind: 'unsupported', provider: 'webshare', operation, fields: [expect.objectContaining({ path: field })] })
    expect(e.message).not.toContain('Fake-pass-1')
    expect(mock.history).toHaveLength(0)
  })
})

describe('webshare input validation, every problem at once and nothing sent', () => {
  const refused: ReadonlyArray<[string, CreateSubUser, ReadonlyArray<{ path: string; message: string }>]> = [
    ['an empty label', { username: '' }, [{ path: 'username', message: `must be 1 to ${MAX_LABEL_LENGTH} characters, not blank, without control characters` }]],
    ['a blank label', { username: '   ' }, [{ path: 'username', message: expect.any(String) }]],
    ['a label over 255 characters', { username: 'x'.repeat(256) }, [{ path: 'username', message: expect.any(String) }]],
    ['a label with a control character', { username: 'team\na' }, [{ path: 'username', message: expect.any(String) }]],
    ['a limit of 0 bytes', { username: 'team-a', trafficLimitBytes: 0 }, [{ path: 'trafficLimitBytes', message: LIMIT_MESSAGE }]],
    ['a negative limit', { username: 'team-a', trafficLimitBytes: -MIB }, [{ path: 'trafficLimitBytes', message: LIMIT_MESSAGE }]],
    ['a limit under 1 MiB', { username: 'team-a', trafficLimitBytes: 512 * KIB }, [{ path: 'trafficLimitBytes', message: LIMIT_MESSAGE }]],
    ['a limit that is not whole MiB', { username: 'team-a', trafficLimitBytes: mib(1.5) }, [{ path: 'trafficLimitBytes', message: LIMIT_MESSAGE }]],
    ['a limit of one byte more than a GiB', { username: 'team-a', trafficLimitBytes: gib(1) + 1 }, [{ path: 'trafficLimitBytes', message: LIMIT_MESSAGE }]],
    ['an unsafe integer limit', { username: 'team-a', trafficLimitBytes: 2 ** 60 }, [{ path: 'trafficLimitBytes', message: LIMIT_MESSAGE }]],
    ['maxThreadCount 0', { username: 'team-a', vendor: { webshare: { maxThreadCount: 0 } } }, [{ path: 'vendor.webshare.maxThreadCount', message: 'must be a whole number of at least 1' }]],
    ['a fractional maxThreadCount', { username: 'team-a', vendor: { webshare: { maxThreadCount: 1.5 } } }, [{ path: 'vendor.webshare.maxThreadCount', message: 'must be a whole number of at least 1' }]],
    ['an empty proxyCountries', { username: 'team-a', vendor: { webshare: { proxyCountries: {} } } }, [{ path: 'vendor.webshare.proxyCountries', message: 'must not be empty: use null to remove the custom proxy list' }]],
    [
      'proxyCountries with bad codes and counts',
      { username: 'team-a', vendor: { webshare: { proxyCountries: { us: 1, USA: 2, DE: -1, FR: 1.5, ZZ: 3 } } } },
      [
        { path: 'vendor.webshare.proxyCountries.us', message: 'must be a 2-letter upper-case country code (ZZ = any)' },
        { path: 'vendor.webshare.proxyCountries.USA', message: 'must be a 2-letter upper-case country code (ZZ = any)' },
        { path: 'vendor.webshare.proxyCountries.DE', message: 'must be a whole number of at least 0' },
        { path: 'vendor.webshare.proxyCountries.FR', message: 'must be a whole number of at least 0' },
      ],
    ],
    ['proxyCountries as a list', { username: 'team-a', vendor: { webshare: { proxyCountries: [] as never } } }, [{ path: 'vendor.webshare.proxyCountries', message: expect.any(String) }]],
    ['an invalid bandwidthUseStartDate', { username: 'team-a', vendor: { webshare: { bandwidthUseStartDate: new Date('nope') } } }, [{ path: 'vendor.webshare.bandwidthUseStartDate', message: 'must be a valid Date' }]],
    ['a bandwidthUseStartDate string', { username: 'team-a', vendor: { webshare: { bandwidthUseStartDate: '2025-01-01' as never } } }, [{ path: 'vendor.webshare.bandwidthUseStartDate', message: 'must be a valid Date' }]],
    ['an unknown Webshare option', { username: 'team-a', vendor: { webshare: { proxyType: 'isp' } as never } }, [{ path: 'vendor.webshare.proxyType', message: 'is not a Webshare option' }]],
    ['Webshare options that are not an object', { username: 'team-a', vendor: { webshare: 'x' as never } }, [{ path: 'vendor.webshare', message: 'must be an object' }]],
  ]
  it.each(refused)('refuses %s on create', async (_name, input, fields) => {
    const { mock, provider } = setup()
    mock.onAny().reply(201, rawSubUser())
    expect(await failure(provider.create(input))).toMatchObject({ kind: 'validation', provider: 'webshare', operation: 'create', retryable: false, fields })
    expect(mock.history).toHaveLength(0)
  })

  it.each(refused)('refuses %s on update', async (_name, input, fields) => {
    const { mock, provider } = setup()
    mock.onAny().reply(200, rawSubUser())
    expect(await failure(provider.update('7', input))).toMatchObject({ kind: 'validation', operation: 'update', fields })
    expect(mock.history).toHaveLength(0)
  })

  it('lists every problem of one input in one error', async () => {
    const { mock, provider } = setup()
    const e = await failure(
      provider.create({ username: '', trafficLimitBytes: 5, vendor: { webshare: { maxThreadCount: -1, proxyCountries: {}, bandwidthUseStartDate: new Date(NaN) } } }),
    )
    expect(e.fields?.map((f) => f.path)).toEqual([
      'username',
      'trafficLimitBytes',
      'vendor.webshare.maxThreadCount',
      'vendor.webshare.proxyCountries',
      'vendor.webshare.bandwidthUseStartDate',
    ])
    expect(e.message).toContain('webshare create: invalid input: username must be 1 to 255 characters')
    expect(mock.history).toHaveLength(0)
  })

  it('accepts the limits of each rule', async () => {
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).reply(201, rawSubUser())
    mock.onPatch(itemUrl(7)).reply(200, rawSubUser())
    await success(provider.create({ username: 'x'.repeat(MAX_LABEL_LENGTH), trafficLimitBytes: MIB, vendor: { webshare: { maxThreadCount: 1, proxyCountries: { ZZ: 0 } } } }))
    await success(provider.update('7', { username: 'a', trafficLimitBytes: gib(1024) }))
    expect(sent(mock).map((r) => r.body)).toEqual([
      `{"label":"${'x'.repeat(255)}","proxy_limit":0.0009765625,"max_thread_count":1,"proxy_countries":{"ZZ":0}}`,
      '{"label":"a","proxy_limit":1024}',
    ])
  })

  it('ignores options addressed to Thordata (it has none)', async () => {
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).reply(201, rawSubUser())
    await success(provider.create({ username: 'team-a', vendor: { thordata: {} } }))
    expect(sent(mock).map((r) => r.body)).toEqual(['{"label":"team-a","proxy_limit":0}'])
  })
})
