/**
 * Random passwords and targets (fast-check), against strict mocks: no printing of an access
 * shows its password, and no error of `access` shows the password or the target's session id,
 * even when the vendor echoes them back.
 */
import * as fc from 'fast-check'
import { inspect } from 'node:util'
import { everything as webshareEverything, setup as webshareSetup, failure as webshareFailure, BASE as WEBSHARE } from './webshare/support'
import { LIST_URL, failure, rawUser, setup, success, userListReply } from './thordata/support'

const ALNUM = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789']
const proxyPassword = fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 8, maxLength: 32 })
const thordataPassword = fc.tuple(fc.constantFrom(...ALNUM.slice(0, 52)), fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 7, maxLength: 14 })).map(([a, b]) => `${a}${b}`)
const sessionId = fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 6, maxLength: 24 })

it('a Thordata access prints its password nowhere but in reveal(), and an echoing vendor error shows neither it nor the session id', async () => {
  await fc.assert(
    fc.asyncProperty(thordataPassword, sessionId, async (pw, id) => {
      const { mock, provider } = setup()
      mock.onGet(LIST_URL).replyOnce(200, userListReply([rawUser({ username: 'alice01', password: pw })]))
      const a = await success(provider.access('alice01', { session: { id, minutes: 5 } }))
      expect(a.password?.reveal()).toBe(pw)
      for (const printed of [JSON.stringify(a), inspect(a, { depth: 6 }), String(a.url), `${a.password}`]) expect(printed).not.toContain(pw)
      mock.onGet(LIST_URL).replyOnce(200, { code: 10000, msg: `bad session ${id} for ${pw}`, data: {} })
      const e = await failure(provider.access('alice01', { session: { id } }))
      const shown = [e.message, JSON.stringify(e), inspect(e), e.stack ?? ''].join('\n')
      expect(shown).not.toContain(id)
      mock.reset()
    }),
    { numRuns: 60 },
  )
})

it('a Webshare proxy password echoed by a failing proxy-list page never shows in the error', async () => {
  await fc.assert(
    fc.asyncProperty(proxyPassword, fc.constantFrom(400, 403, 500, 503), async (pw, status) => {
      const { mock, provider } = webshareSetup()
      mock.onGet(`${WEBSHARE}/api/v2/proxy/config/`).reply(200, { username: 'xkqzjhpt', password: pw })
      mock.onGet(`${WEBSHARE}/api/v2/proxy/list/`).reply(status, status >= 500 ? `upstream said ${pw}` : { detail: `nope ${pw}`, [pw]: [pw] })
      const e = await webshareFailure(provider.access('42'))
      expect(webshareEverything(e)).not.toContain(pw)
    }),
    { numRuns: 60 },
  )
})

it('a malformed target never shows its values in the validation error', async () => {
  const { provider } = setup()
  // Each holds a sign no message has, so that finding it in one is a leak, never a coincidence.
  const word = fc.string({ minLength: 3, maxLength: 20 }).map((s) => `${s.slice(0, 2)}§${s.slice(2)}`)
  await fc.assert(
    fc.asyncProperty(word, word, word, async (country, id, protocol) => {
      const e = await failure(provider.access('alice01', { country, session: { id }, protocol: protocol as 'http' }))
      expect(e.kind).toBe('validation')
      const shown = [e.message, JSON.stringify(e)].join('\n')
      for (const value of [country, id, protocol]) expect(shown).not.toContain(value)
    }),
    { numRuns: 80 },
  )
})
