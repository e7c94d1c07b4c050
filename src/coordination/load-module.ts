/**
 * Loads a package only when it is needed (an optional peer, or one whose
 * loading has effects on the process), in CommonJS and in ES modules alike.
 */

/**
 * The package's exports: `require` where there is one (CommonJS, jest), a
 * dynamic `import` in an ES module build (where the bundler's `require`
 * stand-in refuses); a CommonJS package's `default` unwrapped. Rejects as
 * `require` and `import` do when it is not installed.
 * @example
 * const lockfile = await loadModule<typeof import('proper-lockfile')>('proper-lockfile')
 */
export const loadModule = async <T>(name: string): Promise<T> => {
  try {
    return require(name) as T
  } catch (e) {
    // The ES module build's stand-in for `require` (esbuild's) says it cannot; anything else is real.
    if (!(e instanceof Error) || !/^Dynamic require of .* is not supported$/.test(e.message)) throw e
  }
  const loaded = (await import(name)) as { readonly default?: T }
  return (loaded.default ?? loaded) as T
}
