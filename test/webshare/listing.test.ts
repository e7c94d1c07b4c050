import { LISTING_ATTEMPTS } from '../../src/listing'
import page1 from '../../providers/webshare/fixtures/list-page-1.json'
import page2 from '../../providers/webshare/fixtures/list-page-2.json'
import page3 from '../../providers/webshare/fixtures/list-page-3.json'
import type { SubUser } from '../../src/domain'
import { SubUserError } from '../../src/errors'
import { plan } from '../../src/manifest/plan'
import { GIB } from '../../src/units'
import { API_KEY, BASE, LIST_URL, expectedRead, failure, rawSubUser, sent, setup, success } from './support'

const PAGE2_URL = 'https://proxy.webshare.io/api/v2/subuser/?page=2&page_size=2'
const PAGE3_URL = 'https://proxy.webshare.io/api/v2/subuser/?page=3&page_size=2'

/** A provider with page_size 2 whose three pages come from the fixtures. */
const threePages = (options: { planId?: number } = {}) => {
  const s = setup({ pageSize: 2, ...options })
  s.mock.onGet(LIST_URL).reply(200, JSON.stringify(page1))
  s.mock.onGet(PAGE2_URL).reply(200, JSON.stringify(page2))
  s.mock.onGet(PAGE3_URL).reply(200, JSON.stringify(page3))
  return s
}

const summary = (users: ReadonlyArray<SubUser>) => users.map((u) => [u.id, u.username, u.trafficLimitBytes, u.trafficUsedBytes])

const emptyPage = (next: string | null = null, count = 0) => ({ count, next, previous: null, results: [] })

