/**
 * The body codes the Thordata fake answers with (vendor sheet §4, §7), and the
 * envelope every handled call replies in: HTTP 200, `{ code, msg, data }`.
 */
import type { FakeResponse } from '../../../src/adapter'

/**
 * Each code the fake sends, with the message the vendor documents for it.
 * @example
 * FAKE_CODES.exists // { code: 10018, msg: 'Username already exists' }
 */
export const FAKE_CODES = {
  ok: { code: 200, msg: 'ok' },
  parameter: { code: 10000, msg: 'Parameter error' },
  tooFrequent: { code: 10011, msg: 'Operations are too frequent' },
  token: { code: 10013, msg: 'Token error' },
  key: { code: 10014, msg: 'Key error' },
  username: { code: 10015, msg: 'Username format error' },
  password: { code: 10016, msg: 'Password format error' },
  exists: { code: 10018, msg: 'Username already exists' },
  userLimit: { code: 10019, msg: 'The number of users has reached the limit' },
  noSuchUser: { code: 10020, msg: 'Username does not exist' },
  range: { code: 10021, msg: 'Query range cannot exceed 180 days' },
} as const

/**
 * A name of {@link FAKE_CODES}.
 * @example
 * const c: FakeCode = 'noSuchUser'
 */
export type FakeCode = keyof typeof FAKE_CODES

/**
 * The vendor's envelope with HTTP 200; writes and errors carry `data: {}`.
 * @example
 * thordataReply('exists') // { status: 200, body: { code: 10018, msg: 'Username already exists', data: {} } }
 */
export const thordataReply = (code: FakeCode, data: unknown = {}): FakeResponse => ({
  status: 200,
  body: { ...FAKE_CODES[code], data },
})

/**
 * Whether an answer is the vendor's throttling reply (10011), for the sandbox's stats.
 * @example
 * isThordataThrottled(thordataReply('tooFrequent')) // true
 */
export const isThordataThrottled = (answer: FakeResponse): boolean =>
  typeof answer.body === 'object' && answer.body !== null && (answer.body as { code?: unknown }).code === FAKE_CODES.tooFrequent.code
