/**
 * A small fake Kubernetes API server on 127.0.0.1 for the reader tests: it serves objects by
 * their real API paths, pages lists with limit/continue, filters by label and field selectors,
 * answers Status objects for 401/403/404, serves Secrets as PartialObjectMetadataList when asked,
 * and can inject faults. It records every request, so tests can prove only GET is sent.
 *
 * The tests reach it only through a kubeconfig (`kubeconfigFile`), the way they would reach the
 * real kube-apiserver of the integration tests.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { RESOURCES, type ResourceType } from '../../../client/src/cluster/resources';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** Every request any fake server received in this process. */
export const ALL_REQUESTS: RecordedRequest[] = [];

export type Fault =
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'malformed' }
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> };

export interface FakeOptions {
  objects?: unknown[];
  /** Requests answered 403, e.g. { verb: 'list', resource: 'networkpolicies' }. */
  forbidden?: { verb: string; resource: string; namespace?: string }[];
  /** Bearer token required (401 otherwise). */
  token?: string;
  tls?: boolean;
  /** Called for every request; a Fault overrides the normal answer. */
  fault?: (req: RecordedRequest, n: number) => Fault | undefined;
  /** The user name shown in 403 messages. */
  user?: string;
}

/** test/fixtures/cluster, found from wherever the bundled test runs (out/test/unit/..., out/test/e2e/...). */
export function clusterFixturesDir(): string {
  for (let d = __dirname; d !== path.dirname(d); d = path.dirname(d)) {
    const c = path.join(d, 'test', 'fixtures', 'cluster');
    if (fs.existsSync(path.join(c, 'tls'))) return c;
  }
  throw new Error(`test/fixtures/cluster not found above ${__dirname}`);
}

export const TLS_DIR = path.join(clusterFixturesDir(), 'tls');

export interface FakeApiServer {
  url: string;
  requests: RecordedRequest[];
  options: FakeOptions;
  /** Writes a kubeconfig for this server and returns its path. */
  kubeconfigFile(extra?: { user?: Record<string, unknown>; cluster?: Record<string, unknown>; context?: string; namespace?: string }): string;
  stop(): Promise<void>;
}

const byPlural = new Map<string, ResourceType>(Object.values(RESOURCES).map((t) => [`${t.group}/${t.version}/${t.plural}`, t]));

function status(code: number, reason: string, message: string, details?: unknown) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

function matchLabels(selector: string | null, labels: Record<string, string> = {}): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const [k, v] = term.split('=');
    return labels[k!] === v;
  });
}

function matchFields(selector: string | null, obj: Record<string, unknown>): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const [k, v] = term.split('=');
    const val = k!.split('.').reduce<unknown>((o, key) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined), obj);
    return val === v;
  });
}

