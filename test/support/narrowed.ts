/**
 * A provider that promises less than it could: the same operations behind narrower
 * capabilities, to exercise what the contract suite and migrations do for a vendor that
 * lacks a field (no traffic limit, no rename) without writing a whole adapter for it.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { CheckedTarget } from '../../src/access-target'
import type { Capabilities } from '../../src/capabilities'
import { proxyAccess } from '../../src/gateway'
import { defineProvider, type SubUserProvider } from '../../src/provider'

/**
 * The inner provider's access for a checked target: one call per protocol wanted, their
 * endpoints together (the login is the same whatever the protocol).
 */
const accessFor = (provider: SubUserProvider, id: string, target: CheckedTarget) =>
  pipe(
    target.protocols,
    TE.traverseSeqArray((protocol) =>
      provider.access(id, { ...(target.country === undefined ? {} : { country: target.country }), ...(target.session === undefined ? {} : { session: target.session }), protocol }),
    ),
    TE.map((all) => {
      const first = all[0]!
      return proxyAccess({ provider: first.provider, subUserId: first.subUserId, endpoints: all.flatMap((a) => a.endpoints), username: first.username, password: first.password?.reveal() ?? null })
    }),
  )

/** `provider` behind `capabilities` (the checks refuse what they leave out, before sending). */
export const narrowed = (provider: SubUserProvider, capabilities: Capabilities): SubUserProvider =>
  defineProvider({
    id: provider.id,
    capabilities,
    create: (input) => provider.create(input),
    get: (id) => provider.get(id),
    update: (id, patch) => provider.update(id, patch),
    delete: (id) => provider.delete(id),
    refresh: (id) => provider.refresh(id),
    access: (id, target) => accessFor(provider, id, target),
    usage: (id, window) => pipe(provider.usage(id, window), TE.map((rows) => rows.map((r) => ({ day: r.date, bytes: r.bytes })))),
    firstPage: () => pipe(provider.list(), TE.map((items) => ({ items }))),
    validate: (operation, input) => provider.validate(operation, input),
    // The inner provider checks ids itself.
    checkId: (_operation, id) => E.right(id as string),
  })

/** The capabilities of a vendor that keeps no traffic limit. */
export const withoutTraffic = (c: Capabilities): Capabilities => ({
  ...c,
  create: c.create.filter((f) => f !== 'trafficLimitBytes'),
  update: c.update.filter((f) => f !== 'trafficLimitBytes'),
  trafficLimit: null,
})
