/**
 * ClusterReader: read-only access to one cluster (one kubeconfig context).
 *
 * Invariants:
 * - Only GET is ever sent. There is no method here, or anywhere in kube-expose, that creates,
 *   updates, patches or deletes, execs or port-forwards (tests record every request).
 * - Every request has a timeout and honours an AbortSignal; 429 and 5xx answers are retried a
 *   bounded number of times with backoff; lists are paged with `limit`/`continue`.
 * - Errors are ClusterErrors in plain words; every text (messages, logs) is redacted.
 * - Secrets are only ever listed as metadata (PartialObjectMetadataList), never their data.
 *
 * The HTTP layer is node's own http/https over the TLS and auth options that
 * @kubernetes/client-node derives from the kubeconfig (see kubeconfig.ts), so what the server
 * sees is exactly what this file sends.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { X509Certificate } from 'node:crypto';
import { ClusterError, describeRequest, httpError, networkError, type RequestDescription } from './errors';
import { Redactor } from './redact';
import { RESOURCES, resourcePath, type ResourceName, type ResourceType } from './resources';

export interface ClusterConnection {
  /** The kubeconfig context name. */
  readonly context: string;
  /** The API server URL (may carry a path prefix). */
  readonly server: string;
  /** TLS material and auth headers for one request; may run a credential plugin. */
  requestOptions(): Promise<https.RequestOptions>;
  readonly redactor: Redactor;
}

export type LogFn = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

export interface ReaderOptions {
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Extra attempts after a 429/5xx or a reset connection. */
  retries?: number;
  /** First backoff delay; doubled at each retry. */
  retryBaseMs?: number;
  /** Upper bound of one backoff delay (Retry-After is capped to it too). */
  retryMaxMs?: number;
  /** Largest answer accepted, in bytes. */
  maxBodyBytes?: number;
  log?: LogFn;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  signal?: AbortSignal;
}

export interface ListPage<T> {
  items: T[];
  /** The token of the next page, when there is one. */
  continue?: string;
  resourceVersion?: string;
}

export interface ListAllOptions extends Omit<ListOptions, 'limit' | 'continue'> {
  pageSize?: number;
  /** Stop after this many items (the result is then marked truncated). */
  maxItems?: number;
}

