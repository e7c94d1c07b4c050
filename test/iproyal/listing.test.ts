/**
 * IPRoyal's pagination (vendor sheet §6.11): `per_page=100` asked and never trusted, pages
 * followed on `meta` until `current_page ≥ last_page` or an empty page, sub-users kept once by
 * hash, and a page without `meta` a decode error.
 */
import { LIST_URL, calls, failure, rawPage, rawSubUser, sent, setup, success } from './support'

/** A 26-character hash ending in the number n. */
const hashOf = (n: number) => `01HQ5K3P97DY8EX9Y90YT${String(n).padStart(5, '0')}`
const user = (n: number) => rawSubUser({ id: n, hash: hashOf(n), username: `user_${n}` })
const pageParams = (page: number) => ({ page: String(page), per_page: '100' })

describe('iproyal listing', () => {
  it('follows pages on meta, whatever per_page is echoed, and asks per_page=100 on each', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL, { params: pageParams(1) }).reply(200, rawPage([user(1), user(2)], { current_page: 1, last_page: 3, per_page: 2, total: 5 }))
    mock.onGet(LIST_URL, { params: pageParams(2) }).reply(200, rawPage([user(3), user(4)], { current_page: 2, last_page: 3, per_page: 2, total: 5 }))
    mock.onGet(LIST_URL, { params: pageParams(3) }).reply(200, rawPage([user(5)], { current_page: 3, last_page: 3, per_page: 2, total: 5 }))
    const users = await success(provider.list())
    expect(users.map((u) => u.username)).toEqual(['user_1', 'user_2', 'user_3', 'user_4', 'user_5'])
    expect(sent(mock).map((r) => r.params)).toEqual([pageParams(1), pageParams(2), pageParams(3)])
  })

  it('keeps each hash once when pages shift under a concurrent create', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL, { params: pageParams(1) }).reply(200, rawPage([user(1), user(2)], { current_page: 1, last_page: 2, total: 3 }))
    mock.onGet(LIST_URL, { params: pageParams(2) }).reply(200, rawPage([user(2), user(3)], { current_page: 2, last_page: 2, total: 3 }))
    expect((await success(provider.list())).map((u) => u.id)).toEqual([hashOf(1), hashOf(2), hashOf(3)])
  })

  it('stops at an empty page, even when meta says there are more', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL, { params: pageParams(1) }).reply(200, rawPage([user(1)], { current_page: 1, last_page: 2 }))
    mock.onGet(LIST_URL, { params: pageParams(2) }).reply(200, rawPage([], { current_page: 2, last_page: 4 }))
    expect((await success(provider.list())).map((u) => u.id)).toEqual([hashOf(1)])
    expect(calls(mock)).toHaveLength(2)
  })

  it('stops when current_page reaches last_page', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL, { params: pageParams(1) }).reply(200, rawPage([user(1)], { current_page: 1, last_page: 1 }))
    expect(await success(provider.list())).toHaveLength(1)
    expect(calls(mock)).toHaveLength(1)
  })

  it('fails as decode, never stopping early, on a page without meta', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL, { params: pageParams(1) }).reply(200, rawPage([user(1)], { current_page: 1, last_page: 2 }))
    mock.onGet(LIST_URL, { params: pageParams(2) }).reply(200, { data: [user(2)] })
    expect(await failure(provider.list())).toMatchObject({ kind: 'decode', operation: 'list', fields: [expect.objectContaining({ path: 'meta' })] })
  })

  it('refuses a vendor that serves page 1 again for every page, instead of looping', async () => {
    const { mock, provider } = setup({ maxListPages: 50 })
    mock.onGet(LIST_URL).reply(200, rawPage([user(1)], { current_page: 1, last_page: 9 }))
    expect(await failure(provider.list())).toMatchObject({ kind: 'vendor', message: expect.stringContaining('incomplete listing') })
  })

  it('holds the listing to meta.total', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, rawPage([user(1)], { current_page: 1, last_page: 1, total: 2 }))
    expect(await failure(provider.list())).toMatchObject({ kind: 'vendor', message: expect.stringContaining('short of the 2') })
  })

  it('iterates page by page with the same results', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL, { params: pageParams(1) }).reply(200, rawPage([user(1)], { current_page: 1, last_page: 2, total: 2 }))
    mock.onGet(LIST_URL, { params: pageParams(2) }).reply(200, rawPage([user(2)], { current_page: 2, last_page: 2, total: 2 }))
    const seen: string[] = []
    for await (const u of provider.iterate()) seen.push(u.username)
    expect(seen).toEqual(['user_1', 'user_2'])
  })
})
