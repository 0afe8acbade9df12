/**
 * A real Kubernetes control plane for tests: etcd + kube-apiserver on loopback, nothing else.
 *
 * - Binaries come from scripts/cluster/build-apiserver.sh (built from the k8s.io/kubernetes Go
 *   module, cached per machine). If they are missing, startCluster() throws an error that says
 *   how to build them: the tests fail, they never skip.
 * - Everything lives in a fresh temp directory: etcd data, serving certificates generated with
 *   openssl, the service-account signing key, a static token file and a kubeconfig.
 * - Users from a static token file: `setup` (system:masters) for the test's own writes, and in the
 *   kubeconfig `admin` (system:masters) and `viewer`, a limited user that RBAC lets read Services,
 *   EndpointSlices and Ingresses in the namespaces given to grantViewer(), but not Pods.
 * - Every request is written to an audit log (auditEvents()), so a test can prove that a client
 *   sent only GETs.
 * - There is no kubelet, scheduler or controller-manager: tests create Nodes, Pods and
 *   EndpointSlices themselves and set Pod status through the status subresource.
 * - stop() ends only the two process groups it started.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as https from 'node:https';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** The repository: $KUBE_EXPOSE_ROOT, else the nearest folder above this (bundled) file, or above the working directory, that holds scripts/cluster. */
export const ROOT = ((): string => {
  if (process.env.KUBE_EXPOSE_ROOT) return path.resolve(process.env.KUBE_EXPOSE_ROOT);
  for (const start of [__dirname, process.cwd()]) {
    for (let d = start; ; d = path.dirname(d)) {
      if (existsSync(path.join(d, 'scripts', 'cluster', 'build-apiserver.sh'))) return d;
      if (path.dirname(d) === d) break;
    }
  }
  return path.resolve(__dirname, '..', '..', '..');
})();
const BUILD_SCRIPT = path.join(ROOT, 'scripts', 'cluster', 'build-apiserver.sh');

/** The test's own writes (creating scenarios) use this user, `setup`; it is not in the kubeconfig. */
export const SETUP_TOKEN = 'kube-expose-setup-token-0000';
/** The kubeconfig's `admin` context: user `admin`, group system:masters. */
export const ADMIN_TOKEN = 'kube-expose-admin-token-0001';
/** The kubeconfig's `viewer` context: user `viewer`, only what grantViewer() gives it. */
export const VIEWER_TOKEN = 'kube-expose-viewer-token-0002';
/** Dual-stack, so IPv6 and RequireDualStack Services are valid here as on a dual-stack cluster. */
export const SERVICE_CIDR = '10.96.0.0/16,fd00:10:96::/108';

export interface HttpResult<T = any> {
  status: number;
  body: T;
  text: string;
}

export interface RequestOptions {
  /** Bearer token; the admin's by default. */
  token?: string;
  /** Content-Type of the body (e.g. application/merge-patch+json); JSON by default. */
  contentType?: string;
  /** Accept header; application/json by default. */
  accept?: string;
}

export interface Cluster {
  /** https://127.0.0.1:<port> */
  server: string;
  /** PEM of the CA that signed the serving certificate. */
  ca: string;
  /** A kubeconfig file with contexts `admin` (current) and `viewer`. */
  kubeconfigPath: string;
  dir: string;
  versions: string;
  /** One HTTPS request to the API server, as user `setup` (system:masters) unless another token is given. */
  request<T = any>(method: string, urlPath: string, body?: unknown, opts?: RequestOptions): Promise<HttpResult<T>>;
  /** POST that must succeed; returns the created object as the server stored it. */
  create<T = any>(collectionPath: string, obj: unknown): Promise<T>;
  /** Creates a namespace and its `default` ServiceAccount (normally the controller-manager's job). */
  createNamespace(name: string): Promise<void>;
  /** Lets the `viewer` user get/list Services, EndpointSlices, Ingresses (not Pods) in a namespace. */
  grantViewer(namespace: string): Promise<void>;
  /** The API server's audit log so far: one entry per request (user, verb, URI, response code). */
  auditEvents(): AuditEvent[];
  stop(): Promise<void>;
}

