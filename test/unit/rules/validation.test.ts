import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cidr, isPlaceholder, dns1035Label, dns1123Label, dns1123Subdomain, domainPrefixedPath, ianaServiceName, ipFamily, isPortNumber, parseIPv6, qualifiedName, specialIP, wildcardDns1123Subdomain,
} from '../../../server/src/core/validation';

const ok = (problems: string[]) => assert.deepEqual(problems, []);
const bad = (problems: string[]) => assert.ok(problems.length > 0, 'expected a problem');

test('DNS-1035 label: Service names start with a letter', () => {
  for (const v of ['web', 'a', 'web-1', 'a'.repeat(63)]) ok(dns1035Label(v));
  for (const v of ['1web', 'Web', 'web_1', 'web-', '-web', '', 'a'.repeat(64), 'web.example']) bad(dns1035Label(v));
});

test('DNS-1123 label and subdomain', () => {
  for (const v of ['1web', 'web', 'a-b']) ok(dns1123Label(v));
  for (const v of ['web.example', 'A', 'a_b', '-a']) bad(dns1123Label(v));
  for (const v of ['example.com', 'my-secret', 'a.b.c', '1.2.3.4']) ok(dns1123Subdomain(v));
  for (const v of ['Example.com', 'a..b', '.a', 'a.', 'a_b.c', 'x'.repeat(254), '']) bad(dns1123Subdomain(v));
  ok(dns1123Subdomain(`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`));
});

test('wildcard hosts: the star is the whole first label', () => {
  for (const v of ['*.example.com', '*.a']) ok(wildcardDns1123Subdomain(v));
  for (const v of ['*', '*example.com', 'a.*.com', '*.*.com', '**.com', 'foo*.example.com']) bad(wildcardDns1123Subdomain(v));
});

test('IANA service names: container ports, targetPort and backend port names', () => {
  for (const v of ['http', 'https-443', 'h2c', 'a', 'metrics-port-15']) ok(ianaServiceName(v));
  for (const v of ['8080', 'http--alt', '-http', 'http-', 'HTTP', 'http_port', 'metrics-port-long', '']) bad(ianaServiceName(v));
  assert.match(ianaServiceName('8080').join(' '), /letter/);
});

test('port numbers', () => {
  for (const n of [1, 80, 65535]) assert.ok(isPortNumber(n));
  for (const n of [0, -1, 65536, 80.5, NaN]) assert.ok(!isPortNumber(n));
});

test('qualified names (appProtocol, loadBalancerClass)', () => {
  for (const v of ['http', 'kubernetes.io/h2c', 'example.com/My_Proto.v1']) ok(qualifiedName(v));
  for (const v of ['a/b/c', '/x', 'example.com/', 'Bad_Domain/x', '-x', 'bad class']) bad(qualifiedName(v));
});

test('domain-prefixed paths (IngressClass controller)', () => {
  for (const v of ['k8s.io/ingress-nginx', 'example.com/a/b', 'traefik.io/ingress-controller']) ok(domainPrefixedPath(v));
  for (const v of ['nginx', 'example.com/', 'Example/x', 'example.com/a b']) bad(domainPrefixedPath(v));
});

test('IP addresses: strict IPv4, compressed IPv6, embedded IPv4', () => {
  assert.equal(ipFamily('10.0.0.1'), 'IPv4');
  assert.equal(ipFamily('255.255.255.255'), 'IPv4');
  assert.equal(ipFamily('010.0.0.1'), 'IPv4', 'leading zeros are read as decimal, as the API server does');
  for (const v of ['10.0.0.300', '10.0.0', '0100.0.0.1', '1.2.3.4.5', 'a.b.c.d', '', 'example.com']) assert.equal(ipFamily(v), undefined, v);
  for (const v of ['::', '::1', 'fd00::a', '2001:db8::1:2', '2001:0db8:0000:0000:0000:0000:0000:0001', '::ffff:192.0.2.1', '64:ff9b::10.0.0.1']) assert.equal(ipFamily(v), 'IPv6', v);
  for (const v of ['1::2::3', '2001:db8:::1', '12345::1', ':::', '1:2:3:4:5:6:7:8:9', 'fe80::1%eth0', '::ffff:300.0.0.1']) assert.equal(ipFamily(v), undefined, v);
  assert.deepEqual(parseIPv6('::ffff:192.0.2.1'), [0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201]);
  assert.deepEqual(parseIPv6('2001:db8::1'), [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
});

test('special addresses refused as externalIPs', () => {
  for (const v of ['0.0.0.0', '127.0.0.1', '169.254.1.1', '224.0.0.1', '::', '::1', 'fe80::1', 'ff02::1']) assert.ok(specialIP(v), v);
  for (const v of ['10.0.0.1', '203.0.113.5', '2001:db8::1', '239.1.2.3', 'ff05::1']) assert.equal(specialIP(v), undefined, v);
});

test('CIDR ranges', () => {
  for (const v of ['10.0.0.0/8', '0.0.0.0/0', '203.0.113.7/32', '2001:db8::/32', '::/0']) ok(cidr(v));
  for (const v of ['10.0.0.0/33', '10.0.0.0', '10.0.0.0/', '2001:db8::/129', 'x/8', '10.0.0.0/8/8']) bad(cidr(v));
});

test('template placeholders are recognised, real values are not', () => {
  for (const v of ['${SERVICENAME}', 'nginx-${PROJECT}', '<your-domain>', 'registry.<your domain>', '__INGRESS_HOST__', '$(HOST)', '$INBOUND_CIDRS']) assert.ok(isPlaceholder(v), v);
  for (const v of ['web', 'Web_Service', 'example.com', '10.0.0.1', '/api/(.*)', 'a<b', '$2', '__init']) assert.ok(!isPlaceholder(v), v);
});
