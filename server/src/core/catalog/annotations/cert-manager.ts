/**
 * cert-manager's ingress-shim annotations: put on an Ingress, they make cert-manager create a
 * Certificate for the hosts in the Ingress `tls` section. Descriptions are ours.
 */
import type { AnnotationSpec, AnnotationTarget, Validator, ValueType } from './types';
import { all, goBool, goDuration, intRange, ipList, json, oneOf } from './validators';

const DOCS = 'https://cert-manager.io/docs/usage/ingress/#supported-annotations';

function c(name: string, type: ValueType, description: string, extra: Partial<AnnotationSpec> & { appliesTo?: AnnotationTarget[]; validate?: Validator } = {}): AnnotationSpec {
  return { name, group: 'cert-manager', appliesTo: ['Ingress'], type, status: { state: 'current' }, description, docs: DOCS, ...extra };
}

const KEY_USAGES = ['signing', 'digital signature', 'content commitment', 'key encipherment', 'key agreement', 'data encipherment', 'cert sign', 'crl sign', 'encipher only', 'decipher only', 'any', 'server auth', 'client auth', 'code signing', 'email protection', 's/mime', 'ipsec end system', 'ipsec tunnel', 'ipsec user', 'timestamping', 'ocsp signing', 'microsoft sgc', 'netscape sgc'];

const usages: Validator = (v) => {
  for (const raw of v.split(',')) {
    const u = raw.trim();
    if (!KEY_USAGES.includes(u)) return `"${u}" is not a key usage cert-manager knows (e.g. "digital signature", "key encipherment", "server auth")`;
  }
  return undefined;
};

const emails: Validator = (v) => {
  for (const raw of v.split(',')) {
    const e = raw.trim();
    if (!/^[^\s@<>]+@[^\s@<>]+$/.test(e)) return `"${e}" is not a plain email address`;
  }
  return undefined;
};

