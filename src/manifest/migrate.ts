/**
 * Moving sub-users from one vendor to another: what each source sub-user
 * becomes on the target, and, said before anything is done, what cannot be
 * carried over and why. The result feeds {@link plan} on the target, so a
 * migration run twice creates nothing the second time.
 *
 * The rules follow the target's capabilities, never a vendor name:
 * - a status the target cannot hold (Webshare has no `disabled`) skips the
 *   sub-user: recreating it would open it;
 * - an unlimited sub-user skips the sub-user where the target cannot represent
 *   unlimited (`capabilities.trafficLimit.unlimited: false`, a limit that is an
 *   allocation): any limit chosen for it would cut it off;
 * - a password the target keeps no place for is dropped; a source without
 *   passwords gives the target none (Thordata then sets a random one);
 * - a traffic limit the target cannot represent is raised to its next step
 *   (at least its minimum), never lowered, and said so; a target that keeps
 *   no traffic limit at all drops it, and says so;
 * - vendor settings (Webshare's thread count, countries) have no counterpart;
 * - a name the target refuses (Thordata: 6 to 15 letters or digits) skips the
 *   sub-user, with the target's reason.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from '../task-either'
import { noUnlimitedReason, representsUnlimited } from '../capabilities'
import type { CreateSubUser, ProviderId, SubUser } from '../domain'
import type { SubUserError } from '../errors'
import type { SubUserProvider } from '../provider'
import { formatBytes } from '../units'

/**
 * A field of a source sub-user that does not reach the target as it is.
 * @example
 * const l: NotCarried = { username: 'alice001', field: 'password', reason: 'webshare keeps no password on a sub-user' }
 */
export interface NotCarried {
  readonly username: string
  readonly field: string
  readonly reason: string
}

/**
 * A source sub-user that is not recreated on the target, and why.
 * @example
 * const s: Skipped = { username: 'bob00002', reason: 'disabled on thordata; webshare cannot disable a sub-user, so it would be active' }
 */
export interface Skipped {
  readonly username: string
  readonly reason: string
}

/**
 * What a migration will ask of the target.
 * @example
 * const m = await migration(thordata, webshare)(); if (E.isRight(m)) await plan(webshare, m.right.wanted)()
 */
export interface Migration {
  readonly from: ProviderId
  readonly to: ProviderId
  /** The sub-users wanted on the target, in the source's order. */
  readonly wanted: ReadonlyArray<CreateSubUser>
  readonly notCarried: ReadonlyArray<NotCarried>
  readonly skipped: ReadonlyArray<Skipped>
}

/**
 * Reads every sub-user of `source` and works out what each becomes on `target`.
 * Sends nothing to the target.
 * @example
 * const m = await migration(createThordataProvider(t), createWebshareProvider(w))()
 */
export const migration = (source: SubUserProvider, target: SubUserProvider): TE.TaskEither<SubUserError, Migration> =>
  pipe(
    source.list(),
    TE.map((users) => {
      const wanted: CreateSubUser[] = []
      const notCarried: NotCarried[] = []
      const skipped: Skipped[] = []
      const taken = new Set<string>()
      for (const user of users) {
        const carried = carryOver(source, target, user)
        if (E.isLeft(carried)) skipped.push({ username: user.username, reason: carried.left })
        else if (taken.has(user.username)) skipped.push({ username: user.username, reason: `another sub-user named ${user.username} is migrated already` })
        else {
          taken.add(user.username)
          wanted.push(carried.right.input)
          notCarried.push(...carried.right.lost.map((l) => ({ username: user.username, ...l })))
        }
      }
      return { from: source.id, to: target.id, wanted, notCarried, skipped }
    }),
  )

type Loss = Omit<NotCarried, 'username'>

const carryOver = (source: SubUserProvider, target: SubUserProvider, user: SubUser): E.Either<string, { input: CreateSubUser; lost: ReadonlyArray<Loss> }> => {
  const from = source.id
  const to = target.id
  const caps = target.capabilities
  if (!caps.statuses.includes(user.status)) {
    return E.left(`${user.status} on ${from}; ${to} cannot hold a ${user.status} sub-user, and recreating it would make it active`)
  }
  if (user.trafficLimitBytes === null && !representsUnlimited(caps)) {
    return E.left(`unlimited on ${from}; ${noUnlimitedReason(to, caps)}, and any limit chosen for it could cut it off`)
  }
  const lost: Loss[] = []
  let input: CreateSubUser = { username: user.username }
  if (user.status !== 'active') input = { ...input, status: user.status }
  if (user.password !== null) {
    if (caps.create.includes('password')) input = { ...input, password: user.password.reveal() }
    else lost.push({ field: 'password', reason: `${to} keeps no password on a sub-user` })
  } else if (caps.create.includes('password')) {
    lost.push({ field: 'password', reason: `${from} keeps no password; ${to} sets its own` })
  }
  if (caps.trafficLimit === null) {
    if (user.trafficLimitBytes !== null) lost.push({ field: 'trafficLimitBytes', reason: `${to} keeps no traffic limit` })
  } else if (user.trafficLimitBytes === null) input = { ...input, trafficLimitBytes: null }
  else {
    const { stepBytes, minBytes } = caps.trafficLimit
    const limit = Math.max(minBytes, Math.ceil(user.trafficLimitBytes / stepBytes) * stepBytes)
    if (limit !== user.trafficLimitBytes) {
      lost.push({ field: 'trafficLimitBytes', reason: `${formatBytes(user.trafficLimitBytes)} cannot be set on ${to} (steps of ${formatBytes(stepBytes)}, at least ${formatBytes(minBytes)}); raised to ${formatBytes(limit)}` })
    }
    input = { ...input, trafficLimitBytes: limit }
  }
  const extras = new Map<string, unknown>(Object.entries(user.vendor))
  for (const key of source.capabilities.settings) {
    if (extras.get(key) !== null && extras.get(key) !== undefined) lost.push({ field: `vendor.${from}.${key}`, reason: `${to} has no such setting` })
  }
  const valid = target.validate('create', input)
  if (E.isLeft(valid)) {
    return E.left(`${to} refuses it: ${(valid.left.fields ?? []).map((f) => `${f.path} ${f.message}`).join('; ') || valid.left.message}`)
  }
  return E.right({ input, lost })
}
