/**
 * Name formats the Kubernetes API server enforces (apimachinery's `validation` package), as pure
 * functions that return a list of problems in plain words (empty when the value is fine).
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const IANA_SVC_NAME_CHARS = /^[-a-z0-9]+$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const HTTP_PATH_CHARS = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

export const DNS1123_LABEL_MAX = 63;
export const DNS1123_SUBDOMAIN_MAX = 253;

/** A DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters. */
export function dns1123Label(value: string): string[] {
  const out: string[] = [];
  if (value.length > DNS1123_LABEL_MAX) out.push(`must be no more than ${DNS1123_LABEL_MAX} characters (it has ${value.length})`);
  if (!DNS1123_LABEL.test(value)) out.push("must consist of lowercase letters, digits and '-', and start and end with a letter or digit");
  return out;
}

/** A DNS-1035 label: like a DNS-1123 label, but it must start with a letter. Service names use it. */
export function dns1035Label(value: string): string[] {
  const out: string[] = [];
  if (value.length > DNS1123_LABEL_MAX) out.push(`must be no more than ${DNS1123_LABEL_MAX} characters (it has ${value.length})`);
  if (!DNS1035_LABEL.test(value)) out.push("must consist of lowercase letters, digits and '-', start with a letter and end with a letter or digit");
  return out;
}

/** A DNS-1123 subdomain: one or more DNS-1123 labels joined by '.', at most 253 characters. */
export function dns1123Subdomain(value: string): string[] {
  const out: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX) out.push(`must be no more than ${DNS1123_SUBDOMAIN_MAX} characters (it has ${value.length})`);
  if (!DNS1123_SUBDOMAIN.test(value)) out.push("must consist of lowercase letters, digits, '-' and '.', and start and end with a letter or digit");
  return out;
}

/** A wildcard DNS name: `*.` followed by a DNS-1123 subdomain (the `*` only as the whole first label). */
export function wildcardDns1123Subdomain(value: string): string[] {
  const out: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX) out.push(`must be no more than ${DNS1123_SUBDOMAIN_MAX} characters (it has ${value.length})`);
  if (!value.startsWith('*.') || !DNS1123_SUBDOMAIN.test(value.slice(2))) {
    out.push("must have the wildcard '*' as the whole first label ('*.example.com'), followed by lowercase letters, digits, '-' and '.'");
  }
  return out;
}

/**
 * An IANA service name (IANA_SVC_NAME), the format of named container ports, named `targetPort`s
 * and Ingress backend port names: at most 15 characters, lowercase letters, digits and '-', at
 * least one letter, no '-' at either end and no '--'.
 */
export function ianaServiceName(value: string): string[] {
  const out: string[] = [];
  if (value.length > 15) out.push(`must be no more than 15 characters (it has ${value.length})`);
  if (!IANA_SVC_NAME_CHARS.test(value)) out.push("must contain only lowercase letters, digits and '-'");
  else {
    if (!/[a-z]/.test(value)) out.push('must contain at least one letter (a quoted number is read as a name, not a number)');
    if (value.includes('--')) out.push("must not contain two '-' in a row");
    if (value.startsWith('-') || value.endsWith('-')) out.push("must not start or end with '-'");
  }
  return out;
}

/** A valid TCP/UDP/SCTP port number. */
export function isPortNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

/** A qualified name as in label keys and `appProtocol`: an optional DNS-subdomain prefix and '/', then a name of at most 63 characters. */
export function qualifiedName(value: string): string[] {
  const out: string[] = [];
  const parts = value.split('/');
  let name = value;
  if (parts.length === 2) {
    const [prefix, n] = parts;
    name = n;
    if (!prefix) out.push("the prefix before '/' must not be empty");
    else for (const m of dns1123Subdomain(prefix)) out.push(`its prefix ${m}`);
  } else if (parts.length > 2) {
    return ["must be a name, optionally with one DNS prefix and '/' (e.g. 'example.com/my-name')"];
  }
  if (!name) out.push('the name part must not be empty');
  else {
    if (name.length > 63) out.push(`the name part must be no more than 63 characters (it has ${name.length})`);
    if (!QUALIFIED_NAME_PART.test(name)) out.push("the name part must consist of letters, digits, '-', '_' or '.', and start and end with a letter or digit");
  }
  return out;
}

/** `domain/path`, as IngressClass `spec.controller` (e.g. `k8s.io/ingress-nginx`). Messages are whole phrases ("it must ...", "its domain ..."). */
export function domainPrefixedPath(value: string): string[] {
  const slash = value.indexOf('/');
  if (slash < 0) return ["it must be a domain-prefixed path such as 'example.com/my-controller'"];
  const out: string[] = [];
  const domain = value.slice(0, slash);
  const path = value.slice(slash + 1);
  for (const m of dns1123Subdomain(domain)) out.push(`its domain '${domain}' ${m}`);
  if (!path) out.push("it must have a path after the domain and '/'");
  else if (!HTTP_PATH_CHARS.test(path)) out.push('its path must contain only the characters allowed in a URL path');
  return out;
}

/**
 * Values that are template placeholders for another tool to fill in (`${VAR}` and `$VAR` for
 * envsubst, `$(VAR)`, `<your-domain>` in documentation, `__HOST__`): their format is not judged.
 */
export function isPlaceholder(value: string): boolean {
  return /\$\{[^}]*\}|\$\([^)]*\)|\$[A-Z_][A-Z0-9_]*\b|<[^<>\s][^<>]*>|__[A-Za-z0-9_]+__/.test(value);
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** A label value: empty, or at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit. */
export function labelValue(value: string): string[] {
  const out: string[] = [];
  if (value.length > 63) out.push(`must be no more than 63 characters (it has ${value.length})`);
  if (!LABEL_VALUE.test(value)) out.push("must consist of letters, digits, '-', '_' or '.', and start and end with a letter or digit");
  return out;
}
