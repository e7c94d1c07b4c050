/**
 * Where a customer connects: a vendor's gateway (host and a port per protocol, which a
 * provider's `gateway` option can override, as vendors give some accounts their own hosts),
 * its endpoints, and the ready proxy URL, a Secret.
 */
import { isIPv6 } from 'node:net'
import type { ProviderId, ProxyAccess, ProxyEndpoint, ProxyProtocol } from './domain'
import type { FieldProblem } from './errors'
import { secret } from './secret'

/**
 * A vendor's gateway: one host, and the port each protocol is served on.
 * @example
 * const g: Gateway = { host: 't.pr.thordata.net', ports: { http: 9999, https: 9999, socks5: 9999 } }
 */
export interface Gateway {
  readonly host: string
  readonly ports: Readonly<Partial<Record<ProxyProtocol, number>>>
}

/**
 * The `gateway` provider option: another host, other ports, or both, instead of the vendor's.
 * @example
 * createThordataProvider({ token, gateway: { host: 'abc123.pr.thordata.net' } })
 * createThordataProvider({ token, gateway: { ports: { http: 7777 } } })
 */
export interface GatewayOption {
  readonly host?: string
  readonly ports?: Readonly<Partial<Record<ProxyProtocol, number>>>
}

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?'
const HOSTNAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`)
const PROTOCOLS: ReadonlyArray<ProxyProtocol> = ['http', 'https', 'socks5']

/**
 * Every problem with a `gateway` option (none: a usable override): an object of `host` (a
 * host name, an IPv4 or an IPv6 address) and `ports` (a port from 1 to 65535 per protocol).
 * No problem repeats the value.
 * @example
 * gatewayProblems({ host: 'proxy.example.com', ports: { http: 8080 } }) // []
 * gatewayProblems({ ports: { ftp: 21 } }) // [{ path: 'gateway.ports.ftp', message: 'is not a protocol (http, https, socks5)' }]
 */
export const gatewayProblems = (value: unknown): ReadonlyArray<FieldProblem> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ path: 'gateway', message: 'must be an object of host and ports' }]
  const { host, ports, ...rest } = value as Record<string, unknown>
  const problems: FieldProblem[] = Object.keys(rest).map((k) => ({ path: `gateway.${k}`, message: 'is not a gateway option (host, ports)' }))
  if (host !== undefined && !(typeof host === 'string' && (HOSTNAME.test(host) || isIPv6(host)))) {
    problems.push({ path: 'gateway.host', message: 'must be a host name or an IP address' })
  }
  if (ports !== undefined) {
    if (typeof ports !== 'object' || ports === null || Array.isArray(ports)) problems.push({ path: 'gateway.ports', message: 'must be an object of a port per protocol' })
    else {
      for (const [protocol, port] of Object.entries(ports as Record<string, unknown>)) {
        if (!PROTOCOLS.includes(protocol as ProxyProtocol)) problems.push({ path: `gateway.ports.${protocol}`, message: `is not a protocol (${PROTOCOLS.join(', ')})` })
        else if (!(typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65_535)) problems.push({ path: `gateway.ports.${protocol}`, message: 'must be a port from 1 to 65535' })
      }
    }
  }
  return problems
}

/**
 * A vendor's gateway with a provider's override laid over it (host, then each port given).
 * @example
 * withGateway({ host: 'pr.example.net', ports: { http: 7777 } }, { host: 'mine.example.net' }) // { host: 'mine.example.net', ports: { http: 7777 } }
 */
export const withGateway = (defaults: Gateway, override: GatewayOption | undefined): Gateway => ({
  host: override?.host ?? defaults.host,
  ports: { ...defaults.ports, ...override?.ports },
})

/**
 * The gateway's endpoints for these protocols, in their order (a protocol the gateway has no port for is left out).
 * @example
 * gatewayEndpoints({ host: 'h.example', ports: { http: 80, socks5: 1080 } }, ['http']) // [{ protocol: 'http', host: 'h.example', port: 80 }]
 */
export const gatewayEndpoints = (gateway: Gateway, protocols: ReadonlyArray<ProxyProtocol>): ReadonlyArray<ProxyEndpoint> =>
  protocols.flatMap((protocol) => {
    const port = gateway.ports[protocol]
    return port === undefined ? [] : [{ protocol, host: gateway.host, port }]
  })

/** The URL scheme of a protocol; SOCKS5 as `socks5h` (names resolved by the proxy, as the vendors write it). */
const SCHEMES: Readonly<Record<ProxyProtocol, string>> = { http: 'http', https: 'https', socks5: 'socks5h' }

/**
 * `scheme://login:password@host:port` for an endpoint, the login and password
 * percent-encoded (an IPv6 host in brackets). Handle it as a secret: it holds the password.
 * @example
 * proxyUrl({ protocol: 'http', host: 'h.example', port: 80 }, 'user-country-us', 'p@ss') // 'http://user-country-us:p%40ss@h.example:80'
 */
export const proxyUrl = (endpoint: ProxyEndpoint, username: string, password: string): string => {
  const host = isIPv6(endpoint.host) ? `[${endpoint.host}]` : endpoint.host
  return `${SCHEMES[endpoint.protocol]}://${encodeURIComponent(username)}:${encodeURIComponent(password)}@${host}:${endpoint.port}`
}

/**
 * A {@link ProxyAccess}: the password as a Secret (null where the vendor cannot show it) and
 * the proxy URL of the first endpoint as a Secret (null without a password or an endpoint).
 * @example
 * proxyAccess({ provider: 'thordata', subUserId: 'alice001', endpoints, username: 'td-customer-alice001', password: 'Pw12345a' }).url?.reveal()
 */
export const proxyAccess = <Id extends ProviderId>(parts: {
  readonly provider: Id
  readonly subUserId: string
  readonly endpoints: ReadonlyArray<ProxyEndpoint>
  readonly username: string
  readonly password: string | null
}): ProxyAccess<Id> => {
  const first = parts.endpoints[0]
  return {
    provider: parts.provider,
    subUserId: parts.subUserId,
    endpoints: parts.endpoints.map((e) => ({ protocol: e.protocol, host: e.host, port: e.port })),
    username: parts.username,
    password: parts.password === null ? null : secret(parts.password),
    url: parts.password === null || first === undefined ? null : secret(proxyUrl(first, parts.username, parts.password)),
  }
}