const PARTIAL_METADATA_LIST = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';
const PARTIAL_METADATA = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1';
const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export class ClusterReader {
  readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly maxBodyBytes: number;
  private readonly log: LogFn;

  constructor(
    readonly connection: ClusterConnection,
    options: ReaderOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.retries = options.retries ?? 2;
    this.retryBaseMs = options.retryBaseMs ?? 300;
    this.retryMaxMs = options.retryMaxMs ?? 5_000;
    this.maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
    const log = options.log ?? (() => undefined);
    const redactor = connection.redactor;
    this.log = (level, message) => log(level, redactor.redact(message));
  }

  get context(): string {
    return this.connection.context;
  }

  /** GET one object. A missing object is a ClusterError with reason "notFound". */
  async get<T>(resource: ResourceName, name: string, opts: { namespace?: string; signal?: AbortSignal } = {}): Promise<T> {
    const type = RESOURCES[resource];
    if (resource === 'secrets') return (await this.getSecretMetadata(name, opts.namespace ?? '', opts.signal)) as T;
    return this.request<T>(resourcePath(type, opts.namespace, name), { verb: 'get', type, namespace: opts.namespace, name }, 'application/json', opts.signal);
  }

  /** One page of a list. */
  async list<T>(resource: ResourceName, opts: ListOptions = {}): Promise<ListPage<T>> {
    const type = RESOURCES[resource];
    const q = new URLSearchParams();
    if (opts.labelSelector) q.set('labelSelector', opts.labelSelector);
    if (opts.fieldSelector) q.set('fieldSelector', opts.fieldSelector);
    if (opts.limit) q.set('limit', String(opts.limit));
    if (opts.continue) q.set('continue', opts.continue);
    const path = resourcePath(type, opts.namespace) + (q.size ? `?${q}` : '');
    // Secrets: metadata only, always.
    const accept = resource === 'secrets' ? PARTIAL_METADATA_LIST : 'application/json';
    const body = await this.request<{ items?: T[] | null; metadata?: { continue?: string; resourceVersion?: string } }>(path, { verb: 'list', type, namespace: opts.namespace }, accept, opts.signal);
    if (resource === 'secrets' && (body as { kind?: string }).kind !== 'PartialObjectMetadataList') {
      // A server that ignored the Accept header sent the data: drop it, keep the names.
      this.log('warn', 'the server did not honour the metadata-only request for secrets; their data was discarded');
      body.items = (body.items ?? []).map((s) => ({ metadata: (s as { metadata?: unknown }).metadata }) as T);
    }
    return { items: body.items ?? [], continue: body.metadata?.continue || undefined, resourceVersion: body.metadata?.resourceVersion };
  }

  /** Every page of a list (bounded by maxItems). */
  async listAll<T>(resource: ResourceName, opts: ListAllOptions = {}): Promise<{ items: T[]; truncated: boolean }> {
    const pageSize = opts.pageSize ?? 500;
    const max = opts.maxItems ?? 10_000;
    const items: T[] = [];
    let token: string | undefined;
    do {
      const page = await this.list<T>(resource, { ...opts, limit: pageSize, continue: token });
      items.push(...page.items);
      token = page.continue;
      if (items.length >= max) return { items: items.slice(0, max), truncated: !!token || items.length > max };
    } while (token);
    return { items, truncated: false };
  }

  private async getSecretMetadata(name: string, namespace: string, signal?: AbortSignal): Promise<unknown> {
    const type = RESOURCES.secrets;
    const body = await this.request<{ kind?: string; metadata?: unknown }>(resourcePath(type, namespace, name), { verb: 'get', type, namespace, name }, PARTIAL_METADATA, signal);
    return { kind: 'PartialObjectMetadata', metadata: body.metadata };
  }

  /** The server's version (GET /version), to test the connection. */
  async version(signal?: AbortSignal): Promise<{ gitVersion?: string; major?: string; minor?: string }> {
    const type: ResourceType = { kind: 'version', plural: 'version', group: '', version: '', namespaced: false };
    return this.request('/version', { verb: 'get', type, name: 'version' }, 'application/json', signal);
  }

  // ---------------------------------------------------------------- HTTP

  private async request<T>(path: string, req: RequestDescription, accept: string, signal?: AbortSignal): Promise<T> {
    let attempt = 0;
    for (;;) {
      if (signal?.aborted) throw new ClusterError('cancelled', `Cancelled: ${describeRequest(req)}.`);
      let answer: Answer;
      const t0 = Date.now();
      try {
        answer = await this.send(path, accept, signal);
      } catch (e) {
        const err = this.toClusterError(e, req);
        const retryable = err.reason === 'unreachable' && (err.details.code === 'ECONNRESET' || err.details.code === 'EPIPE');
        this.log('debug', `GET ${path} failed after ${Date.now() - t0} ms: ${err.message}`);
        if (retryable && attempt < this.retries) {
          await this.backoff(attempt++, undefined, signal);
          continue;
        }
        throw err;
      }
      this.log('debug', `GET ${path} → ${answer.status} (${Date.now() - t0} ms, ${answer.body.length} bytes)`);
      if (answer.status >= 200 && answer.status < 300) {
        try {
          return JSON.parse(answer.body) as T;
        } catch {
          throw new ClusterError('malformed', `The answer to ${describeRequest(req)} is not valid JSON. Is ${this.connection.server} a Kubernetes API server?`, { status: answer.status });
        }
      }
      if (RETRY_STATUS.has(answer.status) && attempt < this.retries) {
        const ra = Number(answer.headers['retry-after']);
        await this.backoff(attempt++, Number.isFinite(ra) ? ra * 1000 : undefined, signal);
        continue;
      }
      const err = httpError(answer.status, answer.body, req, this.connection.server, this.context);
      if (err.reason === 'unauthorized') {
        const expiry = await this.clientCertificateExpiry();
        if (expiry && expiry.getTime() < Date.now()) {
          throw new ClusterError('expired', `The client certificate of context ${this.context} expired on ${expiry.toISOString()}: get a new kubeconfig from your cluster admin or provider.`, err.details);
        }
      }
      throw this.redacted(err);
    }
  }

  private async backoff(attempt: number, retryAfterMs: number | undefined, signal?: AbortSignal): Promise<void> {
    const ms = Math.min(this.retryMaxMs, retryAfterMs ?? this.retryBaseMs * 2 ** attempt);
    this.log('debug', `retrying in ${ms} ms`);
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(t);
        reject(new ClusterError('cancelled', 'Cancelled.'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private async clientCertificateExpiry(): Promise<Date | undefined> {
    try {
      const o = await this.connection.requestOptions();
      const cert = o.cert;
      if (!cert) return undefined;
      const pem = Array.isArray(cert) ? cert[0] : cert;
      return new Date(new X509Certificate(pem as string | Buffer).validTo);
    } catch {
      return undefined;
    }
  }

  private redacted(e: ClusterError): ClusterError {
    const r = this.connection.redactor;
    const clean = r.redact(e.message);
    return clean === e.message ? e : new ClusterError(e.reason, clean, e.details);
  }

  private toClusterError(e: unknown, req: RequestDescription): ClusterError {
    if (e instanceof ClusterError) return this.redacted(e);
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err === 'object' && 'code' in err && err.code) return this.redacted(networkError(err, this.connection.server, this.context));
    const msg = err instanceof Error ? err.message : String(e);
    return this.redacted(new ClusterError('credentials', `Could not get credentials for context ${this.context} (${describeRequest(req)}): ${msg}`));
  }

  /** One GET. The only place that talks to the network. */
  private async send(path: string, accept: string, signal?: AbortSignal): Promise<Answer> {
    let opts: https.RequestOptions;
    try {
      // A credential plugin can hang (e.g. waiting for an interactive login): bound it too.
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new ClusterError('credentials', `The credentials of context ${this.context} were not ready within ${Math.round(this.timeoutMs / 100) / 10} s: its credential plugin may be waiting for a login. Run kubectl once in a terminal to log in, then retry.`)),
          this.timeoutMs,
        );
      });
      try {
        opts = { ...(await Promise.race([this.connection.requestOptions(), limit])) };
      } finally {
        clearTimeout(timer);
      }
    } catch (e) {
      if (e instanceof ClusterError) throw e;
      const msg = e instanceof Error ? e.message : String(e);
      throw new ClusterError('credentials', `The credentials of context ${this.context} could not be obtained: ${msg.split('\n')[0]!.slice(0, 300)}`);
    }
    const given = (Array.isArray(opts.headers) ? {} : (opts.headers ?? {})) as http.OutgoingHttpHeaders;
    const auth = given['Authorization'] ?? given['authorization'];
    if (typeof auth === 'string') this.connection.redactor.add(auth.replace(/^\S+\s+/, ''));
    if (opts.auth) this.connection.redactor.add(opts.auth);

    const base = new URL(this.connection.server);
    const url = new URL(base.pathname.replace(/\/$/, '') + path, base);
    const mod = url.protocol === 'http:' ? http : https;
    const headers: http.OutgoingHttpHeaders = { ...given, Accept: accept, 'User-Agent': 'kube-expose (read-only)' };

    return new Promise<Answer>((resolve, reject) => {
      let settled = false;
      const done = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const req = mod.request(
        {
          ...opts,
          protocol: url.protocol,
          hostname: url.hostname.replace(/^\[|\]$/g, ''),
          port: url.port || (url.protocol === 'http:' ? 80 : 443),
          path: url.pathname + url.search,
          method: 'GET',
          headers,
          timeout: undefined,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > this.maxBodyBytes) {
              req.destroy();
              done(() => reject(new ClusterError('malformed', `The answer to GET ${url.pathname} is larger than ${Math.round(this.maxBodyBytes / 1048576)} MB.`)));
              return;
            }
            chunks.push(c);
          });
          res.on('end', () => done(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })));
          res.on('error', (e) => done(() => reject(e)));
          res.on('aborted', () => done(() => reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }))));
        },
      );
      const timer = setTimeout(() => {
        done(() => reject(new ClusterError('timeout', `The cluster at ${this.connection.server} did not answer within ${Math.round(this.timeoutMs / 100) / 10} s (GET ${url.pathname}). It may be overloaded or unreachable; retry, or raise kubeExpose.cluster.requestTimeoutSeconds.`)));
        req.destroy();
      }, this.timeoutMs);
      const onAbort = () => {
        done(() => reject(new ClusterError('cancelled', `Cancelled: GET ${url.pathname}.`)));
        req.destroy();
      };
      if (signal?.aborted) onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (e) => done(() => reject(e)));
      req.end();
    });
  }
}
