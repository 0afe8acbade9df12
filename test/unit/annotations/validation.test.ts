/**
 * Every ingress-nginx annotation with a validator in the controller has one value it accepts and one
 * it rejects here, so the encoded regexes and option lists are each exercised both ways.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ANNOTATION_GROUPS } from '../../../server/src/core/catalog/annotations';
import { cidrList, goBool, goDuration, goInt, isIPv6, ipList } from '../../../server/src/core/catalog/annotations/validators';

/** suffix → [accepted, rejected] */
const CASES: Record<string, [string, string]> = {
  'server-alias': ['a.example.com, *.example.org', 'a.example.com,b example;'],
  'auth-secret': ['ns/basic-auth', 'basic"auth'],
  'auth-secret-type': ['auth-map', 'htpasswd'],
  'auth-realm': ['Authentication Required', 'realm"; deny all'],
  'auth-type': ['basic', 'bearer'],
  'auth-url': ['http://$host/oauth2/auth?x=1', 'http://a/b;c'],
  'auth-method': ['GET', 'GET;'],
  'auth-signin': ['https://$host/oauth2/start?rd=$escaped_request_uri', 'https://a/b{c}'],
  'auth-signin-redirect-param': ['rd', 'r$d'],
  'auth-cache-key': ['$remote_user$http_authorization', '$remote_user;'],
  'auth-keepalive': ['10', '10s'],
  'auth-keepalive-share-vars': ['true', 'yes'],
  'auth-keepalive-requests': ['1000', '1e3'],
  'auth-keepalive-timeout': ['60', '60.5'],
  'auth-cache-duration': ['200 202 401 5m', '200 5m;'],
  'auth-response-headers': ['X-Auth-Request-User, X-Auth-Request-Email', 'X-User:1'],
  'auth-proxy-set-headers': ['auth/headers', 'auth headers!'],
  'auth-request-redirect': ['https://a.example.com/x?y=1', 'https://a/$x'],
  'auth-always-set-cookie': ['false', 'no'],
  'enable-global-auth': ['0', 'off'],
  'auth-tls-secret': ['default/ca-secret', 'default/ca secret!'],
  'auth-tls-verify-client': ['optional_no_ca', 'required'],
  'auth-tls-verify-depth': ['2', 'two'],
  'auth-tls-error-page': ['https://a.example.com/error.html', 'https://a.example.com/err?x=1'],
  'auth-tls-pass-certificate-to-upstream': ['True', 'TRUE!'],
  'auth-tls-match-cn': ['CN=(alice|bob)', 'CN=(unclosed'],
  'backend-protocol': ['grpcs', 'HTTP2'],
  canary: ['T', 'yes'],
  'canary-weight': ['-5', '5%'],
  'canary-weight-total': ['1000', '10.0'],
  'canary-by-header': ['X-Canary', 'X Canary!'],
  'canary-by-header-value': ['always', 'a|b'],
  'canary-by-header-pattern': ['^(a|b)$', 'a b'],
  'canary-by-cookie': ['canary', 'can;ary'],
  'client-body-buffer-size': ['16K', '16kb'],
  'connection-proxy-header': ['keep-alive', 'upgrade'],
  'enable-cors': ['F', 'enabled'],
  'cors-allow-origin': ['https://a.example.com, https://*.example.org:8443', 'https://a.example.com/path'],
  'cors-allow-headers': ['DNT,Keep-Alive,X-Custom', 'X-Custom;'],
  'cors-allow-methods': ['GET, PUT, POST', 'GET;POST'],
  'cors-allow-credentials': ['false', 'nope'],
  'cors-expose-headers': ['*, X-Total-Count', 'X-Total:Count'],
  'cors-max-age': ['600', '10m'],
  'custom-headers': ['default/custom-headers', 'custom headers?'],
  'custom-http-errors': ['404,503', '404,302'],
  'default-backend': ['error-pages', 'Error_Pages'],
  'disable-proxy-intercept-errors': ['true', 'on'],
  'fastcgi-index': ['index.php', ''.padEnd(0) + 'index php/x'],
  'fastcgi-params-configmap': ['example/fastcgi-params', 'fastcgi params;'],
  'http2-push-preload': ['false', 'disabled'],
  'allowlist-source-range': ['10.0.0.0/8, 192.168.0.1', '10.0.0.0/33'],
  'whitelist-source-range': ['2001:db8::/32', 'example.com'],
  'denylist-source-range': ['203.0.113.7/32', '203.0.113.256'],
  'load-balance': ['ewma', 'EWMA'],
  'enable-access-log': ['false', 'maybe'],
  'enable-rewrite-log': ['true', 'y'],
  'mirror-request-body': ['off', 'false'],
  'mirror-target': ['https://mirror.example.com$request_uri', 'https://mirror.example.com; drop'],
  'mirror-host': ['mirror.example.com', 'mirror example'],
  'enable-modsecurity': ['true', 'on'],
  'enable-owasp-core-rules': ['false', 'off'],
  'modsecurity-transaction-id': ['$request_id', '$request_id;'],
  'enable-opentelemetry': ['1', '2'],
  'opentelemetry-trust-incoming-span': ['0', 'none'],
  'opentelemetry-operation-name': ['my_operation-1', 'my.operation'],
  'use-port-in-redirects': ['true', 'yes'],
  'proxy-connect-timeout': ['15', '15s'],
  'proxy-send-timeout': ['600', '600s'],
  'proxy-read-timeout': ['3600', '1h'],
  'proxy-buffers-number': ['8', 'eight'],
  'proxy-buffer-size': ['8k', '8 kB'],
  'proxy-busy-buffers-size': ['64K', '64KB'],
  'proxy-cookie-path': ['/ /app', '/;/app'],
  'proxy-cookie-domain': ['internal.example.com example.com', 'example.com'],
  'proxy-body-size': ['0', '10mb'],
  'proxy-next-upstream': ['error timeout http_502', 'error,timeout'],
  'proxy-next-upstream-timeout': ['0', '5s'],
  'proxy-next-upstream-tries': ['3', 'three'],
  'proxy-request-buffering': ['off', 'OFF'],
  'proxy-redirect-from': ['http://internal/', 'http://internal/$1'],
  'proxy-redirect-to': ['https://a.example.com/', 'https://a.example.com/;'],
  'proxy-buffering': ['on', 'yes'],
  'proxy-http-version': ['1.1', '2.0'],
  'proxy-max-temp-file-size': ['1024m', '1 GiB'],
  'proxy-ssl-secret': ['default/backend-tls', 'default/backend tls!'],
  'proxy-ssl-ciphers': ['ECDHE-RSA-AES128-GCM-SHA256:!aNULL', 'ECDHE RSA;'],
  'proxy-ssl-protocols': ['TLSv1.2 TLSv1.3', 'TLSv1.1'],
  'proxy-ssl-name': ['backend.internal', 'backend internal'],
  'proxy-ssl-verify': ['on', 'true'],
  'proxy-ssl-verify-depth': ['2', '2.0'],
  'proxy-ssl-server-name': ['on', 'enabled'],
  'limit-rate': ['1024', '1k'],
  'limit-rate-after': ['10240', '10k'],
  'limit-rpm': ['300', '300/m'],
  'limit-rps': ['5', '5r/s'],
  'limit-connections': ['10', 'ten'],
  'limit-burst-multiplier': ['3', '3x'],
  'limit-allowlist': ['10.0.0.0/8', '10.0.0.0/8;'],
  'limit-whitelist': ['192.168.0.0/16', 'localhost'],
  'from-to-www-redirect': ['true', 'www'],
  'temporal-redirect': ['https://www.example.com/maintenance', 'https://www.example.com/$1'],
  'temporal-redirect-code': ['307', '307 Temporary'],
  'permanent-redirect': ['https://www.example.com', 'https://www.example.com;return'],
  'permanent-redirect-code': ['308', '30x'],
  'relative-redirects': ['false', 'relative'],
  'rewrite-target': ['/$2', '/$2?x=1'],
  'ssl-redirect': ['false', 'off'],
  'preserve-trailing-slash': ['true', 'yes'],
  'force-ssl-redirect': ['TRUE', 'Yes'],
  'use-regex': ['true', 'regex'],
  'app-root': ['/app1', 'app root'],
  satisfy: ['any', 'ANY'],
  'service-upstream': ['true', 'on'],
  affinity: ['cookie', 'ip'],
  'affinity-mode': ['persistent', 'sticky'],
  'affinity-canary-behavior': ['legacy', 'Sticky'],
  'session-cookie-name': ['route', 'route;'],
  'session-cookie-secure': ['true', 'secure'],
  'session-cookie-expires': ['172800', 'two days'],
  'session-cookie-max-age': ['-1', 'forever'],
  'session-cookie-path': ['/app', '/app;'],
  'session-cookie-domain': ['.example.com', 'example.com;'],
  'session-cookie-samesite': ['lax', 'Relaxed'],
  'session-cookie-conditional-samesite-none': ['true', 'sometimes'],
  'session-cookie-change-on-failure': ['false', 'never'],
  'ssl-prefer-server-ciphers': ['true', 'prefer'],
  'ssl-ciphers': ['ECDHE-ECDSA-AES256-GCM-SHA384:@SECLEVEL=2', 'ECDHE ECDSA;'],
  'ssl-passthrough': ['true', 'passthrough'],
  'upstream-hash-by': ['$request_uri', '$request_uri;'],
  'upstream-hash-by-subset': ['true', 'subset'],
  'upstream-hash-by-subset-size': ['3', 'three'],
  'upstream-vhost': ['internal.example.com', 'internal example'],
  'x-forwarded-prefix': ['/api', '/api?x'],
};

