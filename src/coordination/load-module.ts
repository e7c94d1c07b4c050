/**
 * Loads a package only when it is needed (an optional peer, or one whose
 * loading has effects on the process), in CommonJS and in ES modules alike.
 */

/**
 * The package's exports: `require` where there is one (CommonJS, jest), a
 * dynamic `import` in an ES module; a CommonJS package's `default` unwrapped.
 * Rejects as `require` and `import` do when it is not installed.
 * @example
 * const lockfile = await loadModule<typeof import('proper-lockfile')>('proper-lockfile')
 */
export const loadModule = async <T>(name: string): Promise<T> => {
  if (typeof require === 'function') return require(name) as T
  const loaded = (await import(name)) as { readonly default?: T }
  return (loaded.default ?? loaded) as T
}
