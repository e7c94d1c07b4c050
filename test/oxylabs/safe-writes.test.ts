/**
 * Oxylabs' safe writes (vendor sheet §5, §6.7, §6.8): a create is never sent twice, a PATCH
 * that answered 200 without applying is caught, writes left without an answer are read back.
 * `timeoutMs` is small: the settling wait before concluding "not applied" is two of them.
 */
import { LIST_URL, expectedRead, expectedWrite, failure, itemUrl, mainRow, mockLogin, row, sent, setup, success } from './support'

const fast = { timeoutMs: 20, retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 1 } }

describe('oxylabs create left without an answer', () => {
  it.each(['timeout', 'networkError'] as const)('after a %s, adopts the sub-user the list now shows: one POST', async (fault) => {
    const { mock, provider } = setup(fast)
    mockLogin(mock)
    mock.onGet(LIST_URL).replyOnce(200, [mainRow()]).onGet(LIST_URL).reply(200, [mainRow(), row({ id: 42 })])
    if (fault === 'timeout') mock.onPost(LIST_URL).timeoutOnce()
    else mock.onPost(LIST_URL).networkErrorOnce()
    const user = await success(provider.create({ username: 'team_a', password: 'Strong_Password#209' }))
    expect(user).toMatchObject({ id: '42', username: 'team_a' })
    expect(user.password?.reveal()).toBe('Strong_Password#209')
    expect(mock.history.post.filter((c) => c.url === LIST_URL)).toHaveLength(1)
  })

  it('never sends it again when it is not there: after the settling wait and a second reading, the error is returned marked retryable', async () => {
    const { mock, provider } = setup(fast)
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [mainRow()])
    mock.onPost(LIST_URL).reply(503, { error: 'busy' })
    const e = await failure(provider.create({ username: 'team_a', password: 'Strong_Password#209' }))
    expect(e).toMatchObject({ kind: 'vendor', status: 503, retryable: true, message: 'oxylabs create: vendor (HTTP 503, code 503): busy; read back twice since: it was not applied, and may be sent again' })
    expect(sent(mock).slice(1)).toEqual([
      expectedRead(LIST_URL),
      expectedWrite('POST', LIST_URL, '{"username":"team_a","password":"Strong_Password#209","traffic_limit":null}'),
      expectedRead(LIST_URL),
      expectedRead(LIST_URL),
    ])
  })

  it('adopts a create applied late, seen by the second reading', async () => {
    const { mock, provider } = setup(fast)
    mockLogin(mock)
    mock.onGet(LIST_URL).replyOnce(200, []).onGet(LIST_URL).replyOnce(200, []).onGet(LIST_URL).reply(200, [row()])
    mock.onPost(LIST_URL).networkError()
    expect((await success(provider.create({ username: 'team_a' }))).id).toBe('12345')
    expect(mock.history.post.filter((c) => c.url === LIST_URL)).toHaveLength(1)
  })

  it('returns the original error when the reading fails too', async () => {
    const { mock, provider } = setup({ ...fast, retry: false })
    mockLogin(mock)
    mock.onGet(LIST_URL).replyOnce(200, []).onGet(LIST_URL).reply(500, { error: 'down' })
    mock.onPost(LIST_URL).networkError()
    expect(await failure(provider.create({ username: 'team_a' }))).toMatchObject({ kind: 'network', retryable: false, message: expect.stringContaining('it may have been applied') })
  })
})

describe('oxylabs update verification', () => {
  it('catches a PATCH answered 200 but not applied: vendor "update not applied", with both values', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [row({ traffic_limit: 1, status: 'active' })])
    mock.onPatch(itemUrl(12345)).reply(200, '')
    expect(await failure(provider.update('12345', { trafficLimitBytes: 2 * 1024 ** 3, status: 'disabled' }))).toMatchObject({
      kind: 'vendor',
      operation: 'update',
      retryable: false,
      fields: [
        { path: 'traffic_limit', message: 'sent 2, listed 1' },
        { path: 'status', message: 'sent "disabled", listed "active"' },
      ],
      message: 'oxylabs update: update not applied: Oxylabs answered 200, but sub-user 12345 lists traffic_limit 1 (sent 2), status "active" (sent "disabled")',
    })
    expect(mock.history.patch).toHaveLength(1)
  })

  it('catches settings not applied too', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [row({ auto_disable: false, lifetime: false })])
    mock.onPatch(itemUrl(12345)).reply(200, '')
    expect(await failure(provider.update('12345', { vendor: { oxylabs: { autoDisable: true, lifetime: true } } }))).toMatchObject({ fields: [{ path: 'lifetime' }, { path: 'auto_disable' }] })
  })

  it('retries a PATCH that met a lost connection or a 5xx (absolute values), then checks it', async () => {
    const { mock, provider } = setup(fast)
    mockLogin(mock)
    mock.onGet(LIST_URL).replyOnce(200, [row()]).onGet(LIST_URL).reply(200, [row({ traffic_limit: 3 })])
    mock.onPatch(itemUrl(12345)).networkErrorOnce().onPatch(itemUrl(12345)).replyOnce(502, { error: 'gateway' }).onPatch(itemUrl(12345)).reply(200, '')
    expect((await success(provider.update('12345', { trafficLimitBytes: 3 * 1024 ** 3 }))).trafficLimitBytes).toBe(3 * 1024 ** 3)
    expect(mock.history.patch).toHaveLength(3)
  })

  it('a PATCH still without an answer after its retries is read back: applied, it is not sent again', async () => {
    const { mock, provider } = setup({ ...fast, retry: false })
    mockLogin(mock)
    mock.onGet(LIST_URL).replyOnce(200, [row()]).onGet(LIST_URL).reply(200, [row({ status: 'disabled' })])
    mock.onPatch(itemUrl(12345)).timeout()
    expect((await success(provider.update('12345', { status: 'disabled' }))).status).toBe('disabled')
    expect(mock.history.patch).toHaveLength(1)
  })
})

describe('oxylabs delete left without an answer', () => {
  it('is done when the stats path no longer knows the id, and sent again after the settling wait when it still does', async () => {
    const { mock, provider } = setup({ ...fast, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1 } })
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [mainRow()])
    mock.onDelete(itemUrl(7)).networkErrorOnce()
    mock.onGet(itemUrl(7)).reply(404, { error: 'Resource not found' })
    expect(await success(provider.delete('7'))).toBeUndefined()
    expect(mock.history.delete).toHaveLength(1)

    mock.onDelete(itemUrl(8)).timeoutOnce().onDelete(itemUrl(8)).reply(204)
    mock.onGet(itemUrl(8)).reply(200, { traffic: 0, traffic_by_period: {} })
    expect(await success(provider.delete('8'))).toBeUndefined()
    expect(mock.history.delete.filter((c) => c.url === itemUrl(8))).toHaveLength(2)
  })
})
