/**
 * What the Webshare fake tells a sub-user (or the account) about its proxies (vendor sheet
 * §8): its proxy config and its proxy list in either connection mode. A sub-user's list
 * follows its `proxy_countries` (the plan's main list when it has none), and a refresh
 * gives it new proxies.
 */
import type { FakeRequest, FakeResponse } from '../../../src/adapter'
import { formatDateTime } from './datetime'
import { paginate, type PageSettings } from './pagination'
import { fieldErrors, invalidPage, json, type FieldErrorShape } from './replies'

/**
 * Whose proxies a call reads: a sub-user's, or (without `X-Subuser`) the account's own.
 * @example
 * const who: ProxyOwner = { id: 0, login: { username: 'mainuser', password: 'mainpass1234' }, countries: null, refreshes: 0, createdAt: 0 }
 */
export interface ProxyOwner {
  /** The sub-user's id; 0 for the account. */
  readonly id: number
  readonly login: { readonly username: string; readonly password: string }
  /** The sub-user's `proxy_countries`; null: the plan's main list. */
  readonly countries: Readonly<Record<string, number>> | null
  readonly refreshes: number
  readonly createdAt: number
}

/** The plan's main proxy list: what a sub-user without a custom list (and the account) gets. */
const MAIN_LIST: Readonly<Record<string, number>> = { US: 4, DE: 3, GB: 3 }
/** The countries `ZZ` (any country) proxies come from, in turn. */
const ANY_COUNTRY = ['US', 'DE', 'GB', 'FR', 'NL', 'CA', 'JP']
const CITIES: Readonly<Record<string, string>> = { US: 'New York', DE: 'Frankfurt', GB: 'London', FR: 'Paris', NL: 'Amsterdam', CA: 'Toronto', JP: 'Tokyo' }
/** Most proxies one list holds in the fake. */
const MAX_PROXIES = 1_000

/** The country code of each proxy of a list, in order. */
const countriesOf = (owner: ProxyOwner): ReadonlyArray<string> => {
  const codes: string[] = []
  for (const [code, count] of Object.entries(owner.countries ?? MAIN_LIST)) {
    for (let n = 0; n < count && codes.length < MAX_PROXIES; n++) codes.push(code === 'ZZ' ? ANY_COUNTRY[codes.length % ANY_COUNTRY.length]! : code)
  }
  return codes
}

/** A number for one proxy of one owner's list, as it stands after its refreshes (FNV-1a). */
const proxyKey = (owner: ProxyOwner, index: number): number => {
  let hash = 0x811c9dc5
  for (const char of `${owner.id}:${owner.refreshes}:${index}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193)
  return hash >>> 0
}

/**
 * `GET /api/v2/proxy/config/`: the owner's proxy login, its country allocations and the
 * account's proxy settings.
 * @example
 * proxyConfig(owner).body // { username: 'xkqzjhpt', password: '…', countries: { US: 4, DE: 3, GB: 3 }, … }
 */
export const proxyConfig = (owner: ProxyOwner): FakeResponse => {
  const allocations: Record<string, number> = {}
  for (const code of countriesOf(owner)) allocations[code] = (allocations[code] ?? 0) + 1
  return json(200, {
    username: owner.login.username,
    password: owner.login.password,
    request_timeout: 86_400,
    request_idle_timeout: 900,
    ip_authorization_country_codes: [],
    auto_replace_invalid_proxies: true,
    auto_replace_low_country_confidence_proxies: false,
    auto_replace_out_of_rotation_proxies: false,
    auto_replace_failed_site_check_proxies: false,
    proxy_list_download_token: `sandbox${proxyKey(owner, -1).toString(36)}`,
    countries: allocations,
  })
}

const MODES = ['direct', 'backbone']

/**
 * `GET /api/v2/proxy/list/?mode=…`: one DRF page of the owner's proxies. `mode` is required:
 * `direct` proxies have their own address (in 198.18.0.0/15) and port, and the owner's login;
 * `backbone` ones a null address (connect to `p.webshare.io`), a port for IP authorization and
 * a numbered login. Every seventh proxy failed Webshare's last check (`valid: false`).
 * `country_code__in` (comma-separated codes) keeps the proxies of those countries.
 * @example
 * proxyList(req, owner, { defaultSize: 25, maxSize: 100 }, 'objects', Date.now()).status // 200
 */
export const proxyList = (req: FakeRequest, owner: ProxyOwner, pages: PageSettings, shape: FieldErrorShape, now: number): FakeResponse => {
  const mode = req.query.get('mode')
  if (mode === null || mode === '') return fieldErrors({ mode: [{ message: 'This field is required.', code: 'required' }] }, shape)
  if (!MODES.includes(mode)) return fieldErrors({ mode: [{ message: 'Select a valid choice.', code: 'invalid_choice' }] }, shape)
  const proxies = countriesOf(owner).map((code, i) => {
    const k = proxyKey(owner, i)
    const direct = mode === 'direct'
    return {
      id: `${direct ? 'd' : 'b'}-${owner.id}-${i + 1}`,
      username: direct ? owner.login.username : `${owner.login.username}-${i + 1}`,
      password: owner.login.password,
      proxy_address: direct ? `198.${18 + ((k >>> 16) & 1)}.${(k >>> 8) & 255}.${k & 255}` : null,
      port: direct ? 5_000 + (k % 5_000) : 10_000 + i,
      valid: i % 7 !== 6,
      last_verification: formatDateTime(now - 30_000),
      country_code: code,
      city_name: CITIES[code] ?? null,
      created_at: formatDateTime(owner.createdAt),
    }
  })
  // The list's own filter, as clients use it: `country_code__in=US,DE`.
  const wanted = req.query.get('country_code__in')?.split(',').map((c) => c.trim().toUpperCase()).filter((c) => c !== '')
  const page = paginate(req, wanted === undefined || wanted.length === 0 ? proxies : proxies.filter((p) => wanted.includes(p.country_code)), pages)
  return page === undefined ? invalidPage() : json(200, page)
}
