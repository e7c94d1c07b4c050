/**
 * What the decode + map benchmark runs (bench/decode-map.ts bundles this module, as tsup
 * bundles the package, and loads the bundle): each vendor's replies of 100,000 records as the
 * vendor sends them (Webshare and IPRoyal: 1,000 pages of 100; Thordata and Oxylabs: one
 * reply), and its codec and mapper applied to one parsed reply.
 */
import * as E from 'fp-ts/Either'
import { decodeWith } from '../src/decode'
import { IPRoyalSubUserPage } from '../providers/iproyal/codecs'
import iproyalSubUser from '../providers/iproyal/fixtures/subuser.json'
import { toSubUser as iproyalToSubUser } from '../providers/iproyal/mapping'
import { OxylabsSubUserList } from '../providers/oxylabs/codecs'
import oxylabsList from '../providers/oxylabs/fixtures/list.json'
import { toSubUser as oxylabsToSubUser } from '../providers/oxylabs/mapping'
import { ThordataReply, ThordataUserList } from '../providers/thordata/codecs'
import thordataList from '../providers/thordata/fixtures/user-list.json'
import { toSubUser as thordataToSubUser } from '../providers/thordata/mapping'
import { WebshareSubUserPage } from '../providers/webshare/codecs'
import webshareSubUser from '../providers/webshare/fixtures/subuser.json'
import { toSubUser as webshareToSubUser } from '../providers/webshare/mapping'

/** Records in each vendor's replies, all pages together. */
export const RECORDS = 100_000
const WEBSHARE_PAGE = 100
const IPROYAL_PAGE = 100

/** A date-time `n` seconds after `base`, written as Webshare writes them (microseconds, an offset). */
const secondsAfter = (base: string, n: number) => `${new Date(Date.parse(base) + n * 1000).toISOString().slice(0, 19)}.123456-07:00`

/** The fixture as the n-th sub-user: its own id, label and date-times, as a real listing has. */
const webshareRecord = (n: number) => ({
  ...webshareSubUser,
  id: n + 1,
  label: `customer${n}`,
  created_at: secondsAfter('2025-04-01T10:00:00Z', n),
  updated_at: secondsAfter('2025-05-01T10:00:00Z', n),
  aggregate_stats: { ...webshareSubUser.aggregate_stats, last_request_sent_at: secondsAfter('2025-06-01T10:00:00Z', n) },
})

/** Webshare's replies: 1,000 pages of 100 records made from the fixture. */
const webshareTexts = (): string[] =>
  Array.from({ length: RECORDS / WEBSHARE_PAGE }, (_, p) =>
    JSON.stringify({
      count: RECORDS,
      next: null,
      previous: null,
      results: Array.from({ length: WEBSHARE_PAGE }, (_, i) => webshareRecord(p * WEBSHARE_PAGE + i)),
    }),
  )

/** Thordata's reply: one list of 100,000 users made from the fixture. */
const thordataTexts = (): string[] => {
  const [user] = thordataList.data.list
  const list = Array.from({ length: RECORDS }, (_, i) => ({ ...user, username: `user${String(i).padStart(6, '0')}` }))
  return [JSON.stringify({ code: 200, msg: 'ok', data: { limit: RECORDS, remaining_limit: 0, user_count: RECORDS, list } })]
}

const [oxylabsMain, oxylabsRow] = oxylabsList

/** The fixture's listed sub-user as the n-th (the 0th the main user, as Oxylabs lists it first): its own id, username and `created_at` (minutes apart, as Oxylabs writes it). */
const oxylabsRecord = (n: number) => ({
  ...oxylabsRow!,
  id: oxylabsRow!.id + n,
  username: n === 0 ? oxylabsMain!.username : `customer_${n}`,
  created_at: new Date(Date.parse('2022-01-24T13:54:00Z') + n * 60_000).toISOString().slice(0, 16).replace('T', ' '),
})

/** Oxylabs' reply: one bare list of 100,000 rows made from the fixture, the main user first. */
const oxylabsTexts = (): string[] => [JSON.stringify(Array.from({ length: RECORDS }, (_, i) => oxylabsRecord(i)))]

/** A 26-character hash for the n-th sub-user: the fixture's, its last 8 characters the index in base 36. */
const iproyalHash = (n: number) => `${iproyalSubUser.hash.slice(0, 18)}${n.toString(36).toUpperCase().padStart(8, '0')}`

/** IPRoyal's replies: 1,000 pages of 100 records made from the fixture, each with its own id, hash and username. */
const iproyalTexts = (): string[] => {
  const lastPage = RECORDS / IPROYAL_PAGE
  const path = 'https://resi-api.iproyal.com/v1/residential-subusers'
  return Array.from({ length: lastPage }, (_, p) =>
    JSON.stringify({
      data: Array.from({ length: IPROYAL_PAGE }, (_, i) => {
        const n = p * IPROYAL_PAGE + i
        return { ...iproyalSubUser, id: n + 1, hash: iproyalHash(n), username: `customer${n}` }
      }),
      links: { first: `${path}?page=1`, last: `${path}?page=${lastPage}`, prev: p === 0 ? null : `${path}?page=${p}`, next: p + 1 === lastPage ? null : `${path}?page=${p + 2}` },
      meta: { current_page: p + 1, from: p * IPROYAL_PAGE + 1, last_page: lastPage, path, per_page: IPROYAL_PAGE, to: (p + 1) * IPROYAL_PAGE, total: RECORDS },
    }),
  )
}

const decodeWebshare = decodeWith(WebshareSubUserPage, 'webshare', 'list')
const decodeThordata = decodeWith(ThordataReply(ThordataUserList), 'thordata', 'list')
const decodeOxylabs = decodeWith(OxylabsSubUserList, 'oxylabs', 'list')
const decodeIPRoyal = decodeWith(IPRoyalSubUserPage, 'iproyal', 'list')
const orThrow = E.getOrElseW((e: unknown) => {
  throw e
})

/**
 * Per vendor: its replies' texts, and a pass that decodes and maps one parsed reply and returns
 * the mapped users' count.
 * @example
 * SUBJECTS.webshare.decodeAndMap(JSON.parse(SUBJECTS.webshare.texts()[0]!)) // 100
 */
export const SUBJECTS = {
  webshare: { texts: webshareTexts, decodeAndMap: (reply: unknown) => orThrow(decodeWebshare(reply)).results.map(webshareToSubUser).length },
  thordata: {
    texts: thordataTexts,
    decodeAndMap: (reply: unknown) => (orThrow(decodeThordata(reply)).data.list ?? []).map((u) => thordataToSubUser(u, 'residential')).length,
  },
  oxylabs: { texts: oxylabsTexts, decodeAndMap: (reply: unknown) => orThrow(decodeOxylabs(reply)).map((row) => oxylabsToSubUser(row, { mainUsername: oxylabsMain!.username })).length },
  iproyal: { texts: iproyalTexts, decodeAndMap: (reply: unknown) => orThrow(decodeIPRoyal(reply)).data.map((s) => iproyalToSubUser(s)).length },
} as const

