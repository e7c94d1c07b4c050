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
import * as TE from 'fp-ts/TaskEither'
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
  | { readonly action: 'delete'; readonly username: string; readonly id: string }
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
 * every problem), and with a `conflict` when one username is held by several
 * sub-users (Webshare labels are not unique), since the plan cannot tell
 * which one is meant.
 * @example
 * const p = await plan(provider, [{ username: 'alice001', trafficLimitBytes: mib(500) }])()
 */
export const plan = (provider: SubUserProvider, wanted: ReadonlyArray<CreateSubUser>, options: PlanOptions = {}): TE.TaskEither<SubUserError, Plan> =>
  pipe(
    TE.fromEither(refuseProblems(provider, checkWanted(provider, wanted))),
    TE.flatMap(() => provider.list()),
    TE.flatMapEither((current) => compare(provider, current, wanted, options.prune === true)),
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

const compare = (provider: SubUserProvider, current: ReadonlyArray<SubUser>, wanted: ReadonlyArray<CreateSubUser>, prune: boolean): E.Either<SubUserError, Plan> => {
  const byName = new Map<string, SubUser[]>()
  for (const u of current) byName.set(u.username, [...(byName.get(u.username) ?? []), u])
  const ambiguous = wanted.map((w) => byName.get(w.username) ?? []).find((held) => held.length > 1)
  if (ambiguous !== undefined) {
    return E.left(
      new SubUserError({
        kind: 'conflict',
        provider: provider.id,
        operation: 'list',
        message: `${provider.id} plan: ${ambiguous.length} sub-users are named ${ambiguous[0]!.username} (ids ${ambiguous.map((u) => u.id).join(', ')}); rename or delete all but one`,
      }),
    )
  }
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
    prune
      ? { provider, changes: [...changes, ...others.map((o): PlannedChange => ({ action: 'delete', ...o }))], unmanaged: [] }
      : { provider, changes, unmanaged: others },
  )
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
