/**
 * Manifests, for any set of vendors: the codecs, the reader and the writer. The entry
 * `proxy-subusers/manifest` (providers/manifest.ts) binds them to the vendors the package ships.
 */
export { manifestCodecs, type ManifestEntry, type ManifestVendor } from './codecs'
export { MAX_ALIAS_COUNT, manifestReader, type Env, type ReadManifest } from './read'
export { asWanted, manifestData, manifestText } from './write'
