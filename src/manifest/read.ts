/**
 * Reading a manifest (YAML, or JSON, which YAML reads too): `${NAME}` values
 * from the environment, the shape decoded with io-ts, sizes and dates
 * converted. Every problem is reported at once, each with its path (such as
 * `thordata[0].trafficLimit`) and a plain message that never repeats a value.
 */
import * as E from 'fp-ts/Either'
import { parseDocument } from 'yaml'
import { decodeProblems } from '../decode'
import type { WebshareCreateOptions } from '../../providers/webshare/domain'
import type { CreateSubUser, ProviderId } from '../domain'
import type { FieldProblem } from '../errors'
import { parseSize } from '../size'
import { MANIFEST_KEYS, Manifest, type ManifestEntry } from './codecs'

/**
 * A manifest read: the wanted sub-users per provider (in the order written),
 * and every secret value in it (values from `${NAME}`, and passwords) so that
 * output can be scrubbed of them.
 * @example
 * const m: ReadManifest = { wanted: { webshare: [{ username: 'team-a' }] }, secrets: [] }
 */
export interface ReadManifest {
  readonly wanted: Partial<Record<ProviderId, ReadonlyArray<CreateSubUser>>>
  readonly secrets: ReadonlyArray<string>
}

/** The environment `${NAME}` values are read from. @example parseManifest(text, process.env) */
export type Env = Readonly<Record<string, string | undefined>>

const VARIABLE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/

/**
 * Reads a manifest's text, or lists all its problems.
 * @example
 * parseManifest('webshare:\n  - username: team-a\n    trafficLimit: 10GiB\n', process.env)
 * // Right({ wanted: { webshare: [{ username: 'team-a', trafficLimitBytes: 10737418240 }] }, secrets: [] })
 * parseManifest('thordata:\n  - username: alice001\n    password: ${ALICE_PASSWORD}\n', {})
 * // Left([{ path: 'thordata[0].password', message: 'is ${ALICE_PASSWORD}, but ALICE_PASSWORD is not set' }])
 */
export const parseManifest = (text: string, env: Env): E.Either<ReadonlyArray<FieldProblem>, ReadManifest> => {
  const doc = parseDocument(text)
  if (doc.errors.length > 0) {
    return E.left(doc.errors.map((e) => ({ path: `line ${e.linePos?.[0].line ?? '?'}, column ${e.linePos?.[0].col ?? '?'}`, message: e.message.split(' at line ')[0] ?? e.code })))
  }
  const raw: unknown = doc.toJS()
  if (raw === null || raw === undefined) return E.left([{ path: '(manifest)', message: 'is empty: name at least one provider (thordata, webshare)' }])
  const secrets: string[] = []
  const problems: FieldProblem[] = []
  const value = substitute(raw, [], env, secrets, problems)
  problems.push(...unknownKeys(value))
  const decoded = decodeProblems(Manifest)(value)
  if (E.isLeft(decoded)) return E.left([...problems, ...decoded.left.map((p) => ({ ...p, path: bracketed(p.path) || '(manifest)' }))])
  const wanted: Partial<Record<ProviderId, ReadonlyArray<CreateSubUser>>> = {}
  for (const provider of MANIFEST_KEYS.top) {
    const entries = decoded.right[provider]
    if (entries !== undefined) wanted[provider] = entries.map((entry, i) => toWanted(entry, `${provider}[${i}]`, problems))
  }
  if (Object.keys(wanted).length === 0) problems.push({ path: '(manifest)', message: 'names no provider (thordata, webshare)' })
  for (const entries of Object.values(wanted)) for (const e of entries ?? []) if (e.password !== undefined) secrets.push(e.password)
  return problems.length > 0 ? E.left(problems) : E.right({ wanted, secrets: [...new Set(secrets)] })
}

/** `thordata.0.trafficLimit` → `thordata[0].trafficLimit`. */
const bracketed = (path: string): string => path.replace(/\.(\d+)(?=\.|$)/g, '[$1]')

