/**
 * `proxy-subusers/manifest`: reading and writing manifests (YAML or JSON), for
 * code that provisions from a file as the CLI's `plan` and `apply` do. Kept
 * apart from the core so that an app which never reads a manifest never loads
 * the YAML parser.
 *
 * @example
 * import { plan, apply } from 'proxy-subusers'
 * import { parseManifest } from 'proxy-subusers/manifest'
 * const read = parseManifest(readFileSync('team.yaml', 'utf8'), process.env)
 * if (E.isRight(read)) await pipe(plan(thordata, read.right.wanted.thordata ?? []), TE.flatMap((p) => apply(p)))()
 *
 * @module proxy-subusers/manifest
 */
export { Manifest, ManifestEntry, ManifestWebshareSettings } from './codecs'
export { parseManifest, type Env, type ReadManifest } from './read'
export { asWanted, manifestData, manifestText } from './write'
