/**
 * A provider that promises less than it could: the same operations behind narrower
 * capabilities, to exercise what the contract suite and migrations do for a vendor that
 * lacks a field (no traffic limit, no rename) without writing a whole adapter for it.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { Capabilities } from '../../src/capabilities'
import { defineProvider, type SubUserProvider } from '../../src/provider'

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