const join = (path: ReadonlyArray<string | number>): string => bracketed(path.join('.'))

/** Replaces each `${NAME}` value with the variable's value, noting it as a secret; a missing variable is a problem. */
const substitute = (value: unknown, path: ReadonlyArray<string | number>, env: Env, secrets: string[], problems: FieldProblem[]): unknown => {
  if (Array.isArray(value)) return value.map((v, i) => substitute(v, [...path, i], env, secrets, problems))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, [...path, k], env, secrets, problems)]))
  }
  if (typeof value !== 'string' || !value.includes('${')) return value
  const name = VARIABLE.exec(value)?.[1]
  if (name === undefined) {
    problems.push({ path: join(path), message: 'can only be a ${NAME} as a whole value' })
    return value
  }
  const found = env[name]
  if (found === undefined || found === '') {
    problems.push({ path: join(path), message: `is \${${name}}, but ${name} is not set` })
    return value
  }
  secrets.push(found)
  return found
}

/** Keys a manifest may not have, at the levels the codecs describe. */
const unknownKeys = (value: unknown): FieldProblem[] => {
  const problems: FieldProblem[] = []
  const check = (v: unknown, allowed: ReadonlyArray<string>, path: string, then?: (key: string, child: unknown) => void) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return
    for (const [key, child] of Object.entries(v)) {
      if (!allowed.includes(key)) problems.push({ path: path === '' ? key : `${path}.${key}`, message: `is not one of ${allowed.join(', ')}` })
      else then?.(key, child)
    }
  }
  check(value, MANIFEST_KEYS.top, '', (provider, entries) => {
    if (!Array.isArray(entries)) return
    entries.forEach((entry, i) =>
      check(entry, MANIFEST_KEYS.entry, `${provider}[${i}]`, (key, child) => {
        if (key === 'vendor') check(child, MANIFEST_KEYS.vendor, `${provider}[${i}].vendor`)
      }),
    )
  })
  return problems
}

/** An entry as a `CreateSubUser`: the traffic limit in bytes, dates as dates. */
const toWanted = (entry: ManifestEntry, path: string, problems: FieldProblem[]): CreateSubUser => {
  const { trafficLimit, trafficLimitBytes, vendor, ...rest } = entry
  let limit: number | null | undefined = trafficLimitBytes
  if (trafficLimit !== undefined && trafficLimitBytes !== undefined) {
    problems.push({ path: `${path}.trafficLimit`, message: 'and trafficLimitBytes say the same thing: keep one' })
  } else if (typeof trafficLimit === 'string') {
    const size = parseSize(trafficLimit)
    if (size.ok) limit = size.bytes
    else problems.push({ path: `${path}.trafficLimit`, message: size.message })
  } else if (trafficLimit !== undefined) limit = trafficLimit
  const webshare = vendor?.webshare === undefined ? undefined : toWebshareSettings(vendor.webshare, `${path}.vendor.webshare`, problems)
  return {
    ...rest,
    ...(limit === undefined ? {} : { trafficLimitBytes: limit }),
    ...(vendor === undefined ? {} : { vendor: { ...(vendor.thordata === undefined ? {} : { thordata: vendor.thordata }), ...(webshare === undefined ? {} : { webshare }) } }),
  }
}

const toWebshareSettings = (settings: NonNullable<ManifestEntry['vendor']>['webshare'] & object, path: string, problems: FieldProblem[]): WebshareCreateOptions => {
  const { bandwidthUseStartDate, ...rest } = settings
  if (bandwidthUseStartDate === undefined) return rest
  const date = new Date(bandwidthUseStartDate)
  if (Number.isNaN(date.getTime())) problems.push({ path: `${path}.bandwidthUseStartDate`, message: 'must be an ISO date such as 2026-01-01T00:00:00Z' })
  return { ...rest, bandwidthUseStartDate: date }
}
