/**
 * Django REST framework's `PageNumberPagination`, as Webshare's lists use it
 * (vendor sheet §2, §3.1, §7): `page` (1 by default, or `last`), `page_size`
 * (25 by default, capped), the `{count, next, previous, results}` envelope and
 * absolute links built from the request's own URL.
 */
import type { FakeRequest } from '../../../src/adapter'

/**
 * Paging settings.
 * @example
 * const s: PageSettings = { defaultSize: 25, maxSize: 100 }
 */
export interface PageSettings {
  readonly defaultSize: number
  readonly maxSize: number
}

/**
 * One page in DRF's envelope.
 * @example
 * const p: Page<number> = { count: 3, next: null, previous: null, results: [1, 2, 3] }
 */
export interface Page<T> {
  readonly count: number
  readonly next: string | null
  readonly previous: string | null
  readonly results: ReadonlyArray<T>
}

const INTEGER = /^\s*[+-]?\d+\s*$/

/**
 * `page_size` as DRF reads it: a positive integer, at most `maxSize`; anything
 * else (missing, 0, negative, not a number) is the default.
 */
const pageSizeOf = (query: URLSearchParams, settings: PageSettings): number => {
  const raw = query.get('page_size')
  const n = raw !== null && INTEGER.test(raw) ? Number(raw) : 0
  return n > 0 ? Math.min(n, settings.maxSize) : settings.defaultSize
}

/**
 * The page the request asks for, or `undefined` when `page` is not a page of
 * the list (not an integer, below 1, past the last page); page 1 of an empty
 * list exists.
 * @example
 * paginate(request, ['a', 'b', 'c'], { defaultSize: 2, maxSize: 100 })
 * // { count: 3, next: 'http://127.0.0.1:4010/webshare/api/v2/subuser/?page=2', previous: null, results: ['a', 'b'] }
 */
export const paginate = <T>(req: FakeRequest, items: ReadonlyArray<T>, settings: PageSettings): Page<T> | undefined => {
  const size = pageSizeOf(req.query, settings)
  const lastPage = Math.max(1, Math.ceil(items.length / size))
  const raw = req.query.get('page') ?? '1'
  const page = raw === 'last' ? lastPage : INTEGER.test(raw) ? Number(raw) : Number.NaN
  if (!Number.isSafeInteger(page) || page < 1 || page > lastPage) return undefined
  return {
    count: items.length,
    next: page < lastPage ? linkTo(req, page + 1) : null,
    previous: page > 1 ? linkTo(req, page - 1) : null,
    results: items.slice((page - 1) * size, page * size),
  }
}

/**
 * The request's absolute URL with `page` replaced (dropped for page 1) and the
 * query keys sorted, as DRF's `replace_query_param` and `remove_query_param`
 * write it: every other parameter (`page_size`, `plan_id`, …) is kept.
 */
const linkTo = (req: FakeRequest, page: number): string => {
  const params = new Map<string, string[]>()
  for (const [key, value] of req.query) params.set(key, [...(params.get(key) ?? []), value])
  if (page === 1) params.delete('page')
  else params.set('page', [String(page)])
  const query = new URLSearchParams()
  for (const key of [...params.keys()].sort()) for (const value of params.get(key) ?? []) query.append(key, value)
  const search = query.toString()
  return `${req.origin}${req.path}${search === '' ? '' : `?${search}`}`
}
