/**
 * `proxy-subusers/manifest`: reading and writing manifests (YAML or JSON) for the vendors the
 * package ships, for code that provisions from a file as the CLI's `plan` and `apply` do. Kept
 * apart from the core so that an app which never reads a manifest never loads the YAML parser.
 * `manifestReader(vendors)` reads manifests for another set of vendors (a third party's among them).
 *
 * @example
 * import { plan, apply } from 'proxy-subusers'
 * import { parseManifest } from 'proxy-subusers/manifest'
 * const read = parseManifest(readFileSync('team.yaml', 'utf8'), process.env)
 * if (E.isRight(read)) await pipe(plan(thordata, read.right.wanted.thordata ?? []), TE.flatMap((p) => apply(p)))()
 *
 * @module proxy-subusers/manifest
 */
import type * as E from 'fp-ts/Either'
import type { FieldProblem } from '../src/errors'
import { manifestCodecs } from '../src/manifest/codecs'
import { manifestReader, type Env, type ReadManifest } from '../src/manifest/read'
import { VENDORS } from './vendors'

export * from '../src/manifest/index'

const shipped = manifestCodecs(VENDORS)

/**
 * A manifest of the vendors the package ships, as an io-ts codec.
 * @example
 * Manifest.is({ webshare: [{ username: 'team-a' }] }) // true
 */
export const Manifest = shipped.Manifest

/**
 * One entry of such a manifest, as an io-ts codec.
 * @example
 * ManifestEntry.decode({ username: 'alice001', trafficLimit: '500MiB' })
 */
export const ManifestEntry = shipped.ManifestEntry

/**
 * Reads a manifest's text for the vendors the package ships, or lists all its problems (each
 * with its path, such as `thordata[0].trafficLimit`, and a message that never repeats a value).
 * @example
 * parseManifest('webshare:\n  - username: team-a\n    trafficLimit: 10GiB\n', process.env)
 * // Right({ wanted: { webshare: [{ username: 'team-a', trafficLimitBytes: 10737418240 }] }, secrets: [], warnings: [] })
 */
export const parseManifest: (text: string, env: Env) => E.Either<ReadonlyArray<FieldProblem>, ReadManifest> = manifestReader(VENDORS)