export async function startFakeApiServer(options: FakeOptions = {}): Promise<FakeApiServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  let n = 0;
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const rec: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
    requests.push(rec);
    ALL_REQUESTS.push(rec);
    const send = (code: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(code, { 'Content-Type': 'application/json', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (req.method !== 'GET') return send(405, status(405, 'MethodNotAllowed', `fake server: ${req.method} is not expected`));
    const fault = options.fault?.(rec, n++);
    if (fault) {
      switch (fault.kind) {
        case 'hang':
          return; // never answers
        case 'reset':
          res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
          res.write('{"kind":"PodList","items":[');
          setTimeout(() => req.socket.destroy(), 5);
          return;
        case 'malformed':
          return send(200, '<html><body>Welcome to nginx!</body></html>', { 'Content-Type': 'text/html' });
        case 'status':
          return send(fault.status, fault.body ?? status(fault.status, 'InternalError', 'fault injected'), fault.headers);
      }
    }
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`) return send(401, status(401, 'Unauthorized', 'Unauthorized'));
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/version') return send(200, { major: '1', minor: '34', gitVersion: 'v1.34.0-fake' });
    const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?$/.exec(url.pathname);
    if (!m) return send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    const group = m[2] ?? '';
    const version = m[1] ?? m[3]!;
    const ns = m[4] ? decodeURIComponent(m[4]) : undefined;
    const plural = m[5]!;
    const name = m[6] ? decodeURIComponent(m[6]) : undefined;
    const type = byPlural.get(`${group}/${version}/${plural}`);
    if (!type) return send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    const verb = name ? 'get' : 'list';
    if ((options.forbidden ?? []).some((f) => f.verb === verb && f.resource === plural && (!f.namespace || f.namespace === ns))) {
      const user = options.user ?? 'jane';
      return send(
        403,
        status(403, 'Forbidden', `${plural} is forbidden: User "${user}" cannot ${verb} resource "${plural}" in API group "${group}"${ns ? ` in the namespace "${ns}"` : ' at the cluster scope'}`, { kind: plural }),
      );
    }
    const objects = (options.objects ?? []) as { kind?: string; metadata?: { name?: string; namespace?: string; labels?: Record<string, string> } }[];
    const mine = objects.filter((o) => o.kind === type.kind && (!type.namespaced || !ns || o.metadata?.namespace === ns));
    const metaOnly = /as=PartialObjectMetadata/.test(req.headers.accept ?? '');
    const strip = (o: (typeof objects)[number]) => (metaOnly ? { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata } : o);
    if (name) {
      const o = mine.find((x) => x.metadata?.name === name);
      if (!o) return send(404, status(404, 'NotFound', `${plural}${group ? `.${group}` : ''} "${name}" not found`, { name, kind: plural }));
      return send(200, strip(o));
    }
    const filtered = mine.filter((o) => matchLabels(url.searchParams.get('labelSelector'), o.metadata?.labels) && matchFields(url.searchParams.get('fieldSelector'), o as Record<string, unknown>));
    const limit = Number(url.searchParams.get('limit') ?? 0);
    const token = url.searchParams.get('continue');
    let offset = 0;
    if (token) {
      try {
        offset = (JSON.parse(Buffer.from(token, 'base64').toString()) as { o: number }).o;
      } catch {
        return send(400, status(400, 'BadRequest', 'continue key is not valid'));
      }
    }
    const page = limit > 0 ? filtered.slice(offset, offset + limit) : filtered.slice(offset);
    const next = limit > 0 && offset + limit < filtered.length ? Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: 4242, o: offset + limit })).toString('base64') : undefined;
    return send(200, {
      kind: metaOnly ? 'PartialObjectMetadataList' : `${type.kind}List`,
      apiVersion: metaOnly ? 'meta.k8s.io/v1' : type.group ? `${type.group}/${type.version}` : type.version,
      metadata: { resourceVersion: '4242', ...(next ? { continue: next, remainingItemCount: filtered.length - offset - limit } : {}) },
      items: page.map(strip),
    });
  };
  const server = options.tls
    ? https.createServer({ cert: fs.readFileSync(path.join(TLS_DIR, 'server-cert.pem')), key: fs.readFileSync(path.join(TLS_DIR, 'server-key.pem')) }, handler)
    : http.createServer(handler);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-expose-kubeconfig-'));
  let files = 0;
  return {
    url,
    requests,
    options,
    kubeconfigFile(extra = {}) {
      const ctx = extra.context ?? 'fake';
      const cluster = options.tls
        ? { server: url, 'certificate-authority-data': fs.readFileSync(path.join(TLS_DIR, 'server-cert.pem')).toString('base64'), ...extra.cluster }
        : { server: url, 'insecure-skip-tls-verify': true, ...extra.cluster };
      const user = extra.user ?? (options.token ? { token: options.token } : {});
      const kc = {
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': ctx,
        clusters: [{ name: ctx, cluster }],
        users: [{ name: ctx, user }],
        contexts: [{ name: ctx, context: { cluster: ctx, user: ctx, ...(extra.namespace ? { namespace: extra.namespace } : {}) } }],
      };
      const f = path.join(dir, `config-${++files}.json`);
      fs.writeFileSync(f, JSON.stringify(kc, null, 2));
      return f;
    },
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The objects of a snapshot fixture, flattened from its List reads. */
export function fixtureObjects(reads: Record<string, { kind?: string; items?: unknown[] }>): unknown[] {
  const out: unknown[] = [];
  for (const [key, v] of Object.entries(reads)) {
    if (key === 'service') {
      if (v.kind === 'Service') out.push(v);
      continue;
    }
    const kind = Object.values(RESOURCES).find((t) => t.plural === key)?.kind;
    for (const item of v.items ?? []) out.push({ ...(item as object), kind });
  }
  return out;
}
