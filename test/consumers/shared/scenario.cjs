/**
 * What every JavaScript consumer project runs once it has loaded the package its own way: the
 * README's Quick start (Promise style, then TaskEither style), against a sandbox it starts itself.
 * Each module is handed in, so the ES module and the CommonJS project share the checks while
 * each loads the package through its own condition.
 */
const assert = require('node:assert/strict')

exports.run = async function run({ core, thordata, webshare, sandbox, fp }) {
  const { TE, E, pipe, t } = fp
  // One copy of io-ts: the package's codecs are instances of the app's io-ts classes, and decode
  // with the app's Either.
  assert.ok(webshare.WebshareSubUser instanceof t.Type, "the package's codecs come from the app's io-ts")
  assert.ok(E.isLeft(webshare.WebshareSubUser.decode(null)), "the package's codecs answer with the app's Either")
  const box = await sandbox.startSandbox()
  try {
    const env = {
      THORDATA_TOKEN: box.thordata.token,
      THORDATA_KEY: box.thordata.key,
      THORDATA_BASE_URL: box.thordata.baseURL,
      WEBSHARE_API_KEY: box.webshare.apiKey,
      WEBSHARE_BASE_URL: box.webshare.baseURL,
    }
    // Promise style
    const td = core.toPromises(thordata.createThordataProvider({ token: env.THORDATA_TOKEN, key: env.THORDATA_KEY, baseURL: env.THORDATA_BASE_URL }))
    const ws = core.toPromises(webshare.createWebshareProvider({ apiKey: env.WEBSHARE_API_KEY, baseURL: env.WEBSHARE_BASE_URL }))
    const alice = await td.create({ username: 'alice001', trafficLimitBytes: core.mib(500) })
    const changed = await td.update(alice.id, { password: 'Newpass123' })
    assert.equal(changed.trafficLimitBytes, core.mib(500), 'a partial update keeps the limit')
    assert.equal(changed.password.reveal(), 'Newpass123')
    assert.equal(String(changed.password), '[REDACTED]')
    const team = await ws.create({ username: 'team-a', trafficLimitBytes: core.gib(10) })
    const names = []
    for await (const user of ws.iterate()) names.push(user.username)
    assert.deepEqual(names, ['team-a'])
    const missing = await ws.get('999999').then(() => null, (e) => e)
    assert.ok(core.SubUserError.is(missing) && missing instanceof core.SubUserError, 'a SubUserError')
    assert.equal(missing.kind, 'not_found')

    // TaskEither style, through the same fp-ts the app has
    const p = thordata.createThordataProvider({ token: env.THORDATA_TOKEN, baseURL: env.THORDATA_BASE_URL, proxyType: 'residential' })
    const result = await pipe(
      p.create({ username: 'bob0002', trafficLimitBytes: core.mib(200) }),
      TE.flatMap((u) => p.update(u.id, { status: 'disabled' })),
      TE.flatMap((u) => p.refresh(u.id)),
    )()
    assert.ok(E.isRight(result), 'the TaskEither program succeeds')
    assert.equal(result.right.status, 'disabled')
    const w = webshare.createWebshareProvider({ apiKey: env.WEBSHARE_API_KEY, baseURL: env.WEBSHARE_BASE_URL })
    const renewed = await pipe(
      w.create({ username: 'team-b', trafficLimitBytes: core.gib(10), vendor: { webshare: { proxyCountries: { US: 10 }, maxThreadCount: 50 } } }),
      TE.flatMap((u) => w.refresh(u.id)),
      TE.map((u) => (u.vendor.provider === 'webshare' ? u.vendor.proxyCountries : null)),
    )()
    assert.ok(E.isRight(renewed), 'the Webshare refresh succeeds')
    assert.deepEqual(renewed.right, { US: 10 })
    assert.notEqual(team.id, undefined)
  } finally {
    await box.close()
  }
}
