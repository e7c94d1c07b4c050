/**
 * Reading a manifest (YAML, or JSON, which YAML reads too): `${NAME}` values
 * from the environment, the shape decoded with io-ts, sizes and dates
 * converted. Every problem is reported at once, each with its path (such as
 * `thordata[0].trafficLimit`) and a plain message that never repeats a value.
 */
import * as E from 'fp-ts/Either'
import { parseDocument } from 'yaml'
import { decodeProblems } from '../decode'
import type { CreateSubUser, ProviderId } from '../domain'
import type { FieldProblem } from '../errors'
import { parseSize } from '../size'
import { manifestCodecs, type ManifestEntry, type ManifestVendor } from './codecs'

/**
 * A manifest read: the wanted sub-users per provider (in the order written),
 * every secret value in it (values from `${NAME}`, and passwords) so that
 * output can be scrubbed of them, and what is allowed but unwise (a password
 * written in the file rather than as `${NAME}`).
 * @example
 * const m: ReadManifest = { wanted: { webshare: [{ username: 'team-a' }] }, secrets: [], warnings: [] }
 */
export interface ReadManifest {
  readonly wanted: Partial<Record<ProviderId, ReadonlyArray<CreateSubUser>>>
  readonly secrets: ReadonlyArray<string>
  readonly warnings: ReadonlyArray<FieldProblem>
}

/**
 * The most YAML aliases a manifest may expand (the yaml library's own
 * default): past it, the text is refused as a resource-exhaustion attack
 * ("billion laughs") before it is expanded.
 * @example
 * MAX_ALIAS_COUNT // 100
 */
export const MAX_ALIAS_COUNT = 100

/** The environment `${NAME}` values are read from. @example parseManifest(text, process.env) */
export type Env = Readonly<Record<string, string | undefined>>

const VARIABLE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/

/**
 * A manifest reader for these vendors: it reads a manifest's text, or lists all its problems.
 * `proxy-subusers/manifest`'s `parseManifest` is the reader of the vendors the package ships.
 * @example
 * const parseManifest = manifestReader(VENDORS)
 * parseManifest('webshare:\n  - username: team-a\n    trafficLimit: 10GiB\n', process.env)
 * // Right({ wanted: { webshare: [{ username: 'team-a', trafficLimitBytes: 10737418240 }] }, secrets: [] })
 * parseManifest('thordata:\n  - username: alice001\n    password: ${ALICE_PASSWORD}\n', {})
 * // Left([{ path: 'thordata[0].password', message: 'is ${ALICE_PASSWORD}, but ALICE_PASSWORD is not set' }])
 */
export const manifestReader = (vendors: ReadonlyArray<ManifestVendor>) => {
  const { Manifest, keys } = manifestCodecs(vendors)
  const named = keys.top.join(', ')
  return (text: string, env: Env): E.Either<ReadonlyArray<FieldProblem>, ReadManifest> => {
    const doc = parseDocument(text)
    if (doc.errors.length > 0) {
      return E.left(doc.errors.map((e) => ({ path: `line ${e.linePos?.[0].line ?? '?'}, column ${e.linePos?.[0].col ?? '?'}`, message: e.message.split(' at line ')[0] ?? e.code })))
    }
    let raw: unknown
    try {
      raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
    } catch {
      // The yaml library throws (a ReferenceError) when aliases expand past the count.
      return E.left([{ path: '(manifest)', message: `expands YAML aliases more than ${MAX_ALIAS_COUNT} times: refused as a resource-exhaustion attack ("billion laughs")` }])
    }
    if (raw === null || raw === undefined) return E.left([{ path: '(manifest)', message: `is empty: name at least one provider (${named})` }])
    const secrets: string[] = []
    const problems: FieldProblem[] = []
    const warnings = inlinePasswords(raw, keys.top)
    const value = substitute(raw, [], env, secrets, problems)
    problems.push(...unknownKeys(value, keys))
    const decoded = decodeProblems(Manifest)(value)
    if (E.isLeft(decoded)) {
      // Sizes and dates are checked too, so that one run lists every problem.
      for (const provider of keys.top) {
        const entries = (value as Record<string, unknown>)[provider]
        if (Array.isArray(entries)) entries.forEach((entry, i) => isMapping(entry) && toWanted(entry as ManifestEntry, `${provider}[${i}]`, problems))
      }
      return E.left([...problems, ...decoded.left.map((p) => ({ ...p, path: bracketed(p.path) || '(manifest)' }))])
    }
    const wanted: Partial<Record<ProviderId, ReadonlyArray<CreateSubUser>>> = {}
    for (const provider of keys.top) {
      const entries = decoded.right[provider]
      if (entries !== undefined) wanted[provider] = entries.map((entry, i) => toWanted(entry, `${provider}[${i}]`, problems))
    }
    if (Object.keys(wanted).length === 0) problems.push({ path: '(manifest)', message: `names no provider (${named})` })
    for (const entries of Object.values(wanted)) for (const e of entries ?? []) if (e.password !== undefined) secrets.push(e.password)
    return problems.length > 0 ? E.left(problems) : E.right({ wanted, secrets: [...new Set(secrets)], warnings })
  }
}

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** The name a `${NAME}` for an entry's password would have: `alice001` → `ALICE001_PASSWORD`. */
const variableFor = (username: unknown): string =>
  `${typeof username === 'string' && username !== '' ? `${username.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^(?=\d)/, '_')}_` : ''}PASSWORD`

