/**
 * A package-lock.json for a throwaway consumer project, made from the repository's own lock: the
 * same versions, resolved URLs and integrity hashes, so `npm ci --offline` installs it from the
 * npm cache that the repository's `npm ci` filled, asking the registry nothing.
 *
 * @example
 * writeFileSync('package-lock.json', JSON.stringify(offlineLock(rootLock, manifest, tarball)))
 */
export function offlineLock(rootLock, manifest, tarballPath) {
  const all = rootLock.packages
  const packages = {}
  const ownPath = 'node_modules/proxy-subusers'

  /** The entry `name` resolves to from the package at `from`, as Node's lookup walks up. */
  const resolveFrom = (from, name) => {
    for (let dir = from; ; ) {
      const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`
      if (all[candidate]) return candidate
      if (!dir) return undefined
      const cut = dir.lastIndexOf('/node_modules/')
      dir = cut === -1 ? '' : dir.slice(0, cut)
    }
  }

  const add = (from, name, optional) => {
    const key = resolveFrom(from, name)
    if (!key) {
      if (optional) return
      throw new Error(`the repository's lock has no ${name} (needed by ${from || 'the consumer'})`)
    }
    if (packages[key]) return
    const { dev, devOptional, peer, ...entry } = all[key]
    packages[key] = entry
    for (const dep of Object.keys(entry.dependencies ?? {})) add(key, dep, false)
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) add(key, dep, true)
    for (const dep of Object.keys(entry.peerDependencies ?? {})) if (!entry.peerDependenciesMeta?.[dep]?.optional) add(key, dep, false)
  }

  const own = rootLock.packages['']
  const deps = { ...manifest.dependencies, ...manifest.devDependencies }
  for (const name of Object.keys(deps)) if (name !== 'proxy-subusers') add('', name, false)
  for (const name of Object.keys(own.dependencies ?? {})) add(ownPath, name, false)
  packages[ownPath] = {
    version: own.version,
    resolved: `file:${tarballPath}`,
    license: own.license,
    dependencies: own.dependencies,
    bin: own.bin,
    engines: own.engines,
    peerDependencies: own.peerDependencies,
    // An optional peer (ioredis) is not installed with the package.
    ...(own.peerDependenciesMeta === undefined ? {} : { peerDependenciesMeta: own.peerDependenciesMeta }),
  }
  packages[''] = { name: manifest.name, version: manifest.version, dependencies: manifest.dependencies, devDependencies: manifest.devDependencies }
  return { name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true, packages }
}