const PREFIX = 'nginx.ingress.kubernetes.io/';
const validated = ANNOTATION_GROUPS['ingress-nginx'].filter((a) => a.validate);

test('every validated ingress-nginx annotation has a case, and every case a validator', () => {
  assert.equal(validated.length, 133, '136 keys + 2 aliases - 5 snippets (ValidateNull)');
  const suffixes = new Set(validated.map((a) => a.name.slice(PREFIX.length)));
  for (const s of suffixes) assert.ok(CASES[s], `no pass/fail case for ${s}`);
  for (const s of Object.keys(CASES)) assert.ok(suffixes.has(s), `case for ${s}, which has no validator`);
});

for (const a of validated) {
  const suffix = a.name.slice(PREFIX.length);
  const c = CASES[suffix];
  if (!c) continue;
  test(`${suffix}: accepts "${c[0]}", rejects "${c[1]}"`, () => {
    assert.equal(a.validate!(c[0]), undefined, `${suffix} should accept ${c[0]}`);
    const problem = a.validate!(c[1]);
    assert.ok(problem && problem.length > 10, `${suffix} should reject ${c[1]}`);
  });
}

test('line breaks are always rejected by regex validators', () => {
  const a = validated.find((x) => x.name === `${PREFIX}auth-realm`)!;
  assert.match(a.validate!('realm\nx') ?? '', /line break/);
  assert.match(a.validate!('realm\rx') ?? '', /line break/);
});

