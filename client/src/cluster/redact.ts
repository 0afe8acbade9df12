/**
 * Redaction: tokens, passwords, client keys and secret values never reach a log, a report or an
 * error message. Every text that leaves the cluster layer goes through `redact`.
 */

/** Whole matches replaced by [redacted]. */
const WHOLE: RegExp[] = [
  // PEM blocks (private keys, certificates).
  /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g,
  // Authorization header values.
  /\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/gi,
  // JWTs (service account tokens, OIDC id tokens).
  /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
];
/** key: value / key=value pairs whose key names a secret: the value is replaced. */
const PAIR = /\b((?:client-key-data|token|id-token|refresh-token|access-token|client-secret|password|secret)["']?\s*[:=]\s*["']?)[^\s"',}]{4,}/gi;

export const REDACTED = '[redacted]';

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Remember a value that must never be shown (ignored when too short to be a secret). */
  add(value: string | undefined | null): void {
    if (!value || value.length < 6) return;
    this.secrets.add(value);
    // Basic credentials and base64 forms show up encoded too.
    const b64 = Buffer.from(value).toString('base64');
    if (b64.length >= 8) this.secrets.add(b64);
  }

  redact(text: string): string {
    let out = text;
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(REDACTED);
    return redactPatterns(out);
  }
}

export function redactPatterns(text: string): string {
  let out = text;
  for (const p of WHOLE) out = out.replace(p, REDACTED);
  return out.replace(PAIR, (_m, prefix: string) => `${prefix}${REDACTED}`);
}