export const CERT_MANAGER_ANNOTATIONS: AnnotationSpec[] = [
  c('cert-manager.io/cluster-issuer', 'string', 'The ClusterIssuer that signs the certificate for this Ingress\'s `tls` hosts. cert-manager then creates a Certificate named after each `tls[].secretName`. Use either this or `cert-manager.io/issuer`, not both.'),
  c('cert-manager.io/issuer', 'string', 'The Issuer, in the Ingress namespace, that signs the certificate for this Ingress\'s `tls` hosts. Use either this or `cert-manager.io/cluster-issuer`, not both.'),
  c('cert-manager.io/issuer-kind', 'string', 'The kind of the issuer when it is an external issuer (not cert-manager\'s own Issuer or ClusterIssuer).', { default: 'Issuer' }),
  c('cert-manager.io/issuer-group', 'string', 'The API group of an external issuer.', { default: 'cert-manager.io' }),
  c('kubernetes.io/tls-acme', 'bool', 'The old way of asking for a certificate: with "true", cert-manager uses the default issuer configured on the controller (`--default-issuer-name`). Naming the issuer with `cert-manager.io/cluster-issuer` is clearer.', { validate: goBool, options: ['true', 'false'], status: { state: 'current', note: 'legacy; needs a default issuer configured on cert-manager' } }),
  c('cert-manager.io/common-name', 'string', 'The common name of the certificate; at most 64 bytes.', { validate: (v) => (new TextEncoder().encode(v).length > 64 ? 'a common name may be at most 64 bytes' : undefined) }),
  c('cert-manager.io/alt-names', 'string-list', 'Extra DNS names for the certificate, comma-separated, on top of the `tls` hosts.'),
  c('cert-manager.io/ip-sans', 'ip-list', 'IP addresses to put in the certificate, comma-separated.', { validate: ipList('comma') }),
  c('cert-manager.io/email-sans', 'string-list', 'Email addresses to put in the certificate, comma-separated.', { validate: emails }),
  c('cert-manager.io/uri-sans', 'string-list', 'URIs in the certificate. cert-manager writes it on the Secrets it issues; it is not read from an Ingress.', { appliesTo: [] }),
  c('cert-manager.io/subject-organizations', 'string-list', 'Organization (O) values of the certificate subject, comma-separated.'),
  c('cert-manager.io/subject-organizationalunits', 'string-list', 'Organizational unit (OU) values of the certificate subject, comma-separated.'),
  c('cert-manager.io/subject-countries', 'string-list', 'Country (C) values of the certificate subject, comma-separated.'),
  c('cert-manager.io/subject-provinces', 'string-list', 'State or province (ST) values of the certificate subject, comma-separated.'),
  c('cert-manager.io/subject-localities', 'string-list', 'Locality (L) values of the certificate subject, comma-separated.'),
  c('cert-manager.io/subject-postalcodes', 'string-list', 'Postal code values of the certificate subject, comma-separated.'),
  c('cert-manager.io/subject-streetaddresses', 'string-list', 'Street address values of the certificate subject, comma-separated.'),
  c('cert-manager.io/subject-serialnumber', 'string', 'The serial number attribute of the certificate subject.'),
  c('cert-manager.io/duration', 'duration', 'How long the issued certificate is valid, as a Go duration such as `2160h` (90 days). At least one hour.', { validate: goDuration(3600000, '1h'), default: '2160h' }),
  c('cert-manager.io/renew-before', 'duration', 'How long before expiry cert-manager renews the certificate, as a Go duration such as `360h`. At least five minutes.', { validate: goDuration(300000, '5m') }),
  c('cert-manager.io/renew-before-percentage', 'int', 'When to renew, as a percentage of the certificate\'s lifetime left before expiry.', { validate: intRange(-2147483648, 2147483647) }),
  c('cert-manager.io/usages', 'enum-list', 'The key usages of the certificate, comma-separated (for example `digital signature, key encipherment, server auth`).', { validate: usages, options: KEY_USAGES }),
  c('cert-manager.io/revision-history-limit', 'int', 'How many old CertificateRequests cert-manager keeps for this certificate; at least 1.', { validate: intRange(1, 2147483647) }),
  c('cert-manager.io/private-key-algorithm', 'enum', 'The algorithm of the private key.', { validate: oneOf(['RSA', 'ECDSA', 'Ed25519'], { caseSensitive: true }), options: ['RSA', 'ECDSA', 'Ed25519'], default: 'RSA' }),
  c('cert-manager.io/private-key-encoding', 'enum', 'How the private key is encoded in the Secret.', { validate: oneOf(['PKCS1', 'PKCS8'], { caseSensitive: true }), options: ['PKCS1', 'PKCS8'], default: 'PKCS1' }),
  c('cert-manager.io/private-key-size', 'int', 'The key size: 2048 to 8192 bits for RSA, 256, 384 or 521 for ECDSA; ignored for Ed25519.', { validate: all(intRange(0, 8192)), default: '2048' }),
  c('cert-manager.io/private-key-rotation-policy', 'enum', 'Whether a new private key is generated at each renewal (`Always`) or the existing one is kept (`Never`).', { validate: oneOf(['Never', 'Always'], { caseSensitive: true }), options: ['Never', 'Always'] }),
  c('cert-manager.io/secret-template', 'json', 'Labels and annotations, as JSON (`{"labels": {...}, "annotations": {...}}`), that cert-manager copies onto the certificate Secret.', { validate: json }),
  c('cert-manager.io/ignore-tls-listeners', 'string-list', 'Gateway listeners, by name, that cert-manager should not issue certificates for. Read from Gateways, not Ingresses.', { appliesTo: [] }),
  c('acme.cert-manager.io/http01-edit-in-place', 'bool', 'With an ACME HTTP-01 challenge, adds the challenge path to this Ingress instead of creating a separate one; needed with controllers that allow only one Ingress per host. Only the exact value "true" turns it on.', { validate: oneOf(['true', 'false'], { caseSensitive: true }), options: ['true'] }),
  c('acme.cert-manager.io/http01-ingress-class', 'string', 'The ingress class (old `kubernetes.io/ingress.class` style) of the temporary Ingress used for HTTP-01 challenges.'),
  c('acme.cert-manager.io/http01-ingress-ingressclassname', 'string', 'The IngressClass name (`spec.ingressClassName`) of the temporary Ingress used for HTTP-01 challenges.'),
];
