/**
 * IP address and CIDR formats as the API server parses them for Service fields ("sloppy" parsing:
 * IPv4 octets may carry leading zeros, read as decimal).
 */

export type IpFamily = 'IPv4' | 'IPv6';

const IPV4_OCTET = /^[0-9]{1,3}$/;

export function parseIPv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!IPV4_OCTET.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

/** Parses an IPv6 address into 8 groups; accepts `::` compression and an embedded IPv4 tail. */
export function parseIPv6(s: string): number[] | undefined {
  if (!s.includes(':') || s.includes('%')) return undefined;
  let text = s;
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIPv4(last);
    if (!v4) return undefined;
    text = `${text.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const dbl = text.split('::');
  if (dbl.length > 2) return undefined;
  const group = (g: string): number | undefined => (/^[0-9a-fA-F]{1,4}$/.test(g) ? parseInt(g, 16) : undefined);
  const side = (t: string): number[] | undefined => {
    if (t === '') return [];
    const out: number[] = [];
    for (const g of t.split(':')) {
      const v = group(g);
      if (v === undefined) return undefined;
      out.push(v);
    }
    return out;
  };
  const want = 8;
  if (dbl.length === 2) {
    const a = side(dbl[0]);
    const b = side(dbl[1]);
    if (!a || !b || a.length + b.length > want - 1) return undefined;
    return [...a, ...new Array(want - a.length - b.length).fill(0), ...b];
  }
  const all = side(text);
  if (!all || all.length !== want) return undefined;
  return all;
}

/** The IP family of an address, or undefined when it is not an IP address. */
export function ipFamily(s: string): IpFamily | undefined {
  if (parseIPv4(s)) return 'IPv4';
  if (parseIPv6(s)) return 'IPv6';
  return undefined;
}

export function isIP(s: string): boolean {
  return ipFamily(s) !== undefined;
}

/** Problems with an address used as an external or service IP (empty when fine). */
export function ipAddress(s: string): string[] {
  if (!isIP(s)) return ['must be a valid IPv4 or IPv6 address'];
  return [];
}

/** Addresses the API server refuses as `externalIPs`: unspecified, loopback, link-local, link-local multicast. */
export function specialIP(s: string): string | undefined {
  const v4 = parseIPv4(s);
  if (v4) {
    if (v4.every((o) => o === 0)) return 'the unspecified address 0.0.0.0';
    if (v4[0] === 127) return 'a loopback address';
    if (v4[0] === 169 && v4[1] === 254) return 'a link-local address';
    if (v4[0] === 224 && v4[1] === 0 && v4[2] === 0) return 'a link-local multicast address';
    return undefined;
  }
  const v6 = parseIPv6(s);
  if (v6) {
    if (v6.every((g) => g === 0)) return 'the unspecified address ::';
    if (v6.slice(0, 7).every((g) => g === 0) && v6[7] === 1) return 'a loopback address';
    if ((v6[0] & 0xffc0) === 0xfe80) return 'a link-local address';
    if ((v6[0] & 0xff0f) === 0xff02) return 'a link-local multicast address';
  }
  return undefined;
}

/** Parses `address/prefix`; undefined when malformed. */
export function parseCIDR(s: string): { family: IpFamily; prefix: number } | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const family = ipFamily(m[1]);
  if (!family) return undefined;
  const prefix = Number(m[2]);
  if (prefix > (family === 'IPv4' ? 32 : 128)) return undefined;
  return { family, prefix };
}

export function cidr(s: string): string[] {
  return parseCIDR(s) ? [] : ["must be an IP range in CIDR notation, such as '10.0.0.0/8' or '2001:db8::/32'"];
}
