/**
 * How a Webshare sub-user's customer connects (vendor sheet §8): the two connection modes,
 * the backbone gateway, and how far back proxy stats reach.
 */
import type { Gateway } from '../../src/adapter'

/**
 * Webshare's connection modes: `direct` proxies are listed with their own address and port;
 * `backbone` ones (what residential plans need) all go through `p.webshare.io`.
 * @example
 * const c: WebshareConnection = 'backbone'
 */
export type WebshareConnection = 'direct' | 'backbone'

/** The connection modes, as the `connection` option takes them. @example WEBSHARE_CONNECTIONS.includes('direct') */
export const WEBSHARE_CONNECTIONS: ReadonlyArray<WebshareConnection> = ['direct', 'backbone']

/**
 * The backbone gateway: `p.webshare.io`, HTTP on port 80 (one of its user/pass ports) and
 * SOCKS5 on 1080 (seen only in community code, so given only when asked).
 * @example
 * WEBSHARE_BACKBONE_GATEWAY.ports.http // 80
 */
export const WEBSHARE_BACKBONE_GATEWAY: Gateway = { host: 'p.webshare.io', ports: { http: 80, socks5: 1080 } }

/** Days of proxy stats Webshare serves: `timestamp__gte` "cannot be older than 90 days". @example WEBSHARE_STATS_HISTORY_DAYS === 90 */
export const WEBSHARE_STATS_HISTORY_DAYS = 90
