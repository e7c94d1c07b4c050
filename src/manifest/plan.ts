/**
 * Declarative provisioning, first step: compare the sub-users a provider has
 * with the ones wanted, and say per sub-user what would change.
 *
 * Sub-users are matched by `username` (Webshare: label). A field an entry
 * leaves out is not managed: it keeps its value on an existing sub-user and
 * takes the vendor default on a new one, so a manifest never resets a limit it
 * does not mention. Write `trafficLimit: unlimited` to ask for unlimited.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from '../task-either'
import type { CreateSubUser, SubUser, UpdateSubUser } from '../domain'
import { SubUserError, type FieldProblem } from '../errors'
import type { SubUserProvider } from '../provider'
import { comparable } from '../same-value'
import { secret, type Secret } from '../secret'

/**
 * A wanted sub-user as a plan holds it: a {@link CreateSubUser} whose password
 * is a {@link Secret}, so printing or serialising a plan never shows it.
 * @example
 * const w: WantedSubUser = { username: 'alice001', password: secret('Pw12345a') }
 */
export type WantedSubUser = Omit<CreateSubUser, 'password'> & { readonly password?: Secret }

/**
 * One field a change sets. `before` is absent on a create; a password has no
 * values at all, only `secret: true`.
 * @example
 * const f: FieldChange = { field: 'trafficLimitBytes', before: null, after: 524288000 }
 */
export interface FieldChange {
  /** `password`, `status`, `trafficLimitBytes`, or a vendor setting such as `vendor.webshare.maxThreadCount`. */
  readonly field: string
  readonly before?: unknown
  readonly after?: unknown
  readonly secret?: true
}

/**
 * What a plan does with one sub-user.
 * @example
 * const c: PlannedChange = { action: 'delete', username: 'old0001', id: 'old0001' }
 */
export type PlannedChange =
  | { readonly action: 'create'; readonly username: string; readonly fields: ReadonlyArray<FieldChange>; readonly input: WantedSubUser }
  | { readonly action: 'update'; readonly username: string; readonly id: string; readonly fields: ReadonlyArray<FieldChange>; readonly patch: WantedSubUser }
  | {
      readonly action: 'delete'
      readonly username: string
      readonly id: string
      /** Set when `dedupe` deletes it: the id of the sub-user of the same name that is kept. */
      readonly duplicateOf?: string
    }
  | { readonly action: 'unchanged'; readonly username: string; readonly id: string }

/**
 * The changes that bring one provider to the wanted state, in the order they
 * are listed: the wanted sub-users first, then the deletes.
 * @example
 * const p: Plan = { provider, changes: [], unmanaged: [] }
 */
export interface Plan {
  readonly provider: SubUserProvider
  readonly changes: ReadonlyArray<PlannedChange>
  /** Sub-users the provider has and the manifest does not list, kept because `prune` is off. */
  readonly unmanaged: ReadonlyArray<{ readonly username: string; readonly id: string }>
}

/**
 * Options of {@link plan}.
 * @example
 * plan(provider, wanted, { prune: true })
 */
export interface PlanOptions {
  /** Delete the sub-users the manifest does not list (default false: they are kept and listed as unmanaged). */
  readonly prune?: boolean
  /**
   * Where a username the manifest lists is held by several sub-users (labels
   * are not unique on some vendors), keep the oldest and delete the others
   * (default false: the plan fails as a `conflict` naming them all). See {@link oldestFirst}.
   */
  readonly dedupe?: boolean
}

/**
 * The problems of a list of wanted sub-users, all at once, without sending
 * anything: what `create` would refuse (capabilities and the vendor's rules),
 * and a username listed twice. Paths are `[index].field`.
 * @example
 * checkWanted(thordata, [{ username: 'x' }]) // [{ path: '[0].username', message: 'must be 6 to 15 letters or digits' }]
 */
export const checkWanted = (provider: SubUserProvider, wanted: ReadonlyArray<CreateSubUser>): ReadonlyArray<FieldProblem> => {
  const problems: FieldProblem[] = []
  const firstIndex = new Map<string, number>()
  wanted.forEach((entry, i) => {
    const checked = provider.validate('create', entry)
    if (E.isLeft(checked)) {
      for (const f of checked.left.fields ?? [{ path: '', message: checked.left.message }]) {
        problems.push({ path: `[${i}]${f.path === '' ? '' : `.${f.path}`}`, message: f.message })
      }
    }
    const seen = firstIndex.get(entry.username)
    if (seen !== undefined) problems.push({ path: `[${i}].username`, message: `repeats entry [${seen}]` })
    else firstIndex.set(entry.username, i)
  })
  return problems
}