describe('webshare list', () => {
  it('reads page 1 with page and page_size, then follows each next link verbatim until it is null', async () => {
    const { mock, provider } = threePages()
    const users = await success(provider.list())
    expect(sent(mock)).toEqual([
      expectedRead('GET', LIST_URL, { page: '1', page_size: '2' }),
      expectedRead('GET', PAGE2_URL, undefined),
      expectedRead('GET', PAGE3_URL, undefined),
    ])
    // Sub-user 2 shows up on pages 1 and 2 (a concurrent write shifted the pages): kept once, as first seen.
    expect(summary(users)).toEqual([
      ['1', 'alpha', GIB, 1024],
      ['2', 'bravo', null, null],
      ['3', 'charlie', GIB / 2, 0],
      ['4', 'delta', 10 * GIB, null],
    ])
    expect(users[1]?.vendor).toMatchObject({ provider: 'webshare', numericId: 2, proxyCountries: { DE: 3 } })
  })

  it('asks for 100 per page by default and adds plan_id to the first page only (next links carry their own query)', async () => {
    const { mock, provider } = setup({ planId: 77 })
    mock.onGet(LIST_URL).reply(200, { ...page1, count: 2, next: `${BASE}/api/v2/subuser/?page=2&page_size=100&plan_id=77` })
    mock.onGet(`${BASE}/api/v2/subuser/?page=2&page_size=100&plan_id=77`).reply(200, emptyPage(null, 2))
    expect(summary(await success(provider.list()))).toEqual([['1', 'alpha', GIB, 1024], ['2', 'bravo', null, null]])
    expect(sent(mock)).toEqual([
      expectedRead('GET', LIST_URL, { page: '1', page_size: '100', plan_id: '77' }),
      expectedRead('GET', `${BASE}/api/v2/subuser/?page=2&page_size=100&plan_id=77`, undefined),
    ])
  })

  it('returns an empty list for an empty account', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, emptyPage())
    expect(await success(provider.list())).toEqual([])
  })

  it('follows a next link on the same origin whatever the case of its scheme and host, sent unchanged', async () => {
    const next = 'HTTPS://Proxy.Webshare.io/api/v2/subuser/?page=2&page_size=100'
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, { ...emptyPage(next, 2), results: [rawSubUser({ id: 6 })] })
    mock.onGet(next).reply(200, { ...emptyPage(null, 2), results: [rawSubUser()] })
    expect(summary(await success(provider.list()))).toEqual([['6', 'team-a', null, null], ['7', 'team-a', null, null]])
    expect(sent(mock)[1]?.url).toBe(next)
  })

  const foreign: ReadonlyArray<[string, string]> = [
    ['another host', 'https://evil.example/api/v2/subuser/?page=2'],
    ['a look-alike host', 'https://proxy.webshare.io.evil.example/api/v2/subuser/?page=2'],
    ['another scheme', 'http://proxy.webshare.io/api/v2/subuser/?page=2'],
    ['another port', 'https://proxy.webshare.io:8443/api/v2/subuser/?page=2'],
    ['user info', 'https://someone:pw@proxy.webshare.io/api/v2/subuser/?page=2'],
    ['a relative link', '/api/v2/subuser/?page=2'],
    ['a protocol-relative link', '//evil.example/api/v2/subuser/?page=2'],
    ['not a URL', 'page 2'],
  ]
  it.each(foreign)('refuses a next link on %s with a vendor error, sending nothing there', async (_name, next) => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, { ...page1, next })
    mock.onAny().reply(200, emptyPage())
    const e = await failure(provider.list())
    expect(e).toMatchObject({ kind: 'vendor', provider: 'webshare', operation: 'list', retryable: false })
    expect(e.message).toBe('webshare list: vendor: the next-page link is not on the API origin; not followed')
    expect(sent(mock).map((r) => r.url)).toEqual([LIST_URL])
    expect(e.message).not.toContain(API_KEY)
  })

  it('reads the listing again when a next page no longer exists (DRF\'s 404 "Invalid page." after deletes), and keeps the second reading', async () => {
    const { mock, provider } = setup()
    // First reading: page 1 points to page 2, which deletes have since removed; second reading: one page.
    mock.onGet(LIST_URL).replyOnce(200, { ...page1, count: 3, next: PAGE2_URL })
    mock.onGet(PAGE2_URL).replyOnce(404, { detail: 'Invalid page.' })
    mock.onGet(LIST_URL).replyOnce(200, { ...page1, count: 2, next: null })
    expect(summary(await success(provider.list()))).toEqual([['1', 'alpha', GIB, 1024], ['2', 'bravo', null, null]])
    expect(mock.history.get).toHaveLength(3)
  })

  it('maps a 404 while following next, on every reading, to vendor (not not_found), naming the vanished page', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, { ...page1, next: PAGE2_URL })
    mock.onGet(PAGE2_URL).reply(404, { detail: 'Invalid page.' })
    expect(await failure(provider.list())).toMatchObject({
      kind: 'vendor',
      operation: 'list',
      message: 'webshare list: incomplete listing: the next page no longer exists (HTTP 404): sub-users were deleted while the listing was read',
    })
    expect(mock.history.get).toHaveLength(2 * LISTING_ATTEMPTS)
  })

  it('maps a 404 on the first page (a wrong base URL) to vendor too', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(404, '<html>Not Found</html>')
    expect(await failure(provider.list())).toMatchObject({ kind: 'vendor', status: 404 })
  })

  it('stops with a vendor error when a next link leads back to a page already read', async () => {
    const { mock, provider } = setup({ pageSize: 2 })
    mock.onGet(LIST_URL).reply(200, page1)
    mock.onGet(PAGE2_URL).reply(200, { ...page2, next: PAGE2_URL })
    const e = await failure(provider.list())
    expect(e).toMatchObject({ kind: 'vendor', operation: 'list', message: 'webshare list: vendor: the next-page link points to a page already read' })
    expect(sent(mock).map((r) => r.url)).toEqual([LIST_URL, PAGE2_URL])
  })

  it('fails the whole list, never truncates it, when a later page fails (retryable: a GET)', async () => {
    const { mock, provider } = setup({ pageSize: 2 })
    mock.onGet(LIST_URL).reply(200, page1)
    mock.onGet(PAGE2_URL).reply(503, 'upstream unavailable')
    expect(await failure(provider.list())).toMatchObject({ kind: 'vendor', status: 503, retryable: true, message: 'webshare list: vendor (HTTP 503): upstream unavailable' })
  })

  it('reports a malformed sub-user on a page as a decode error naming its path', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, { ...emptyPage(null, 2), results: [rawSubUser(), rawSubUser({ label: 12 })] })
    expect(await failure(provider.list())).toMatchObject({ kind: 'decode', operation: 'list', fields: [{ path: 'results.1.label', message: 'expected string' }] })
  })
})