/** A warning for each password written in the file itself rather than as `${NAME}`. */
const inlinePasswords = (raw: unknown, providers: ReadonlyArray<string>): FieldProblem[] => {
  if (!isMapping(raw)) return []
  return providers.flatMap((provider) => {
    const entries = raw[provider]
    if (!Array.isArray(entries)) return []
    return entries.flatMap((entry, i) => {
      if (!isMapping(entry) || typeof entry['password'] !== 'string' || entry['password'].includes('${')) return []
      const name = variableFor(entry['username'])
      return [{ path: `${provider}[${i}].password`, message: `is written in the file, where anyone who reads it sees it: write password: \${${name}} and set ${name} in the environment` }]
    })
  })
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

/** Keys a manifest may not have, at every level the codecs describe (vendor settings included), each with the nearest known key. */
const unknownKeys = (value: unknown, keys: ReturnType<typeof manifestCodecs>['keys']): FieldProblem[] => {
  const problems: FieldProblem[] = []
  const check = (v: unknown, allowed: ReadonlyArray<string>, path: string, then?: (key: string, child: unknown) => void) => {
    if (!isMapping(v)) return
    for (const [key, child] of Object.entries(v)) {
      if (allowed.includes(key)) then?.(key, child)
      else {
        const near = closest(key, allowed)
        const known = allowed.length === 0 ? 'this mapping takes no keys' : `known: ${allowed.join(', ')}`
        problems.push({ path: path === '' ? key : `${path}.${key}`, message: `${near === undefined ? 'is not a known key' : `is not a known key: did you mean ${near}?`} (${known})` })
      }
    }
  }
  check(value, keys.top, '', (provider, entries) => {
    if (!Array.isArray(entries)) return
    entries.forEach((entry, i) =>
      check(entry, keys.entry, `${provider}[${i}]`, (key, child) => {
        if (key === 'vendor') {
          check(child, keys.vendor, `${provider}[${i}].vendor`, (vendor, settings) => {
            check(settings, keys.settings[vendor] ?? [], `${provider}[${i}].vendor.${vendor}`)
          })
        }
      }),
    )
  })
  return problems
}

/**
 * The known key a misspelt one most likely meant: the same but for case, or
 * within two edits (a third of the key's length at most).
 */
const closest = (key: string, known: ReadonlyArray<string>): string | undefined => {
  const same = known.find((k) => k.toLowerCase() === key.toLowerCase())
  if (same !== undefined) return same
  const scored = known.map((k) => ({ k, d: editDistance(key.toLowerCase(), k.toLowerCase()) })).sort((a, b) => a.d - b.d)
  const best = scored[0]
  return best !== undefined && best.d <= Math.min(2, Math.ceil(key.length / 3)) ? best.k : undefined
}

/** Levenshtein distance, one row at a time. */
const editDistance = (a: string, b: string): number => {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1))
    row = next
  }
  return row[b.length] ?? 0
}

/** An entry as a `CreateSubUser`: the traffic limit in bytes; vendor settings as their codecs read them. */
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
  return {
    ...rest,
    ...(limit === undefined ? {} : { trafficLimitBytes: limit }),
    ...(vendor === undefined ? {} : { vendor: Object.fromEntries(Object.entries(vendor).filter(([, settings]) => settings !== undefined)) }),
  }
}
