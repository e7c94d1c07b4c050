/**
 * Decode and map: records per second through each vendor's io-ts codec and
 * mapper (the production path of a list reply, `JSON.parse` included) on
 * 100,000 records, against `JSON.parse` alone on the same text.
 */
import * as E from 'fp-ts/Either'
import { decodeWith } from '../src/decode'
import { ThordataReply, ThordataUserList } from '../providers/thordata/codecs'
import thordataList from '../providers/thordata/fixtures/user-list.json'
import { toSubUser as thordataToSubUser } from '../providers/thordata/mapping'
import { WebshareSubUserPage } from '../providers/webshare/codecs'
import webshareSubUser from '../providers/webshare/fixtures/subuser.json'
import { toSubUser as webshareToSubUser } from '../providers/webshare/mapping'
import { interleaved } from './interleave'
import { atLeast, result, type BenchResult } from './result'
import { median } from './stats'

const RECORDS = 100_000
const ROUNDS = 7
/** The goal, records per second through decode and map. */
const GOAL = 250_000

/** A reply of `RECORDS` records made from a vendor fixture, as the vendor would send it. */
const webshareText = (): string =>
  JSON.stringify({
    count: RECORDS,
    next: null,
    previous: null,
    results: Array.from({ length: RECORDS }, (_, i) => ({ ...webshareSubUser, id: i + 1, label: `customer${i}` })),
  })

const thordataText = (): string => {
  const [user] = thordataList.data.list
  const list = Array.from({ length: RECORDS }, (_, i) => ({ ...user, username: `user${String(i).padStart(6, '0')}` }))
  return JSON.stringify({ code: 200, msg: 'ok', data: { limit: RECORDS, remaining_limit: 0, user_count: RECORDS, list } })
}

const decodeWebshare = decodeWith(WebshareSubUserPage, 'webshare', 'list')
const decodeThordata = decodeWith(ThordataReply(ThordataUserList), 'thordata', 'list')

/** Parses, decodes and maps a reply; the mapped users' count. */
const VENDORS = {
  webshare: {
    text: webshareText,
    decodeAndMap: (text: string) => E.getOrElseW((e: unknown) => { throw e })(decodeWebshare(JSON.parse(text))).results.map(webshareToSubUser).length,
  },
  thordata: {
    text: thordataText,
    decodeAndMap: (text: string) =>
      (E.getOrElseW((e: unknown) => { throw e })(decodeThordata(JSON.parse(text))).data.list ?? []).map((u) => thordataToSubUser(u, 'residential')).length,
  },
} as const

/** Records per second of one synchronous pass. */
const rate = (pass: () => unknown) => async () => {
  const started = performance.now()
  pass()
  return RECORDS / ((performance.now() - started) / 1000)
}

/**
 * Records per second through decode and map (goal {@link GOAL}), with `JSON.parse` alone as the baseline, per vendor.
 * @example
 * const lines = await decodeAndMap()
 */
export const decodeAndMap = async (): Promise<BenchResult[]> => {
  const lines: BenchResult[] = []
  for (const [vendor, { text, decodeAndMap: pass }] of Object.entries(VENDORS)) {
    const payload = text()
    if (pass(payload) !== RECORDS) throw new Error(`${vendor}: decode and map lost records`)
    const rounds = await interleaved(ROUNDS, { library: rate(() => pass(payload)), parse: rate(() => JSON.parse(payload)) })
    lines.push(result(`${vendor} decode + map, 100,000 records`, median(rounds.library), 'records/s', atLeast(GOAL, 'records/s'), median(rounds.parse)))
  }
  return lines
}