/**
 * Compares a provider's sub-users with the wanted ones. Fails without
 * reading anything when an entry is invalid (a `validation` error listing
 * every problem), and with a `conflict` when usernames it lists are held by
 * several sub-users each (Webshare labels are not unique), since the plan
 * cannot tell which one is meant: the error names every such username with
 * its ids (one field problem each). With `dedupe`, the oldest of each is
 * matched and the others are deleted.
 * @example
 * const p = await plan(provider, [{ username: 'alice001', trafficLimitBytes: mib(500) }])()
 */
export const plan = (provider: SubUserProvider, wanted: ReadonlyArray<CreateSubUser>, options: PlanOptions = {}): TE.TaskEither<SubUserError, Plan> =>
  pipe(
    TE.fromEither(refuseProblems(provider, checkWanted(provider, wanted))),
    TE.flatMap(() => provider.list()),
    TE.flatMapEither((current) => compare(provider, current, wanted, options)),
  )

const refuseProblems = (provider: SubUserProvider, problems: ReadonlyArray<FieldProblem>): E.Either<SubUserError, void> =>
  problems.length === 0
    ? E.right(undefined)
    : E.left(
        new SubUserError({
          kind: 'validation',
          provider: provider.id,
          operation: 'create',
          fields: problems,
          message: `${provider.id} plan: invalid entries: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
        }),
      )

/**
 * The order `dedupe` keeps by: the oldest `createdAt` first (a sub-user
 * without a date after every dated one), then the lowest id (compared as
 * numbers when both are whole numbers, as text otherwise). The first is kept.
 * @example
 * [...sameName].sort(oldestFirst)[0] // the one dedupe keeps
 */
export const oldestFirst = (a: Pick<SubUser, 'createdAt' | 'id'>, b: Pick<SubUser, 'createdAt' | 'id'>): number => {
  const at = (u: Pick<SubUser, 'createdAt'>) => u.createdAt?.getTime() ?? Infinity
  if (at(a) !== at(b)) return at(a) < at(b) ? -1 : 1
  if (/^\d+$/.test(a.id) && /^\d+$/.test(b.id)) return BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

const compare = (provider: SubUserProvider, current: ReadonlyArray<SubUser>, wanted: ReadonlyArray<CreateSubUser>, options: PlanOptions): E.Either<SubUserError, Plan> => {
  const byName = new Map<string, SubUser[]>()
  for (const u of current) byName.set(u.username, [...(byName.get(u.username) ?? []), u])
  const duplicated = wanted.flatMap((w, index) => {
    const held = byName.get(w.username) ?? []
    return held.length > 1 ? [{ index, held: [...held].sort(oldestFirst) }] : []
  })
  if (duplicated.length > 0 && options.dedupe !== true) return E.left(duplicatesError(provider, duplicated))
  // With dedupe, each name's oldest is the one matched; the others go.
  for (const { held } of duplicated) byName.set(held[0]!.username, [held[0]!])
  const extras = duplicated.flatMap(({ held }) => held.slice(1).map((u): PlannedChange => ({ action: 'delete', username: u.username, id: u.id, duplicateOf: held[0]!.id })))
  const changes: PlannedChange[] = wanted.map((w): PlannedChange => {
    const input = hidePassword(w)
    const held = byName.get(w.username)?.[0]
    if (held === undefined) return { action: 'create', username: w.username, fields: fieldsOf(provider, input), input }
    const fields = diff(provider, held, w)
    if (fields.length === 0) return { action: 'unchanged', username: w.username, id: held.id }
    return { action: 'update', username: w.username, id: held.id, fields, patch: patchOf(provider, input, fields) }
  })
  const listed = new Set(wanted.map((w) => w.username))
  const others = current.filter((u) => !listed.has(u.username)).map((u) => ({ username: u.username, id: u.id }))
  return E.right(
    options.prune === true
      ? { provider, changes: [...changes, ...extras, ...others.map((o): PlannedChange => ({ action: 'delete', ...o }))], unmanaged: [] }
      : { provider, changes: [...changes, ...extras], unmanaged: others },
  )
}

/** The conflict naming every username held by several sub-users, each with its ids, oldest first. */
const duplicatesError = (provider: SubUserProvider, duplicated: ReadonlyArray<{ readonly index: number; readonly held: ReadonlyArray<SubUser> }>): SubUserError => {
  const named = duplicated.map(({ held }) => `${held[0]!.username} (${held.length} sub-users: ids ${held.map((u) => u.id).join(', ')})`)
  return new SubUserError({
    kind: 'conflict',
    provider: provider.id,
    operation: 'list',
    fields: duplicated.map(({ index, held }) => ({ path: `[${index}].username`, message: `is held by ${held.length} sub-users (ids ${held.map((u) => u.id).join(', ')})` })),
    message: `${provider.id} plan: ${duplicated.length === 1 ? 'a username is' : `${duplicated.length} usernames are`} held by several sub-users: ${named.join('; ')}; rename or delete all but one of each, or dedupe (keeps the oldest of each, deletes the others)`,
  })
}

const hidePassword = ({ password, ...rest }: CreateSubUser): WantedSubUser =>
  password === undefined ? rest : { ...rest, password: secret(password) }

/** The vendor settings an entry gives for this provider, as field paths and values. */
const vendorSettings = (provider: SubUserProvider, entry: Pick<CreateSubUser, 'vendor'>): ReadonlyArray<readonly [string, unknown]> =>
  Object.entries(entry.vendor?.[provider.id] ?? {}).filter(([, v]) => v !== undefined)

/** The fields a create sets, as a plan shows them. */
const fieldsOf = (provider: SubUserProvider, input: WantedSubUser): ReadonlyArray<FieldChange> => [
  ...(input.password === undefined ? [] : [{ field: 'password', secret: true as const }]),
  ...(input.status === undefined ? [] : [{ field: 'status', after: input.status }]),
  ...(input.trafficLimitBytes === undefined ? [] : [{ field: 'trafficLimitBytes', after: input.trafficLimitBytes }]),
  ...vendorSettings(provider, input).map(([key, after]) => ({ field: `vendor.${provider.id}.${key}`, after })),
]

/**
 * The fields of a wanted sub-user that differ from the current one. A
 * password is compared only where the vendor shows it (`readsPassword`);
 * elsewhere it is set on create and not managed afterwards.
 */
const diff = (provider: SubUserProvider, held: SubUser, w: CreateSubUser): ReadonlyArray<FieldChange> => {
  const fields: FieldChange[] = []
  if (w.password !== undefined && provider.capabilities.readsPassword && held.password?.reveal() !== w.password) {
    fields.push({ field: 'password', secret: true })
  }
  if (w.status !== undefined && w.status !== held.status) fields.push({ field: 'status', before: held.status, after: w.status })
  if (w.trafficLimitBytes !== undefined && w.trafficLimitBytes !== held.trafficLimitBytes) {
    fields.push({ field: 'trafficLimitBytes', before: held.trafficLimitBytes, after: w.trafficLimitBytes })
  }
  const extras = new Map<string, unknown>(held.vendor.provider === provider.id ? Object.entries(held.vendor) : [])
  for (const [key, after] of vendorSettings(provider, w)) {
    const before = extras.get(key) ?? null
    if (comparable(before) !== comparable(after)) fields.push({ field: `vendor.${provider.id}.${key}`, before, after })
  }
  return fields
}

/** The update that sets exactly the changed fields. */
const patchOf = (provider: SubUserProvider, input: WantedSubUser, fields: ReadonlyArray<FieldChange>): WantedSubUser => {
  const changed = new Set(fields.map((f) => f.field))
  const prefix = `vendor.${provider.id}.`
  const settings = Object.fromEntries(vendorSettings(provider, input).filter(([key]) => changed.has(prefix + key)))
  return {
    username: input.username,
    ...(changed.has('password') && input.password !== undefined ? { password: input.password } : {}),
    ...(changed.has('status') && input.status !== undefined ? { status: input.status } : {}),
    ...(changed.has('trafficLimitBytes') && input.trafficLimitBytes !== undefined ? { trafficLimitBytes: input.trafficLimitBytes } : {}),
    ...(Object.keys(settings).length === 0 ? {} : { vendor: { [provider.id]: settings } }),
  }
}

/**
 * The plain input of a wanted sub-user, password revealed, for `create`.
 * @example
 * provider.create(toInput(change.input))
 */
export const toInput = ({ password, ...rest }: WantedSubUser): CreateSubUser =>
  password === undefined ? rest : { ...rest, password: password.reveal() }

/**
 * The patch of an update change, password revealed, without the username (which it does not change).
 * @example
 * provider.update(change.id, toPatch(change.patch))
 */
export const toPatch = (patch: WantedSubUser): UpdateSubUser => {
  const { username: _name, ...rest } = toInput(patch)
  return rest
}
