/**
 * ingress-nginx annotations: the 136 keys the controller parses (parser.AnnotationFields, controller
 * v1.15), the two legacy aliases, and the annotations removed over the project's history.
 * Names are stored under the default prefix; lookups go through the configured prefix
 * (`settings.ingressNginxAnnotationPrefix`, the controller's `--annotations-prefix`).
 * Validation mirrors internal/ingress/annotations/parser/validators.go. Descriptions are ours.
 */
import type { AnnotationSpec, Risk, Validator, ValueType } from './types';
import { cidrList, commonNameMatch, corsOrigins, dns1035, goBool, goInt, goRegex, oneOf, serverAliasList, serverName } from './validators';

export const NGINX_DEFAULT_PREFIX = 'nginx.ingress.kubernetes.io';
const DOCS = 'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/';
const RISK_DOCS = 'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations-risk/';

// The controller's character sets (parser/validators.go), in JavaScript syntax.
const NAME_CHARS = /^[/\-._~a-zA-Z0-9:]*$/; // alphaNumericChars + extended chars: Secret, ConfigMap, header, cookie names
const URL_CHARS = /^[\-._~a-zA-Z0-9/:,?&=]*$/; // URLWithNginxVariableRegex without `$`
const AUTH_URL_CHARS = /^[\-._~a-zA-Z0-9/:, ?&=$]*$/; // auth-url and auth-signin (may hold nginx $variables)
const REGEX_CHARS = /^[/\-._~a-zA-Z0-9:^$[\]{}()*+?|&=\\]*$/; // RegexPathWithCapture
const NGINX_VARIABLE = /^[A-Za-z0-9\-_${}]*$/; // NGINXVariable
const HEADER_LIST = /^[A-Za-z0-9_, -]*$/; // HeadersVariable
const SIZE = /^\d+[bkmg]?$/i; // SizeRegex: (?i)\d+[bkmg]?
const PATH_WITH_CAPTURES = /^\/?[\-._~a-zA-Z0-9/:$]*$/; // rewrite-target, app-root, x-forwarded-prefix

const rx = (re: RegExp, expect: string, removeSpaces = true): Validator => goRegex(re, { removeSpaces, expect });
const names = (what: string) => rx(NAME_CHARS, `${what}: letters, digits and - . _ ~ / :`);
const sizeV = rx(SIZE, 'a size such as "8k", "1m" or "512" (bytes; units b, k, m, g)');
const urlV = rx(URL_CHARS, 'a URL or path made of letters, digits and - . _ ~ / : , ? & =');
const onOff = rx(/^(on|off)$/, '"on" or "off"');

interface Extra {
  default?: string;
  options?: string[];
  typeLabel?: string;
  validation?: string;
  aliasOf?: string;
  references?: AnnotationSpec['references'];
}

function n(key: string, type: ValueType, risk: Risk, scope: 'ingress' | 'location', validate: Validator | undefined, description: string, extra: Extra = {}): AnnotationSpec {
  return {
    name: `${NGINX_DEFAULT_PREFIX}/${key}`,
    group: 'ingress-nginx',
    appliesTo: ['Ingress'],
    type,
    validate,
    risk,
    scope,
    status: extra.aliasOf
      ? { state: 'deprecated', since: 'v1.9.0', replacement: `${NGINX_DEFAULT_PREFIX}/${extra.aliasOf}`, note: 'legacy alias; read only when the new name is not set' }
      : { state: 'current' },
    description,
    docs: risk === 'Critical' ? RISK_DOCS : DOCS,
    ...extra,
    ...(extra.aliasOf ? { aliasOf: `${NGINX_DEFAULT_PREFIX}/${extra.aliasOf}` } : {}),
    ...(type === 'bool' && !extra.options ? { options: ['true', 'false'] } : {}),
  };
}

function removed(key: string, type: ValueType, since: string, description: string, replacement?: string): AnnotationSpec {
  return {
    name: `${NGINX_DEFAULT_PREFIX}/${key}`,
    group: 'ingress-nginx',
    appliesTo: ['Ingress'],
    type,
    status: { state: 'removed', since, replacement: replacement && !replacement.includes(' ') ? `${NGINX_DEFAULT_PREFIX}/${replacement}` : undefined, note: replacement?.includes(' ') ? replacement : undefined },
    description,
    docs: DOCS,
  };
}

const BACKEND_PROTOCOLS = ['HTTP', 'HTTPS', 'AUTO_HTTP', 'GRPC', 'GRPCS', 'FCGI'];
const LOAD_BALANCE = ['round_robin', 'chash', 'chashsubset', 'sticky_balanced', 'sticky_persistent', 'ewma'];
const NEXT_UPSTREAM = ['error', 'timeout', 'invalid_header', 'http_500', 'http_502', 'http_503', 'http_504', 'http_403', 'http_404', 'http_429', 'non_idempotent', 'off'];
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE'];