export interface AuditEvent {
  verb: string;
  requestURI: string;
  user: { username: string; groups?: string[] };
  responseStatus?: { code?: number };
  objectRef?: { resource?: string; namespace?: string; name?: string };
}

function binDir(): string {
  if (process.env.KUBE_EXPOSE_CLUSTER_BIN) return process.env.KUBE_EXPOSE_CLUSTER_BIN;
  return execFileSync('bash', [BUILD_SCRIPT, '--print-dir'], { encoding: 'utf8' }).trim();
}

/** The binaries, or an error that says exactly how to get them. */
export function findBinaries(): { apiserver: string; etcd: string; dir: string } {
  const dir = binDir();
  const apiserver = path.join(dir, 'kube-apiserver');
  const etcd = path.join(dir, 'etcd');
  const missing = [apiserver, etcd].filter((p) => !existsSync(p));
  if (missing.length) {
    throw new Error(
      `The cluster tests need a real kube-apiserver and etcd, and ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing.\n` +
        `Build them once per machine with:  bash scripts/cluster/build-apiserver.sh\n` +
        `(needs Go 1.26+ and the Go module proxy; about 10-20 minutes cold on 2 cores). ` +
        `Or point KUBE_EXPOSE_CLUSTER_BIN at a folder holding both binaries.`,
    );
  }
  return { apiserver, etcd, dir };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A CA, a serving certificate for 127.0.0.1/localhost signed by it, and the service-account key pair. */
function generateCerts(dir: string): void {
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=kube-expose-test-ca'], dir);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'serving.key', '-out', 'serving.csr', '-subj', '/CN=kube-apiserver'], dir);
  writeFileSync(
    path.join(dir, 'serving.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n',
  );
  openssl(['x509', '-req', '-in', 'serving.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'serving.crt', '-days', '2', '-extfile', 'serving.ext'], dir);
  openssl(['genrsa', '-out', 'sa.key', '2048'], dir);
  openssl(['rsa', '-in', 'sa.key', '-pubout', '-out', 'sa.pub'], dir);
}

interface Proc {
  name: string;
  child: ChildProcess;
  log: string[];
  exited: Promise<number | null>;
}

const running = new Set<Proc>();
let exitHookInstalled = false;

function killGroup(p: Proc, signal: NodeJS.Signals): void {
  if (p.child.pid === undefined || p.child.exitCode !== null || p.child.signalCode !== null) return;
  try {
    process.kill(-p.child.pid, signal);
  } catch {
    /* already gone */
  }
}

const DIR_PREFIX = 'kube-expose-cluster-';

/**
 * Clusters left behind by a test process that was killed before it could stop them: their folder
 * names an owner pid that no longer runs. Only process groups whose command line names that very
 * folder are killed, so nothing this helper did not start is touched.
 */
function reapStale(): void {
  let entries: string[] = [];
  try {
    entries = readdirSync(tmpdir()).filter((e) => e.startsWith(DIR_PREFIX));
  } catch {
    return;
  }
  for (const e of entries) {
    const dir = path.join(tmpdir(), e);
    try {
      const owner = Number(readFileSync(path.join(dir, 'owner'), 'utf8'));
      if (!owner || isAlive(owner)) continue;
      for (const pid of readFileSync(path.join(dir, 'pids'), 'utf8').split('\n').map(Number).filter(Boolean)) {
        let cmd = '';
        try {
          cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        } catch {
          continue; // gone
        }
        if (cmd.includes(dir)) {
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {
            /* gone */
          }
        }
      }
      rmSync(dir, { recursive: true, force: true });
    } catch {
      /* not ours, or half-written: leave it */
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function launch(name: string, bin: string, args: string[], cwd: string): Proc {
  // detached: the child leads its own process group, so stop() can end it and only it.
  const child = spawn(bin, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid) appendFileSync(path.join(cwd, 'pids'), `${child.pid}\n`);
  const log: string[] = [];
  const keep = (d: Buffer) => {
    log.push(String(d));
    if (log.length > 400) log.splice(0, log.length - 400);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const p: Proc = { name, child, log, exited };
  running.add(p);
  exited.then(() => running.delete(p));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // If the test process ends without calling stop(), do not leave servers behind.
    const killAll = () => {
      for (const r of running) killGroup(r, 'SIGKILL');
    };
    process.on('exit', killAll);
    for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      process.once(sig, () => {
        killAll();
        process.exit(code);
      });
    }
  }
  return p;
}

async function stopProc(p: Proc): Promise<void> {
  killGroup(p, 'SIGTERM');
  const timer = setTimeout(() => killGroup(p, 'SIGKILL'), 10_000);
  await p.exited;
  clearTimeout(timer);
}

function tail(p: Proc, lines = 30): string {
  return p.log.join('').split('\n').slice(-lines).join('\n');
}

function httpRequest(server: string, ca: string, method: string, urlPath: string, body: unknown, opts: RequestOptions): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const url = new URL(urlPath, server);
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const headers: Record<string, string> = { Accept: opts.accept ?? 'application/json' };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    if (payload !== undefined) {
      headers['Content-Type'] = opts.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    const req = https.request(url, { method, ca, headers, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          /* plain text (e.g. /readyz) */
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, text });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath}: timed out`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, proc: Proc, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  proc.exited.then((c) => (exitCode = c));
  for (;;) {
    if (exitCode !== undefined) throw new Error(`${proc.name} exited (code ${exitCode}) before ${what}:\n${tail(proc)}`);
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s; last ${proc.name} output:\n${tail(proc)}`);
    await sleep(250);
  }
}

export function kubeconfigYaml(server: string, ca: string): string {
  const caData = Buffer.from(ca).toString('base64');
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: kube-expose-test',
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority-data: ${caData}`,
    'users:',
    '- name: admin',
    '  user:',
    `    token: ${ADMIN_TOKEN}`,
    '- name: viewer',
    '  user:',
    `    token: ${VIEWER_TOKEN}`,
    'contexts:',
    '- name: admin',
    '  context:',
    '    cluster: kube-expose-test',
    '    user: admin',
    '    namespace: default',
    '- name: viewer',
    '  context:',
    '    cluster: kube-expose-test',
    '    user: viewer',
    '    namespace: default',
    'current-context: admin',
    '',
  ].join('\n');
}

export async function startCluster(): Promise<Cluster> {
  const bins = findBinaries();
  reapStale();
  // A free port can be taken by someone else between the probe and the bind: try again once.
  try {
    return await startOnce(bins);
  } catch (e) {
    if (!/address already in use/i.test(String((e as Error).message))) throw e;
    return startOnce(bins);
  }
}

async function startOnce(bins: { apiserver: string; etcd: string; dir: string }): Promise<Cluster> {
  const versionsFile = path.join(bins.dir, 'VERSIONS');
  const versions = existsSync(versionsFile) ? readFileSync(versionsFile, 'utf8').trim() : '';
  const dir = mkdtempSync(path.join(tmpdir(), DIR_PREFIX));
  writeFileSync(path.join(dir, 'owner'), String(process.pid));
  generateCerts(dir);
  writeFileSync(
    path.join(dir, 'tokens.csv'),
    `${SETUP_TOKEN},setup,uid-setup,"system:masters"\n${ADMIN_TOKEN},admin,uid-admin,"system:masters"\n${VIEWER_TOKEN},viewer,uid-viewer\n`,
  );
  // Every request is audited (metadata only), so tests can prove what a client sent.
  writeFileSync(path.join(dir, 'audit-policy.yaml'), 'apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: ["RequestReceived"]\nrules:\n  - level: Metadata\n');
  const auditLog = path.join(dir, 'audit.log');
  const [etcdClient, etcdPeer, apiPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const etcdUrl = `http://127.0.0.1:${etcdClient}`;
  const peerUrl = `http://127.0.0.1:${etcdPeer}`;

  const etcd = launch('etcd', bins.etcd, [
    '--name=test',
    `--data-dir=${path.join(dir, 'etcd')}`,
    `--listen-client-urls=${etcdUrl}`,
    `--advertise-client-urls=${etcdUrl}`,
    `--listen-peer-urls=${peerUrl}`,
    `--initial-advertise-peer-urls=${peerUrl}`,
    `--initial-cluster=test=${peerUrl}`,
    '--unsafe-no-fsync',
    '--log-level=warn',
  ], dir);
  const procs: Proc[] = [etcd];
  const stopAll = async () => {
    for (const p of [...procs].reverse()) await stopProc(p);
  };
  try {
    await waitFor('etcd answered /health', etcd, async () => {
      const r = await fetch(`${etcdUrl}/health`);
      return r.ok;
    }, 30_000);

    const apiserver = launch('kube-apiserver', bins.apiserver, [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${apiPort}`,
      `--cert-dir=${path.join(dir, 'certs')}`,
      `--tls-cert-file=${path.join(dir, 'serving.crt')}`,
      `--tls-private-key-file=${path.join(dir, 'serving.key')}`,
      `--token-auth-file=${path.join(dir, 'tokens.csv')}`,
      '--authorization-mode=Node,RBAC',
      '--anonymous-auth=false',
      `--service-cluster-ip-range=${SERVICE_CIDR}`,
      '--service-node-port-range=30000-32767',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${path.join(dir, 'sa.pub')}`,
      `--service-account-signing-key-file=${path.join(dir, 'sa.key')}`,
      // No kubelet here, and the kubernetes Service's endpoint would be a loopback address,
      // which EndpointSlice validation rejects: keep the reconciler out of the way.
      '--endpoint-reconciler-type=none',
      `--audit-policy-file=${path.join(dir, 'audit-policy.yaml')}`,
      `--audit-log-path=${auditLog}`,
      '--audit-log-mode=blocking',
      '--profiling=false',
      '--v=0',
    ], dir);
    procs.push(apiserver);
    const server = `https://127.0.0.1:${apiPort}`;
    const ca = readFileSync(path.join(dir, 'ca.crt'), 'utf8');
    await waitFor('kube-apiserver answered /readyz', apiserver, async () => {
      const r = await httpRequest(server, ca, 'GET', '/readyz', undefined, { token: SETUP_TOKEN });
      return r.status === 200;
    }, 120_000);

    const kubeconfigPath = path.join(dir, 'kubeconfig');
    writeFileSync(kubeconfigPath, kubeconfigYaml(server, ca));

    const request = <T = any>(method: string, urlPath: string, body?: unknown, opts: RequestOptions = {}) =>
      httpRequest(server, ca, method, urlPath, body, { ...opts, token: opts.token ?? SETUP_TOKEN }) as Promise<HttpResult<T>>;
    const create = async <T = any>(collectionPath: string, obj: unknown): Promise<T> => {
      const r = await request<T>('POST', collectionPath, obj);
      if (r.status !== 201 && r.status !== 200) throw new Error(`POST ${collectionPath} → ${r.status}: ${r.text}`);
      return r.body;
    };
    const cluster: Cluster = {
      server,
      ca,
      kubeconfigPath,
      dir,
      versions,
      request,
      create,
      async createNamespace(name) {
        await create('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
        await create(`/api/v1/namespaces/${name}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
      },
      async grantViewer(namespace) {
        await create(`/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/roles`, {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'Role',
          metadata: { name: 'service-viewer' },
          rules: [
            { apiGroups: [''], resources: ['services', 'endpoints'], verbs: ['get', 'list', 'watch'] },
            { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] },
            { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: ['get', 'list', 'watch'] },
          ],
        });
        await create(`/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings`, {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name: 'service-viewer' },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'service-viewer' },
          subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'viewer' }],
        });
        // The RBAC authorizer reads from an informer cache: wait until the grant is visible.
        const deadline = Date.now() + 15_000;
        while ((await request('GET', `/api/v1/namespaces/${namespace}/services?limit=1`, undefined, { token: VIEWER_TOKEN })).status !== 200) {
          if (Date.now() > deadline) throw new Error(`the viewer grant in ${namespace} did not take effect within 15 s`);
          await sleep(100);
        }
      },
      auditEvents() {
        if (!existsSync(auditLog)) return [];
        return readFileSync(auditLog, 'utf8')
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l) as AuditEvent);
      },
      async stop() {
        await stopAll();
        rmSync(dir, { recursive: true, force: true });
      },
    };
    return cluster;
  } catch (e) {
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