describe('webshare listings that cannot be complete', () => {
  it('a next link that varies its query over the same ids stops at the second page, for list and iterate', async () => {
    const { mock, provider } = setup()
    let n = 1
    mock.onGet(/\/api\/v2\/subuser\//).reply(() => [200, { count: 1, next: `${BASE}/api/v2/subuser/?page=${++n}&page_size=100`, previous: null, results: [rawSubUser()] }])
    expect(await failure(provider.list())).toMatchObject({ kind: 'vendor', operation: 'list', message: expect.stringContaining('incomplete listing') })
    // Two pages a reading; an incomplete listing is read again, LISTING_ATTEMPTS times in all.
    expect(mock.history).toHaveLength(2 * LISTING_ATTEMPTS)
    const seen: string[] = []
    await expect((async () => { for await (const u of provider.iterate()) seen.push(u.id) })()).rejects.toMatchObject({ kind: 'vendor' })
    expect(seen).toEqual(['7'])
  })

  it('a listing that ends short of its count is a vendor error, and plan creates nothing from it', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, { count: 50, next: null, previous: null, results: [rawSubUser()] })
    expect(await failure(provider.list())).toMatchObject({ kind: 'vendor', message: expect.stringContaining('short of the 50') })
    const planned = await plan(provider, [{ username: 'team-a' }, { username: 'team-b' }])()
    expect(planned).toMatchObject({ _tag: 'Left', left: { kind: 'vendor', operation: 'list' } })
    expect(mock.history.post ?? []).toHaveLength(0)
  })

  it('maxListPages bounds the pages (and is checked at construction)', async () => {
    const { mock, provider } = setup({ maxListPages: 2 })
    let n = 0
    mock.onGet(/\/api\/v2\/subuser\//).reply(() => [200, { next: `${BASE}/api/v2/subuser/?page=${++n + 1}&page_size=100`, previous: null, results: [rawSubUser({ id: n })] }])
    expect(await failure(provider.list())).toMatchObject({ kind: 'vendor', message: expect.stringContaining('maxListPages (2)') })
    expect(mock.history).toHaveLength(2)
    for (const maxListPages of [0, 1.5, -3, Number.NaN]) {
      expect(() => setup({ maxListPages })).toThrow(expect.objectContaining({ kind: 'validation', fields: [{ path: 'maxListPages', message: 'must be a whole number of at least 1' }] }))
    }
  })
})

describe('webshare iterate', () => {
  it('streams page by page: page 2 is requested only once page 1 has been consumed; each id once, as list does', async () => {
    const { mock, provider } = threePages()
    const iterator = provider.iterate()[Symbol.asyncIterator]()
    const first = await iterator.next()
    expect(first).toMatchObject({ done: false, value: { id: '1', username: 'alpha' } })
    expect(mock.history).toHaveLength(1)
    expect(await iterator.next()).toMatchObject({ done: false, value: { id: '2', username: 'bravo' } })
    expect(mock.history).toHaveLength(1)
    // Sub-user 2 shows up again on page 2: skipped, as list skips it.
    expect(await iterator.next()).toMatchObject({ done: false, value: { id: '3' } })
    expect(sent(mock).map((r) => r.url)).toEqual([LIST_URL, PAGE2_URL])
    const rest: string[] = []
    for (let r = await iterator.next(); r.done !== true; r = await iterator.next()) rest.push(r.value.id)
    expect(rest).toEqual(['4'])
    expect(mock.history).toHaveLength(3)
  })

  it('yields the items it has, then throws a SubUserError when a next link is off origin', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, { ...page1, next: 'https://evil.example/?page=2' })
    const seen: string[] = []
    let thrown: unknown
    try {
      for await (const u of provider.iterate()) seen.push(u.id)
    } catch (e) {
      thrown = e
    }
    expect(seen).toEqual(['1', '2'])
    expect(SubUserError.is(thrown)).toBe(true)
    expect(thrown).toMatchObject({ kind: 'vendor', operation: 'list' })
    expect(mock.history).toHaveLength(1)
  })
})
