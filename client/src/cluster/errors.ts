/** Cluster errors in plain words. Every message is redacted before it is built into an error. */
import type { ResourceType } from './resources';
import { scopeWords } from './resources';

export type ClusterErrorReason =
  | 'unreachable'
  | 'tls'
  | 'timeout'
  | 'cancelled'
  | 'unauthorized'
  | 'expired'
  | 'forbidden'
  | 'notFound'
  | 'gone'
  | 'throttled'
  | 'server'
  | 'malformed'
  | 'credentials'
  | 'config';

export class ClusterError extends Error {
  constructor(
    readonly reason: ClusterErrorReason,
    message: string,
    readonly details: { status?: number; verb?: string; resource?: string; namespace?: string; name?: string; code?: string } = {},
  ) {
    super(message);
    this.name = 'ClusterError';
  }

  /** Errors that concern the whole cluster (not one kind of object): a snapshot stops on them. */
  get fatal(): boolean {
    return !['forbidden', 'notFound'].includes(this.reason);
  }
}

export interface RequestDescription {
  verb: 'get' | 'list';
  type: ResourceType;
  namespace?: string;
  name?: string;
}

export function describeRequest(d: RequestDescription): string {
  const what = d.verb === 'get' ? `${d.type.kind} ${d.name ?? ''}`.trim() : d.type.plural;
  return `${d.verb} ${what}${scopeWords(d.type, d.namespace)}`;
}

const NET_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (DNS)',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'the connection timed out',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  ECONNABORTED: 'the connection was aborted',
  UND_ERR_SOCKET: 'the connection was closed',
};

const TLS_WORDS: Record<string, string> = {
  SELF_SIGNED_CERT_IN_CHAIN: "the server's certificate is signed by a CA that is not trusted",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server's certificate is self-signed and not trusted",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's certificate cannot be verified against the trusted CA",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the CA that issued the server's certificate is not trusted",
  CERT_HAS_EXPIRED: "the server's certificate has expired",
  CERT_NOT_YET_VALID: "the server's certificate is not valid yet (check the clock)",
  ERR_TLS_CERT_ALTNAME_INVALID: "the server's certificate is not valid for this address",
  EPROTO: 'the TLS handshake failed (is the server speaking HTTPS on this port?)',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the TLS handshake failed (is the server speaking HTTPS on this port?)',
};

/** A network or TLS failure of one request, in plain words. */
export function networkError(e: NodeJS.ErrnoException, server: string, context: string): ClusterError {
  const code = e.code ?? '';
  if (TLS_WORDS[code] || code.startsWith('ERR_SSL') || code.startsWith('CERT_') || /ssl|tls/i.test(code)) {
    return new ClusterError(
      'tls',
      `TLS failure talking to ${server}: ${TLS_WORDS[code] ?? 'the secure connection could not be established'} (${code}). Check the certificate-authority of the cluster of context ${context}, or the server address.`,
      { code },
    );
  }
  const words = NET_WORDS[code] ?? 'the connection failed';
  return new ClusterError('unreachable', `Cannot reach the cluster at ${server}: ${words}${code ? ` (${code})` : ''}. Check that the cluster is running and that the server address of context ${context} is right.`, { code });
}

/** The Status object of an error response, when the body is one. */
export interface Status {
  kind?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; kind?: string; causes?: { message?: string }[] };
}

export function parseStatus(body: string): Status | undefined {
  try {
    const s = JSON.parse(body) as Status;
    return s && s.kind === 'Status' ? s : undefined;
  } catch {
    return undefined;
  }
}

/** An HTTP error status, in plain words. */
export function httpError(status: number, body: string, req: RequestDescription, server: string, context: string): ClusterError {
  const st = parseStatus(body);
  const what = describeRequest(req);
  const details = { status, verb: req.verb, resource: req.type.plural, namespace: req.namespace, name: req.name };
  const serverSays = st?.message ? ` The server says: ${st.message.slice(0, 300)}` : '';
  switch (status) {
    case 401:
      return new ClusterError(
        'unauthorized',
        `The cluster at ${server} rejected the credentials of context ${context} (401 Unauthorized): the token or client certificate is missing, wrong or expired. Log in again (e.g. refresh your cloud CLI login) and retry.`,
        details,
      );
    case 403: {
      const user = /User "([^"]*)"/.exec(st?.message ?? '')?.[1];
      return new ClusterError(
        'forbidden',
        `You are not allowed to ${req.verb} ${req.type.plural}${scopeWords(req.type, req.namespace)} (403 Forbidden${user ? ` for user ${user}` : ''}). Ask a cluster admin for the "${req.verb}" permission on ${req.type.plural}, or use another context.`,
        details,
      );
    }
    case 404:
      return new ClusterError(
        'notFound',
        req.verb === 'get'
          ? `${req.type.kind} ${req.name}${req.namespace ? ` was not found in namespace ${req.namespace}` : ' was not found'}.`
          : `The cluster does not serve ${req.type.plural} (${req.type.group ? `${req.type.group}/` : ''}${req.type.version}) (404 Not Found).`,
        details,
      );
    case 410:
      return new ClusterError('gone', `The list of ${req.type.plural} changed while it was read page by page (410 Gone). Refresh to read it again.`, details);
    case 429:
      return new ClusterError('throttled', `The cluster is throttling requests (429 Too Many Requests) to ${what}. Try again in a moment.`, details);
    default:
      return new ClusterError('server', `The cluster answered ${status}${st?.reason ? ` ${st.reason}` : ''} to ${what}.${serverSays}`, details);
  }
}