test('spaces are removed before the regex only where the controller does so', () => {
  const byHeader = validated.find((x) => x.name === `${PREFIX}canary-by-header`)!; // removes spaces
  const pattern = validated.find((x) => x.name === `${PREFIX}canary-by-header-pattern`)!; // keeps them
  assert.equal(byHeader.validate!('X Canary'), undefined);
  assert.ok(pattern.validate!('a b'));
});

test('Go semantics: ParseBool, Atoi', () => {
  for (const v of ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']) assert.equal(goBool(v), undefined, v);
  for (const v of ['yes', 'on', 'tRUE', ' true', '']) assert.ok(goBool(v), v);
  assert.equal(goInt('+5'), undefined);
  assert.equal(goInt('-9223372036854775808'), undefined);
  assert.ok(goInt('9223372036854775808'));
  assert.ok(goInt(' 5'));
});

test('addresses and durations', () => {
  assert.ok(isIPv6('::1') && isIPv6('2001:db8::8a2e:370:7334') && isIPv6('::ffff:192.0.2.1'));
  assert.ok(!isIPv6('2001:db8:::1') && !isIPv6('1:2:3:4:5:6:7:8:9'));
  assert.equal(cidrList('10.0.0.0/8,::/0'), undefined);
  assert.ok(cidrList('010.0.0.0/8'));
  assert.equal(ipList('space')('10.0.0.1  10.0.0.2'), undefined);
  assert.equal(goDuration(3600000, '1h')('1h30m'), undefined);
  assert.ok(goDuration(3600000, '1h')('59m'));
  assert.ok(goDuration()('90 days'));
});

test('ambiguous controller regexes stay fast on long hostile input', () => {
  const hostile = 'a'.repeat(5000) + '#';
  for (const s of ['cors-allow-origin', 'cors-allow-methods', 'cors-expose-headers', 'ssl-ciphers', 'proxy-next-upstream', 'custom-http-errors']) {
    const a = validated.find((x) => x.name === PREFIX + s)!;
    assert.ok(a.validate!(hostile), `${s} rejects the hostile value`);
  }
});