export const INGRESS_NGINX_ANNOTATIONS: AnnotationSpec[] = [
  // Server aliases
  n('server-alias', 'string-list', 'High', 'ingress', serverAliasList, 'Adds more host names to the nginx server block generated for this Ingress, comma-separated. An alias that clashes with a host another Ingress already serves is ignored.'),
  // Basic and digest authentication
  n('auth-secret', 'string', 'Medium', 'location', names('a Secret name or namespace/name'), 'The Secret holding the credentials for basic or digest authentication: either an htpasswd file under the key `auth`, or one key per user (see `auth-secret-type`). A bare name is looked up in the Ingress namespace.', { references: 'Secret' }),
  n('auth-secret-type', 'enum', 'Low', 'location', rx(/auth-file|auth-map/, '"auth-file" or "auth-map"'), 'How the `auth-secret` is laid out: `auth-file` means one key `auth` holding an htpasswd file, `auth-map` means one key per user with the hashed password as value.', { options: ['auth-file', 'auth-map'], default: 'auth-file' }),
  n('auth-realm', 'string', 'Medium', 'location', rx(/^[/\-._~a-zA-Z0-9: ]*$/, 'letters, digits, spaces and - . _ ~ / :', false), 'The realm text the browser shows in its login prompt for basic authentication.'),
  n('auth-type', 'enum', 'Low', 'location', rx(/basic|digest/, '"basic" or "digest"'), 'Turns on HTTP authentication for the Ingress paths, as `basic` or `digest`. It needs `auth-secret` to name the Secret with the users.', { options: ['basic', 'digest'] }),
  // External authentication
  n('auth-url', 'url', 'High', 'location', rx(AUTH_URL_CHARS, 'an absolute URL (nginx $variables allowed)'), 'Sends a sub-request to this URL before each request reaches the backend; a 2xx answer lets the request through, 401 or 403 denies it. It must be an absolute URL, for example `http://oauth2-proxy.auth.svc.cluster.local/oauth2/auth`.'),
  n('auth-method', 'enum', 'Low', 'location', rx(/^(GET|HEAD|POST|PUT|PATCH|DELETE|CONNECT|OPTIONS|TRACE)$/, 'an HTTP method in upper case, e.g. "GET"'), 'The HTTP method of the authentication sub-request sent to `auth-url`.', { options: HTTP_METHODS }),
  n('auth-signin', 'url', 'High', 'location', rx(AUTH_URL_CHARS, 'a URL (nginx $variables allowed)'), 'Where to send the browser when `auth-url` answers 401, typically the sign-in page of an OAuth proxy. The original URL is passed in the `rd` query parameter unless `auth-signin-redirect-param` says otherwise.'),
  n('auth-signin-redirect-param', 'string', 'Medium', 'location', urlV, 'The name of the query parameter that carries the original URL to the `auth-signin` page.', { default: 'rd' }),
  n('auth-snippet', 'snippet', 'Critical', 'location', undefined, 'Raw nginx configuration inserted into the location that performs the external authentication sub-request. As a snippet it can change anything nginx does, so current controllers refuse it unless the administrator allows snippets.'),
  n('auth-cache-key', 'string', 'Medium', 'location', rx(NGINX_VARIABLE, 'nginx variables and text: letters, digits, - _ $ { }'), 'Turns on caching of external authentication answers and sets the cache key, usually built from nginx variables such as `$remote_user$http_authorization`.'),
  n('auth-keepalive', 'int', 'Low', 'location', goInt, 'How many idle keepalive connections to keep open to the authentication service; 0 turns keepalive off. It only works when `auth-url` names a host, not an IP address with variables.', { default: '0' }),
  n('auth-keepalive-share-vars', 'bool', 'Low', 'location', goBool, 'Lets the authentication sub-request and the main request share nginx variables when keepalive to the authentication service is on.', { default: 'false' }),
  n('auth-keepalive-requests', 'int', 'Low', 'location', goInt, 'How many requests one keepalive connection to the authentication service may carry before it is closed.', { default: '1000' }),
  n('auth-keepalive-timeout', 'int', 'Low', 'location', goInt, 'How long, in seconds, an idle keepalive connection to the authentication service stays open.', { default: '60', typeLabel: 'int (seconds)' }),
  n('auth-cache-duration', 'string-list', 'Medium', 'location', rx(/^[/\-._~a-zA-Z0-9:, ]*$/, 'status codes and a duration, e.g. "200 202 401 5m"', false), 'How long cached authentication answers stay valid, per status code, such as `200 202 401 5m`. Only used together with `auth-cache-key`.', { default: '200 202 401 5m' }),
  n('auth-response-headers', 'header-list', 'Medium', 'location', rx(HEADER_LIST, 'comma-separated header names'), 'Headers of the authentication service answer that are copied onto the request sent to the backend, comma-separated (for example `X-Auth-Request-User, X-Auth-Request-Email`).'),
  n('auth-proxy-set-headers', 'string', 'Medium', 'location', names('a ConfigMap name or namespace/name'), 'A ConfigMap whose entries become extra headers on the sub-request sent to the authentication service.', { references: 'ConfigMap' }),
  n('auth-request-redirect', 'string', 'Medium', 'location', urlV, 'The value of the `X-Auth-Request-Redirect` header sent to the authentication service.'),
  n('auth-always-set-cookie', 'bool', 'Low', 'location', goBool, 'Passes `Set-Cookie` headers from the authentication service to the client even when the backend answers with an error.', { default: 'false' }),
  n('enable-global-auth', 'bool', 'Low', 'location', goBool, 'Set to "false" to exempt this Ingress from the external authentication the administrator configured globally (`global-auth-url` in the controller ConfigMap).', { default: 'true' }),
  // Client certificate authentication
  n('auth-tls-secret', 'string', 'Medium', 'location', names('a Secret namespace/name'), 'The Secret (namespace/name) whose `ca.crt` holds the certificate authorities used to verify client certificates; setting it turns on mutual TLS for the host.', { references: 'Secret' }),
  n('auth-tls-verify-client', 'enum', 'Medium', 'location', rx(/^(on|off|optional|optional_no_ca)$/, '"on", "off", "optional" or "optional_no_ca"'), 'Whether a client certificate is required (`on`), checked only if presented (`optional`), accepted without checking the CA (`optional_no_ca`), or not asked for (`off`).', { options: ['on', 'off', 'optional', 'optional_no_ca'], default: 'on' }),
  n('auth-tls-verify-depth', 'int', 'Low', 'location', goInt, 'How many intermediate certificates may sit between a client certificate and a trusted CA.', { default: '1' }),
  n('auth-tls-error-page', 'url', 'High', 'location', rx(/^(@[A-Za-z0-9_-]+|((https?:\/\/)?[A-Za-z0-9\-.]+(:\d+)?)?(\/[A-Za-z0-9\-_.]+)*\/?)$/, 'a URL, a path, or an @named-location'), 'Where to redirect a client whose certificate fails verification, instead of showing an error.'),
  n('auth-tls-pass-certificate-to-upstream', 'bool', 'Low', 'location', goBool, 'Forwards the verified client certificate to the backend in the `ssl-client-cert` header.', { default: 'false' }),
  n('auth-tls-match-cn', 'string', 'High', 'location', commonNameMatch, 'Accepts only client certificates whose subject common name matches a regular expression, written as `CN=<regex>`.'),
  // Backend protocol
  n('backend-protocol', 'enum', 'Low', 'location', oneOf(BACKEND_PROTOCOLS, { caseSensitive: false, trim: true }), 'The protocol nginx speaks to the backend Pods: plain `HTTP`, `HTTPS`, `GRPC`, `GRPCS`, `AUTO_HTTP` or FastCGI (`FCGI`). Use `HTTPS` or `GRPCS` when the application terminates TLS itself.', { options: BACKEND_PROTOCOLS, default: 'HTTP' }),
  // Canary
  n('canary', 'bool', 'Low', 'ingress', goBool, 'Marks this Ingress as the canary of another Ingress with the same host and path: it then receives only the share of traffic chosen by the other `canary-*` annotations instead of replacing the main Ingress.', { default: 'false' }),
  n('canary-weight', 'int', 'Low', 'ingress', goInt, 'The share of requests sent to the canary, out of `canary-weight-total` (100 by default). Needs `canary: "true"`.'),
  n('canary-weight-total', 'int', 'Low', 'ingress', goInt, 'The total that `canary-weight` is a share of; raise it for finer steps than one percent.', { default: '100' }),
  n('canary-by-header', 'string', 'Medium', 'ingress', names('a header name'), 'A request header that routes requests to the canary: `always` sends them there, `never` keeps them away, anything else falls back to the weight. Needs `canary: "true"`.'),
  n('canary-by-header-value', 'string', 'Medium', 'ingress', names('a header value'), 'The value of the `canary-by-header` header that sends a request to the canary. Needs `canary: "true"`.'),
  n('canary-by-header-pattern', 'regex', 'Medium', 'ingress', rx(REGEX_CHARS, 'a regular expression', false), 'A regular expression matched against the `canary-by-header` header; a match sends the request to the canary. Ignored when `canary-by-header-value` is set.'),
  n('canary-by-cookie', 'string', 'Medium', 'ingress', names('a cookie name'), 'A cookie that routes requests to the canary: value `always` sends them there, `never` keeps them away. Needs `canary: "true"`.'),
  // Buffers and connections
  n('client-body-buffer-size', 'size', 'Low', 'location', sizeV, 'The buffer nginx uses to read a request body; larger bodies are written to a temporary file.'),
  n('connection-proxy-header', 'enum', 'Low', 'location', rx(/^(close|keep-alive)$/, '"close" or "keep-alive"'), 'The value of the `Connection` header nginx sends to the backend.', { options: ['close', 'keep-alive'] }),
  // CORS
  n('enable-cors', 'bool', 'Low', 'ingress', goBool, 'Answers CORS preflight requests and adds the CORS headers to responses, using the `cors-*` annotations.', { default: 'false' }),
  n('cors-allow-origin', 'string-list', 'Medium', 'ingress', corsOrigins, 'The origins allowed to call this host from a browser: `*`, or a comma-separated list of origins such as `https://example.com`, with an optional `*.` wildcard and port, and no path.', { default: '*' }),
  n('cors-allow-headers', 'header-list', 'Medium', 'ingress', rx(HEADER_LIST, 'comma-separated header names'), 'The request headers a browser may send in cross-origin requests (`Access-Control-Allow-Headers`).', { default: 'DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization' }),
  n('cors-allow-methods', 'string-list', 'Medium', 'ingress', rx(/^[A-Za-z]+(?:(?:,\s?|\s)[A-Za-z]+)*(?:,\s?|\s)?$/, 'comma-separated HTTP methods, e.g. "GET, POST"'), 'The methods allowed in cross-origin requests (`Access-Control-Allow-Methods`), comma-separated.', { default: 'GET, PUT, POST, DELETE, PATCH, OPTIONS' }),
  n('cors-allow-credentials', 'bool', 'Low', 'ingress', goBool, 'Whether browsers may send cookies and credentials in cross-origin requests.', { default: 'true' }),
  n('cors-expose-headers', 'header-list', 'Medium', 'ingress', rx(/^[A-Za-z0-9_*-]+(?:(?:,\s?|\s)[A-Za-z0-9_*-]+)*(?:,\s?|\s)?$/, 'comma-separated header names or "*"'), 'Response headers the browser lets scripts read (`Access-Control-Expose-Headers`).'),
  n('cors-max-age', 'int', 'Low', 'ingress', goInt, 'How long, in seconds, a browser may cache the answer to a preflight request.', { default: '1728000', typeLabel: 'int (seconds)' }),
  // Headers and errors
  n('custom-headers', 'string', 'Medium', 'location', names('a ConfigMap name or namespace/name'), 'A ConfigMap whose entries are added as headers to responses sent to the client. The administrator must allow the header names (`global-allowed-response-headers`).', { references: 'ConfigMap' }),
  n('custom-http-errors', 'string-list', 'Low', 'location', rx(/^(?:[4,5]\d{2},?)*$/, 'comma-separated 4xx/5xx status codes, e.g. "404,503"'), 'Status codes (4xx and 5xx, comma-separated) for which nginx serves the default backend\'s error page instead of the backend\'s own answer.'),
  n('default-backend', 'string', 'Low', 'location', dns1035, 'A Service in the Ingress namespace that serves requests when the real backend has no ready endpoints, and the custom error pages.', { references: 'Service' }),
  n('disable-proxy-intercept-errors', 'bool', 'Low', 'location', goBool, 'Passes the backend\'s own error pages through even when `custom-http-errors` is set.', { default: 'false' }),
  // FastCGI
  n('fastcgi-index', 'string', 'Medium', 'location', rx(/^[A-Za-z0-9.\-_]+$/, 'a file name such as "index.php"'), 'The file name FastCGI appends to a URI that ends in a slash (with `backend-protocol: FCGI`).'),
  n('fastcgi-params-configmap', 'string', 'Medium', 'location', names('a ConfigMap name or namespace/name'), 'A ConfigMap whose entries become FastCGI parameters sent to the backend (with `backend-protocol: FCGI`).', { references: 'ConfigMap' }),
  n('http2-push-preload', 'bool', 'Low', 'location', goBool, 'Asked nginx to turn `Link: preload` headers into HTTP/2 server pushes. The nginx version the controller ships no longer does server push, so it has no effect.', { default: 'false' }),
  // Source ranges
  n('allowlist-source-range', 'cidr-list', 'Medium', 'location', cidrList, 'Only clients from these addresses or CIDR blocks (comma-separated) may reach the Ingress; everyone else gets 403.'),
  n('whitelist-source-range', 'cidr-list', 'Medium', 'location', cidrList, 'The old name of `allowlist-source-range`. The controller still reads it, but only when the new name is not set.', { aliasOf: 'allowlist-source-range' }),
  n('denylist-source-range', 'cidr-list', 'Medium', 'location', cidrList, 'Clients from these addresses or CIDR blocks (comma-separated) get 403.'),
  // Load balancing
  n('load-balance', 'enum', 'Low', 'location', oneOf(LOAD_BALANCE, { caseSensitive: true, trim: true }), 'The algorithm that picks a backend Pod for each request.', { options: LOAD_BALANCE, default: 'round_robin' }),
  // Logs
  n('enable-access-log', 'bool', 'Low', 'location', goBool, 'Set to "false" to stop writing access log lines for this Ingress.', { default: 'true' }),
  n('enable-rewrite-log', 'bool', 'Low', 'location', goBool, 'Logs how rewrite rules change each URI, at notice level in the error log; useful when debugging `rewrite-target`.', { default: 'false' }),
  // Mirror
  n('mirror-request-body', 'enum', 'Low', 'ingress', onOff, 'Whether the mirrored request also carries the original request body.', { options: ['on', 'off'], default: 'on' }),
  n('mirror-target', 'url', 'High', 'ingress', serverName, 'A URL to which a copy of every request is sent; the mirror\'s answers are ignored.'),
  n('mirror-host', 'string', 'High', 'ingress', serverName, 'The `Host` header of the mirrored requests.'),
  // ModSecurity
  n('enable-modsecurity', 'bool', 'Low', 'ingress', goBool, 'Turns on the ModSecurity web application firewall for this Ingress (the controller must ship it).', { default: 'false' }),
  n('enable-owasp-core-rules', 'bool', 'Low', 'ingress', goBool, 'Loads the OWASP Core Rule Set into ModSecurity for this Ingress.', { default: 'false' }),
  n('modsecurity-transaction-id', 'string', 'High', 'ingress', rx(NGINX_VARIABLE, 'nginx variables and text: letters, digits, - _ $ { }'), 'The ModSecurity transaction id, usually an nginx variable such as `$request_id`.'),
  n('modsecurity-snippet', 'snippet', 'Critical', 'ingress', undefined, 'Raw ModSecurity rules added for this Ingress. As a snippet, current controllers refuse it unless the administrator allows snippets and Critical-risk annotations.'),
  // OpenTelemetry
  n('enable-opentelemetry', 'bool', 'Low', 'location', goBool, 'Turns OpenTelemetry tracing on or off for this Ingress, overriding the controller-wide setting.'),
  n('opentelemetry-trust-incoming-span', 'bool', 'Low', 'location', goBool, 'Continues the trace of an incoming request\'s span context instead of starting a new trace.', { default: 'true' }),
  n('opentelemetry-operation-name', 'string', 'Medium', 'location', rx(/^[A-Za-z0-9_-]*$/, 'letters, digits, - and _'), 'The name given to the server span of requests to this Ingress.'),
  // Redirect details
  n('use-port-in-redirects', 'bool', 'Low', 'location', goBool, 'Keeps the port number in redirects that nginx itself issues.', { default: 'false' }),
  // Proxy
  n('proxy-connect-timeout', 'int', 'Low', 'location', goInt, 'Seconds to wait while opening a connection to a backend Pod. A number without a unit.', { default: '5', typeLabel: 'int (seconds)' }),
  n('proxy-send-timeout', 'int', 'Low', 'location', goInt, 'Seconds allowed between two writes to the backend while sending a request. A number without a unit.', { default: '60', typeLabel: 'int (seconds)' }),
  n('proxy-read-timeout', 'int', 'Low', 'location', goInt, 'Seconds allowed between two reads from the backend while waiting for the answer; raise it for slow requests or long polling. A number without a unit.', { default: '60', typeLabel: 'int (seconds)' }),
  n('proxy-buffers-number', 'int', 'Low', 'location', goInt, 'How many buffers nginx uses for one response from the backend.', { default: '4' }),
  n('proxy-buffer-size', 'size', 'Low', 'location', sizeV, 'The buffer for the first part of the backend answer, which holds the response headers; raise it when large headers or cookies cause 502 errors.', { default: '4k' }),
  n('proxy-busy-buffers-size', 'size', 'Low', 'location', sizeV, 'How much of the response buffers may be busy sending to the client while the response is not yet fully read.'),
  n('proxy-cookie-path', 'string', 'Medium', 'location', urlV, 'Rewrites the `path` attribute of `Set-Cookie` headers from the backend, as "<from> <to>".'),
  n('proxy-cookie-domain', 'string', 'Medium', 'location', rx(/^(off|[\-._~a-zA-Z0-9/:]+\s+[\-._~a-zA-Z0-9/:]+)$/, '"off" or "<from-domain> <to-domain>"', false), 'Rewrites the `domain` attribute of `Set-Cookie` headers from the backend: "<from> <to>", or "off".', { default: 'off' }),
  n('proxy-body-size', 'size', 'Medium', 'location', sizeV, 'The largest request body the client may send; bigger uploads get 413. "0" removes the limit.', { default: '1m' }),
  n('proxy-next-upstream', 'enum-list', 'Medium', 'location', rx(/^((error|timeout|invalid_header|http_500|http_502|http_503|http_504|http_403|http_404|http_429|non_idempotent|off)\s?)+$/, `space-separated conditions out of ${NEXT_UPSTREAM.join(', ')}`, false), 'In which cases nginx retries a request on another Pod, space-separated (for example `error timeout http_502`).', { options: NEXT_UPSTREAM, default: 'error timeout' }),
  n('proxy-next-upstream-timeout', 'int', 'Low', 'location', goInt, 'Seconds after which nginx stops retrying on other Pods; 0 means no limit.', { default: '0', typeLabel: 'int (seconds)' }),
  n('proxy-next-upstream-tries', 'int', 'Low', 'location', goInt, 'How many Pods a request may be tried on; 0 means no limit.', { default: '3' }),
  n('proxy-request-buffering', 'enum', 'Low', 'location', oneOf(['on', 'off'], { caseSensitive: true, trim: true }), 'Whether nginx reads the whole request body before sending it to the backend (`on`) or streams it (`off`).', { options: ['on', 'off'], default: 'on' }),
  n('proxy-redirect-from', 'string', 'Medium', 'location', urlV, 'The text to replace in `Location` and `Refresh` headers from the backend (with `proxy-redirect-to`); `off` or `default` are accepted too.'),
  n('proxy-redirect-to', 'string', 'Medium', 'location', urlV, 'What `proxy-redirect-from` is replaced with in redirects from the backend.'),
  n('proxy-buffering', 'enum', 'Low', 'location', oneOf(['on', 'off'], { caseSensitive: true, trim: true }), 'Whether nginx buffers backend answers before sending them to the client; turn it off for streaming.', { options: ['on', 'off'], default: 'off' }),
  n('proxy-http-version', 'enum', 'Low', 'location', oneOf(['1.0', '1.1'], { caseSensitive: true, trim: true }), 'The HTTP version nginx uses towards the backend.', { options: ['1.0', '1.1'], default: '1.1' }),
  n('proxy-max-temp-file-size', 'size', 'Low', 'location', sizeV, 'The largest temporary file a buffered backend answer may spill into; "0" turns spilling off.'),
  n('proxy-ssl-secret', 'string', 'Medium', 'ingress', names('a Secret namespace/name'), 'A Secret (namespace/name) with `tls.crt`, `tls.key` and optionally `ca.crt`, used when nginx talks HTTPS to the backend: client certificate and the CA to verify the backend.', { references: 'Secret' }),
  n('proxy-ssl-ciphers', 'string', 'Medium', 'ingress', rx(/^[A-Za-z0-9+:_!-]*$/, 'an OpenSSL cipher list'), 'The ciphers nginx offers on HTTPS connections to the backend, in OpenSSL syntax.', { default: 'DEFAULT' }),
  n('proxy-ssl-protocols', 'string', 'Low', 'ingress', rx(/^(TLSv1\.2|TLSv1\.3| )*$/, '"TLSv1.2", "TLSv1.3" or both, space-separated'), 'The TLS versions nginx may use towards the backend.', { default: 'TLSv1.2 TLSv1.3', options: ['TLSv1.2 TLSv1.3', 'TLSv1.3', 'TLSv1.2'] }),
  n('proxy-ssl-name', 'string', 'High', 'ingress', serverName, 'The server name nginx sends (SNI) and verifies on the backend certificate.'),
  n('proxy-ssl-verify', 'enum', 'Low', 'ingress', onOff, 'Whether nginx verifies the backend\'s certificate against the CA of `proxy-ssl-secret`.', { options: ['on', 'off'], default: 'off' }),
  n('proxy-ssl-verify-depth', 'int', 'Low', 'ingress', goInt, 'How long a certificate chain from the backend nginx accepts.', { default: '1' }),
  n('proxy-ssl-server-name', 'enum', 'Low', 'ingress', onOff, 'Whether nginx sends the server name (SNI) when it opens HTTPS connections to the backend.', { options: ['on', 'off'], default: 'off' }),
  // Rate limits
  n('limit-rate', 'int', 'Low', 'location', goInt, 'Caps how fast a response is sent to one client, in bytes per second; 0 means no cap.', { typeLabel: 'int (bytes per second)' }),
  n('limit-rate-after', 'int', 'Low', 'location', goInt, 'How many bytes of a response are sent at full speed before `limit-rate` applies.', { typeLabel: 'int (bytes)' }),
  n('limit-rpm', 'int', 'Low', 'location', goInt, 'Requests per minute allowed from one client address; the excess gets 503 (or the configured status).'),
  n('limit-rps', 'int', 'Low', 'location', goInt, 'Requests per second allowed from one client address; the excess gets 503 (or the configured status).'),
  n('limit-connections', 'int', 'Low', 'location', goInt, 'Simultaneous connections allowed from one client address.'),
  n('limit-burst-multiplier', 'int', 'Low', 'location', goInt, 'How far above the rate a short burst may go, as a multiple of `limit-rps`/`limit-rpm`.', { default: '5' }),
  n('limit-allowlist', 'cidr-list', 'Low', 'location', cidrList, 'Client addresses or CIDR blocks (comma-separated) that the rate limits do not apply to.'),
  n('limit-whitelist', 'cidr-list', 'Low', 'location', cidrList, 'The old name of `limit-allowlist`. The controller still reads it, but only when the new name is not set.', { aliasOf: 'limit-allowlist' }),
  // Redirects
  n('from-to-www-redirect', 'bool', 'Low', 'location', goBool, 'Redirects `www.<host>` to `<host>`, or the other way round when the rule host starts with `www.`.', { default: 'false' }),
  n('temporal-redirect', 'url', 'Medium', 'location', rx(URL_CHARS, 'a URL', false), 'Answers every request with a temporary redirect (302 by default) to this URL instead of proxying it.'),
  n('temporal-redirect-code', 'int', 'Low', 'location', goInt, 'The status code of `temporal-redirect`.', { default: '302' }),
  n('permanent-redirect', 'url', 'Medium', 'location', rx(URL_CHARS, 'a URL', false), 'Answers every request with a permanent redirect (301 by default) to this URL instead of proxying it.'),
  n('permanent-redirect-code', 'int', 'Low', 'location', goInt, 'The status code of `permanent-redirect`.', { default: '301' }),
  n('relative-redirects', 'bool', 'Low', 'location', goBool, 'Makes redirects that nginx issues itself use relative `Location` headers.', { default: 'false' }),
  // Rewrite and TLS redirect
  n('rewrite-target', 'string', 'Medium', 'ingress', rx(PATH_WITH_CAPTURES, 'a path, possibly with $1, $2 … capture references', false), 'Replaces the request path before it is sent to the backend. `$1`, `$2`… refer to capture groups in the Ingress paths, which then must be regular expressions such as `/api(/|$)(.*)`; setting this annotation makes every path of the host a regex.'),
  n('ssl-redirect', 'bool', 'Low', 'location', goBool, 'Redirects plain HTTP to HTTPS when the Ingress has TLS. Set "false" to serve plain HTTP too.', { default: 'true' }),
  n('preserve-trailing-slash', 'bool', 'Medium', 'location', goBool, 'Keeps a trailing slash in the URL when redirecting from HTTP to HTTPS.', { default: 'false' }),
  n('force-ssl-redirect', 'bool', 'Medium', 'location', goBool, 'Redirects HTTP to HTTPS even when TLS is terminated before the controller (for example at a cloud load balancer).', { default: 'false' }),
  n('use-regex', 'bool', 'Low', 'location', goBool, 'Treats the Ingress paths as regular expressions (nginx `~*` locations). It applies to every Ingress with the same host.', { default: 'false' }),
  n('app-root', 'string', 'Medium', 'location', rx(PATH_WITH_CAPTURES, 'a path such as "/app"', false), 'Redirects requests for `/` to this path.'),
  n('satisfy', 'enum', 'Low', 'location', oneOf(['any', 'all'], { caseSensitive: true, trim: true }), 'With several access checks (addresses and authentication), whether passing `any` of them is enough or `all` are needed.', { options: ['any', 'all'], default: 'all' }),
  n('server-snippet', 'snippet', 'Critical', 'ingress', undefined, 'Raw nginx configuration inserted into the server block of the Ingress host. As a snippet it can change anything nginx does, so current controllers refuse it unless the administrator allows snippets.'),
  n('service-upstream', 'bool', 'Low', 'ingress', goBool, 'Sends traffic to the Service\'s cluster IP instead of straight to the Pod endpoints, leaving load balancing to kube-proxy; retries to other Pods are then not possible.', { default: 'false' }),
  // Session affinity
  n('affinity', 'enum', 'Low', 'ingress', oneOf(['cookie'], { caseSensitive: true, trim: true }), 'Turns on sticky sessions. The only kind is `cookie`: a cookie pins each client to one Pod.', { options: ['cookie'] }),
  n('affinity-mode', 'enum', 'Medium', 'ingress', oneOf(['balanced', 'persistent'], { caseSensitive: true, trim: true }), 'With `affinity`, `balanced` moves some sessions when Pods scale to spread load, `persistent` never moves a session.', { options: ['balanced', 'persistent'], default: 'balanced' }),
  n('affinity-canary-behavior', 'enum', 'Low', 'ingress', oneOf(['sticky', 'legacy'], { caseSensitive: true, trim: true }), 'On a canary Ingress: `sticky` keeps clients of the canary on it, `legacy` ignores affinity when choosing canary or main.', { options: ['sticky', 'legacy'], default: 'sticky' }),
  n('session-cookie-name', 'string', 'Medium', 'ingress', names('a cookie name'), 'The name of the sticky-session cookie.', { default: 'INGRESSCOOKIE' }),
  n('session-cookie-secure', 'bool', 'Low', 'ingress', goBool, 'Sets the `Secure` attribute on the sticky-session cookie.', { default: 'false' }),
  n('session-cookie-expires', 'int', 'Medium', 'ingress', rx(/(^0|-?[1-9]\d*$)/, 'a number of seconds'), 'Lifetime of the sticky-session cookie in seconds (its `Expires` attribute).', { typeLabel: 'int (seconds)' }),
  n('session-cookie-max-age', 'int', 'Medium', 'ingress', rx(/(^0|-?[1-9]\d*$)/, 'a number of seconds', false), 'Lifetime of the sticky-session cookie in seconds (its `Max-Age` attribute).', { typeLabel: 'int (seconds)' }),
  n('session-cookie-path', 'string', 'Medium', 'ingress', urlV, 'The `Path` of the sticky-session cookie; required when the Ingress paths are regular expressions.', { default: '/' }),
  n('session-cookie-domain', 'string', 'Medium', 'ingress', names('a domain'), 'The `Domain` of the sticky-session cookie.'),
  n('session-cookie-samesite', 'enum', 'Low', 'ingress', oneOf(['None', 'Lax', 'Strict'], { caseSensitive: false }), 'The `SameSite` attribute of the sticky-session cookie.', { options: ['None', 'Lax', 'Strict'] }),
  n('session-cookie-conditional-samesite-none', 'bool', 'Low', 'ingress', goBool, 'Leaves out `SameSite=None` for browsers known to mishandle it.', { default: 'false' }),
  n('session-cookie-change-on-failure', 'bool', 'Low', 'ingress', goBool, 'Issues a new cookie, and so picks a new Pod, when the request to the pinned Pod fails.', { default: 'false' }),
  n('configuration-snippet', 'snippet', 'Critical', 'location', undefined, 'Raw nginx configuration inserted into each location of the Ingress. As a snippet it can change anything nginx does, so current controllers refuse it unless the administrator allows snippets.'),
  // TLS
  n('ssl-prefer-server-ciphers', 'bool', 'Low', 'ingress', goBool, 'Makes nginx prefer its own cipher order over the client\'s on this host.'),
  n('ssl-ciphers', 'string', 'Low', 'ingress', rx(/^(?:[A-Za-z0-9!:+\-_]|@STRENGTH|@SECLEVEL=[0-5])*$/, 'an OpenSSL cipher list'), 'The TLS ciphers offered to clients on this host, in OpenSSL syntax.'),
  n('ssl-passthrough', 'bool', 'Low', 'ingress', goBool, 'Passes TLS connections through to the backend untouched, routed by SNI; nginx does not terminate TLS, so path rules and most other annotations do not apply. The controller must run with `--enable-ssl-passthrough`.', { default: 'false' }),
  n('stream-snippet', 'snippet', 'Critical', 'ingress', undefined, 'Raw nginx configuration inserted into the stream (TCP/UDP) block. As a snippet, current controllers refuse it unless the administrator allows snippets.'),
  // Upstream hashing
  n('upstream-hash-by', 'string', 'High', 'location', rx(NGINX_VARIABLE, 'nginx variables and text: letters, digits, - _ $ { }'), 'Chooses the backend Pod by consistent hashing of this key, made of nginx variables such as `$request_uri` or `$binary_remote_addr`.'),
  n('upstream-hash-by-subset', 'bool', 'Low', 'location', goBool, 'Hashes to a group of Pods rather than one, then picks randomly inside the group.', { default: 'false' }),
  n('upstream-hash-by-subset-size', 'int', 'Low', 'location', goInt, 'How many Pods are in each group with `upstream-hash-by-subset`.', { default: '3' }),
  n('upstream-vhost', 'string', 'Low', 'location', serverName, 'The `Host` header sent to the backend instead of the request\'s own host.'),
  n('x-forwarded-prefix', 'string', 'Medium', 'location', rx(PATH_WITH_CAPTURES, 'a path, possibly with $1, $2 … capture references'), 'Adds an `X-Forwarded-Prefix` header with this value to requests sent to the backend, so the application can build its own URLs behind a rewrite.'),

  // Removed annotations: the controller ignores them silently.
  removed('secure-backends', 'bool', '0.21.0', 'Made nginx talk HTTPS to the backend.', 'backend-protocol'),
  removed('grpc-backend', 'bool', '0.21.0', 'Made nginx talk gRPC to the backend.', 'backend-protocol'),
  removed('upstream-max-fails', 'int', '0.21.0', 'Set how many failed attempts mark a backend down.'),
  removed('upstream-fail-timeout', 'int', '0.21.0', 'Set how long a backend stayed marked down after failures.'),
  removed('add-base-url', 'bool', '0.22.0', 'Added a `<base>` tag to HTML answers.', 'rewrite-target with capture groups, or fix the links in the application'),
  removed('base-url-scheme', 'string', '0.22.0', 'Set the scheme of the `<base>` tag added by `add-base-url`.'),
  removed('session-cookie-hash', 'enum', '0.24.0', 'Chose the hash used for the sticky-session cookie value.'),
  removed('proxy-buffer-number', 'int', 'Feb 2019', 'Misspelt early name for the number of proxy buffers.', 'proxy-buffers-number'),
  removed('vts-filter-key', 'string', '0.16.0', 'Grouped metrics of the removed VTS statistics module.'),
  removed('proxy-pass-params', 'string', '0.12.0', 'Added parameters to the proxy_pass directive.'),
  removed('secure-verify-ca-secret', 'string', '0.27.0', 'Named the CA used to verify an HTTPS backend.', 'proxy-ssl-secret'),
  removed('lua-resty-waf', 'string', '0.27.0', 'Turned on the lua-resty-waf firewall.', 'enable-modsecurity'),
  removed('lua-resty-waf-debug', 'bool', '0.27.0', 'Logged lua-resty-waf decisions.', 'enable-modsecurity'),
  removed('lua-resty-waf-ignore-rulesets', 'string', '0.27.0', 'Skipped lua-resty-waf rule sets.', 'enable-modsecurity'),
  removed('lua-resty-waf-extra-rules', 'string', '0.27.0', 'Added lua-resty-waf rules.', 'enable-modsecurity'),
  removed('lua-resty-waf-allow-unknown-content-types', 'bool', '0.27.0', 'Let lua-resty-waf pass unknown content types.', 'enable-modsecurity'),
  removed('lua-resty-waf-score-threshold', 'int', '0.27.0', 'Set the lua-resty-waf anomaly score threshold.', 'enable-modsecurity'),
  removed('lua-resty-waf-process-multipart-body', 'bool', '0.27.0', 'Let lua-resty-waf inspect multipart bodies.', 'enable-modsecurity'),
  removed('mirror-uri', 'string', '0.29.0', 'Named the internal location that mirrored requests went to.', 'mirror-target'),
  removed('enable-influxdb', 'bool', 'v1.7.1', 'Sent request metrics to InfluxDB.'),
  removed('influxdb-measurement', 'string', 'v1.7.1', 'Named the InfluxDB measurement.'),
  removed('influxdb-port', 'int', 'v1.7.1', 'Set the InfluxDB port.'),
  removed('influxdb-host', 'string', 'v1.7.1', 'Set the InfluxDB host.'),
  removed('influxdb-server-name', 'string', 'v1.7.1', 'Set the server name reported to InfluxDB.'),
  removed('enable-opentracing', 'bool', 'v1.10.0', 'Turned OpenTracing on for the Ingress.', 'enable-opentelemetry'),
  removed('opentracing-trust-incoming-span', 'bool', 'v1.10.0', 'Continued incoming OpenTracing spans.', 'opentelemetry-trust-incoming-span'),
  removed('global-rate-limit', 'int', 'v1.12.0', 'Rate limit shared by all controller replicas through memcached.', 'limit-rps or limit-rpm (per replica)'),
  removed('global-rate-limit-window', 'duration', 'v1.12.0', 'Time window of the global rate limit.'),
  removed('global-rate-limit-key', 'string', 'v1.12.0', 'Key the global rate limit counted by.'),
  removed('global-rate-limit-ignored-cidrs', 'cidr-list', 'v1.12.0', 'Addresses exempt from the global rate limit.'),
];
