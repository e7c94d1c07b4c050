import * as E from 'fp-ts/Either'
import { parseManifest, manifestText } from 'proxy-subusers/manifest'
import { VENDORS } from '../../providers/vendors'
import { GIB, MIB } from '../../src/units'

/** The vendors a manifest may name, as its messages list them. */
const KNOWN = VENDORS.map((v) => v.id).join(', ')

const problemsOf = (text: string, env: Record<string, string> = {}) => {
  const r = parseManifest(text, env)
  if (E.isRight(r)) throw new Error('expected problems')
  return r.left
}

describe('parseManifest', () => {
  it('reads YAML: sizes in bytes, unlimited as null, vendor settings typed, order kept', () => {
    const r = parseManifest(
      `thordata:
  - username: alice001
    trafficLimit: 500MiB
    status: disabled
  - username: bob00002
    trafficLimit: unlimited
webshare:
  - username: team-a
    trafficLimit: 10GB
    vendor:
      webshare: { maxThreadCount: 50, proxyCountries: { US: 10 }, bandwidthUseStartDate: '2026-01-01T00:00:00Z' }
  - username: team-b
    trafficLimit: 1073741824
`,
      {},
    )
    expect(r).toEqual(
      E.right({
        wanted: {
          thordata: [
            { username: 'alice001', trafficLimitBytes: 500 * MIB, status: 'disabled' },
            { username: 'bob00002', trafficLimitBytes: null },
          ],
          webshare: [
            { username: 'team-a', trafficLimitBytes: 10 * GIB, vendor: { webshare: { maxThreadCount: 50, proxyCountries: { US: 10 }, bandwidthUseStartDate: new Date('2026-01-01T00:00:00Z') } } },
            { username: 'team-b', trafficLimitBytes: GIB },
          ],
        },
        secrets: [],
        warnings: [],
      }),
    )
  })

  it('reads JSON the same way', () => {
    expect(parseManifest('{"webshare":[{"username":"team-a","trafficLimit":"2GiB"}]}', {})).toEqual(
      E.right({ wanted: { webshare: [{ username: 'team-a', trafficLimitBytes: 2 * GIB }] }, secrets: [], warnings: [] }),
    )
  })

  it('takes ${NAME} values from the environment and lists them, and every password, as secrets', () => {
    const r = parseManifest('thordata:\n  - username: ${USER_NAME}\n    password: ${ALICE_PASSWORD}\n  - username: bob00002\n    password: Literal123\n', {
      USER_NAME: 'alice001',
      ALICE_PASSWORD: 'Secret123x',
    })
    expect(E.isRight(r) && r.right.wanted.thordata).toEqual([
      { username: 'alice001', password: 'Secret123x' },
      { username: 'bob00002', password: 'Literal123' },
    ])
    expect(E.isRight(r) && [...r.right.secrets].sort()).toEqual(['Literal123', 'Secret123x', 'alice001'])
  })

  it('reports every problem at once, with paths and plain messages that never repeat a value', () => {
    const problems = problemsOf(
      `thordata:
  - username: alice001
    password: \${MISSING_PASSWORD}
    trafficLimit: -5MiB
    colour: blue
  - username: 42
    status: paused
  - username: bob00002
    trafficLimit: 1GiB
    trafficLimitBytes: 1024
    password: pre-\${HALF}
webshare:
  - username: team-a
    trafficLimit: 1.5B
    vendor:
      webshare: { bandwidthUseStartDate: 'not-a-date' }
      other: {}
extra: []
`,
    )
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'thordata[0].password', message: 'is ${MISSING_PASSWORD}, but MISSING_PASSWORD is not set' },
        { path: 'thordata[0].colour', message: 'is not a known key (known: username, password, status, trafficLimit, trafficLimitBytes, vendor)' },
        { path: 'thordata[2].password', message: 'can only be a ${NAME} as a whole value' },
        { path: 'webshare[0].vendor.other', message: `is not a known key (known: ${KNOWN})` },
        { path: 'extra', message: `is not a known key (known: ${KNOWN})` },
        { path: 'thordata[1].username', message: 'expected string' },
        { path: 'thordata[1].status', message: 'expected "active" | "disabled"' },
        // Sizes and dates are checked even though the shape is wrong elsewhere: every problem in one run.
        { path: 'thordata[0].trafficLimit', message: 'must not be negative' },
        { path: 'webshare[0].trafficLimit', message: 'is 1.5 B: not a whole number of bytes' },
        { path: 'webshare[0].vendor.webshare.bandwidthUseStartDate', message: 'expected an ISO date such as 2026-01-01T00:00:00Z' },
      ]),
    )
    expect(JSON.stringify(problems)).not.toMatch(/blue|paused|pre-/)
  })

  it('reports size, date and duplicate-limit problems once the shape is right', () => {
    const problems = problemsOf(`thordata:
  - username: alice001
    trafficLimit: -5MiB
  - username: bob00002
    trafficLimit: 1GiB
    trafficLimitBytes: 1024
webshare:
  - username: team-a
    trafficLimit: 1.5B
    vendor:
      webshare: { bandwidthUseStartDate: 'not-a-date' }
`)
    expect(problems).toEqual([
      { path: 'thordata[0].trafficLimit', message: 'must not be negative' },
      { path: 'thordata[1].trafficLimit', message: 'and trafficLimitBytes say the same thing: keep one' },
      { path: 'webshare[0].trafficLimit', message: 'is 1.5 B: not a whole number of bytes' },
      { path: 'webshare[0].vendor.webshare.bandwidthUseStartDate', message: 'expected an ISO date such as 2026-01-01T00:00:00Z' },
    ])
  })

  it('suggests the key a misspelt one meant, at every level (vendor settings included)', () => {
    const problems = problemsOf(`thordata:
  - username: alice001
    trafficlimit: 500MiB
    stauts: active
webshare:
  - username: team-a
    vendor:
      webshare: { maxThreadCont: 5, proxycountries: { US: 1 }, wholly: 1 }
webshar: []
`)
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'thordata[0].trafficlimit', message: 'is not a known key: did you mean trafficLimit? (known: username, password, status, trafficLimit, trafficLimitBytes, vendor)' },
        { path: 'thordata[0].stauts', message: 'is not a known key: did you mean status? (known: username, password, status, trafficLimit, trafficLimitBytes, vendor)' },
        { path: 'webshare[0].vendor.webshare.maxThreadCont', message: 'is not a known key: did you mean maxThreadCount? (known: maxThreadCount, proxyCountries, bandwidthUseStartDate)' },
        { path: 'webshare[0].vendor.webshare.proxycountries', message: 'is not a known key: did you mean proxyCountries? (known: maxThreadCount, proxyCountries, bandwidthUseStartDate)' },
        { path: 'webshare[0].vendor.webshare.wholly', message: 'is not a known key (known: maxThreadCount, proxyCountries, bandwidthUseStartDate)' },
        { path: 'webshar', message: `is not a known key: did you mean webshare? (known: ${KNOWN})` },
      ]),
    )
    expect(problems).toHaveLength(6)
  })

  it('warns, naming ${VAR}, about a password written in the file; a ${NAME} password gets no warning', () => {
    const r = parseManifest('thordata:\n  - username: alice001\n    password: Literal123\n  - username: bob00002\n    password: ${BOB_PW}\n', { BOB_PW: 'Secret123x' })
    expect(E.isRight(r) && r.right.warnings).toEqual([
      {
        path: 'thordata[0].password',
        message: 'is written in the file, where anyone who reads it sees it: write password: ${ALICE001_PASSWORD} and set ALICE001_PASSWORD in the environment',
      },
    ])
    expect(JSON.stringify(E.isRight(r) && r.right.warnings)).not.toContain('Literal123')
  })

  it('returns a YAML alias bomb as a problem instead of throwing or expanding it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]']
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f', 'g'].entries()) {
      const previous = String.fromCharCode('a'.charCodeAt(0) + i)
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`)
    }
    const started = Date.now()
    const r = parseManifest(`${levels.join('\n')}\n`, {})
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(r).toEqual(E.left([{ path: '(manifest)', message: 'expands YAML aliases more than 100 times: refused as a resource-exhaustion attack ("billion laughs")' }]))
  })

  it('reports YAML syntax errors by line and column, without the text', () => {
    const problems = problemsOf('thordata:\n  - username: alice001\n    password: Hunter2x: oops\n')
    expect(problems[0]?.path).toMatch(/^line 3, column \d+$/)
    expect(JSON.stringify(problems)).not.toContain('Hunter2x')
  })

  it('refuses an empty manifest and one that names no provider', () => {
    expect(problemsOf('')).toEqual([{ path: '(manifest)', message: `is empty: name at least one provider (${KNOWN})` }])
    expect(problemsOf('{}')).toEqual([{ path: '(manifest)', message: `names no provider (${KNOWN})` }])
    expect(problemsOf('- a\n- b\n')).toEqual([{ path: '(manifest)', message: 'expected a mapping of provider ids to lists of sub-users' }])
    expect(problemsOf('thordata: alice001\nwebshare:\n  - team-a\n')).toEqual([
      { path: 'thordata', message: 'expected a list of sub-users' },
      { path: 'webshare[0]', message: 'expected a sub-user (a mapping with a username)' },
    ])
  })
})

describe('manifestText', () => {
  it('writes a manifest that reads back to the same wanted sub-users, passwords left out', () => {
    const wanted = [
      { username: 'team-a', trafficLimitBytes: 10 * GIB, vendor: { webshare: { maxThreadCount: 50, proxyCountries: { US: 10 } } } },
      { username: 'team-b', trafficLimitBytes: null },
      { username: 'alice001', password: 'Secret123x', status: 'disabled' as const, trafficLimitBytes: 500 * MIB },
    ]
    const text = manifestText('webshare', wanted)
    expect(text).not.toContain('Secret123x')
    expect(text).toContain('trafficLimit: 10GiB')
    expect(parseManifest(text, {})).toEqual(
      E.right({ wanted: { webshare: [wanted[0], wanted[1], { username: 'alice001', status: 'disabled', trafficLimitBytes: 500 * MIB }] }, secrets: [], warnings: [] }),
    )
  })
})
