/**
 * Ingress → Gateway API: an HTTPRoute per host (a GRPCRoute for gRPC backends, a TLSRoute for
 * SSL passthrough), plus a Gateway when the workspace has none, with the ingress-nginx annotations
 * that have a Gateway API equivalent translated. Every annotation that cannot be translated is
 * listed in a comment above the route and in the action's notes — never dropped silently.
 */
import { stringify } from 'yaml';
import { getIn, isMap, mapItems, num, scalarText, seqItems, str, type AnyNode } from '../yaml/ast';
import type { Manifest } from '../yaml/parse';
import { escapeSnippet } from './snippet';
import { commentOut, eolOf } from './text-edits';
import type { Conversion, ConversionContext } from './types';

type Json = Record<string, unknown>;

interface IngressPath {
  host?: string;
  path?: string;
  pathType?: string;
  service?: string;
  port?: number;
  portName?: string;
}

interface Translation {
  /** Filters added to every rule of the route. */
  filters: Json[];
  timeouts?: Json;
  /** Extra rules placed before the ones from paths. */
  extraRules: Json[];
  /** Annotation keys (without prefix) that were translated. */
  handled: Set<string>;
  notes: string[];
  useRegex: boolean;
  routeKind: 'HTTPRoute' | 'GRPCRoute' | 'TLSRoute';
  /** Add an HTTP→HTTPS redirect route for TLS hosts. */
  sslRedirect: boolean;
  wwwRedirect: boolean;
  cors?: Json;
}

const SAFE_NAME = (s: string) => s.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 63) || 'route';

export function ingressToGateway(ctx: ConversionContext): Conversion[] {
  const m = ctx.manifest;
  if (m.kind !== 'Ingress' || m.apiVersion !== 'networking.k8s.io/v1' || !isMap(m.root)) return [];
  const text = ctx.file.text;
  const eol = eolOf(text);
  const prefix = ctx.settings.ingressNginxAnnotationPrefix + '/';
  const annotations = annotationMap(m);
  const nginx = new Map<string, string>();
  for (const [k, v] of annotations) if (k.startsWith(prefix)) nginx.set(k.slice(prefix.length), v);

  const name = m.name ?? 'ingress';
  const ns = m.namespace;
  const paths = collectPaths(m);
  const tls = seqItems(getIn(m.root, ['spec', 'tls'])).map((t) => ({
    hosts: seqItems(getIn(t, ['hosts'])).map(str).filter((h): h is string => !!h),
    secret: str(getIn(t, ['secretName'])),
  }));
  const tr = translate(nginx, tls.length > 0);
  const notes = [...tr.notes];

  const existing = workspaceGateways(ctx)[0];
  const gatewayExists = existing !== undefined;
  const gatewayName = existing?.name ?? (str(getIn(m.root, ['spec', 'ingressClassName'])) || 'gateway');
  const gatewayNs = existing?.namespace ?? ns;
  const docs: string[] = [];

  // Resolve named backend ports to numbers: Gateway API backendRefs need the port number.
  for (const p of paths) {
    if (p.port === undefined && p.portName && p.service) {
      const resolved = resolvePortName(ctx, p.service, ns ?? 'default', p.portName);
      if (resolved !== undefined) p.port = resolved;
      else notes.push(`Backend ${p.service} port "${p.portName}": Gateway API needs the port number and the Service isn't in the workspace; replace PORT-OF-${p.portName}.`);
    }
  }

  if (!gatewayExists) {
    const listeners: Json[] = [{ name: 'http', protocol: 'HTTP', port: 80 }];
    tls.forEach((t, i) => {
      for (const host of t.hosts.length ? t.hosts : [undefined]) {
        listeners.push({
          name: `https-${SAFE_NAME(host ?? String(i))}`.slice(0, 63),
          protocol: tr.routeKind === 'TLSRoute' ? 'TLS' : 'HTTPS',
          port: 443,
          ...(host ? { hostname: host } : {}),
          tls: tr.routeKind === 'TLSRoute' ? { mode: 'Passthrough' } : { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: t.secret ?? `${name}-tls` }] },
        });
      }
    });
    const certManager = [...annotations].filter(([k]) => k.startsWith('cert-manager.io/') || k.startsWith('acme.cert-manager.io/'));
    const meta: Json = { name: gatewayName, ...(ns ? { namespace: ns } : {}) };
    if (certManager.length) {
      meta.annotations = Object.fromEntries(certManager);
      notes.push('cert-manager annotations moved to the Gateway: cert-manager issues certificates for Gateway listeners when its Gateway API support is enabled.');
    }
    docs.push(yamlDoc({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: meta,
      spec: { gatewayClassName: '__GATEWAY_CLASS__', listeners },
    }));
  }

  const hosts = [...new Set(paths.map((p) => p.host ?? ''))];
  const defaultBackend = backendOf(getIn(m.root, ['spec', 'defaultBackend']));
  if (defaultBackend && defaultBackend.port === undefined && defaultBackend.portName && defaultBackend.service) {
    defaultBackend.port = resolvePortName(ctx, defaultBackend.service, ns ?? 'default', defaultBackend.portName);
  }
  if (hosts.length === 0 && defaultBackend) hosts.push('');
  const tlsHosts = new Set(tls.flatMap((t) => t.hosts));
  const untranslated = [...nginx.keys()].filter((k) => !tr.handled.has(k)).sort();
  for (const host of hosts) {
    const hostPaths = paths.filter((p) => (p.host ?? '') === host);
    const rules: Json[] = [...tr.extraRules];
    for (const p of hostPaths) {
      const canary = truthy(nginx.get('canary')) ? undefined : findCanary(ctx, prefix, m, p);
      if (canary) {
        rules.push(...canaryRules(p, canary, tr));
        notes.push(`Canary Ingress ${canary.ingress} was merged into this route for ${p.host ?? '*'}${p.path ?? '/'}; delete it after the cut-over.`);
      } else rules.push(ruleFor(p, tr));
    }
    if (defaultBackend) rules.push({ backendRefs: [backendRef(defaultBackend)] });
    const routeName = hosts.length > 1 ? `${name}-${SAFE_NAME(host || 'default')}` : name;
    const parent: Json = { name: gatewayName, ...(gatewayNs && gatewayNs !== ns ? { namespace: gatewayNs } : {}) };
    // The listener names `http` and `https-<host>` exist only on a Gateway this conversion creates;
    // an existing Gateway's listeners are unknown, so the route attaches to the whole Gateway.
    const redirectHttp = !gatewayExists && tr.sslRedirect && host && tlsHosts.has(host);
    const route: Json = {
      apiVersion: tr.routeKind === 'TLSRoute' ? 'gateway.networking.k8s.io/v1alpha2' : 'gateway.networking.k8s.io/v1',
      kind: tr.routeKind,
      metadata: { name: routeName, ...(ns ? { namespace: ns } : {}) },
      spec: {
        parentRefs: [redirectHttp ? { ...parent, sectionName: `https-${SAFE_NAME(host)}` } : parent],
        ...(host ? { hostnames: [host] } : {}),
        rules: tr.routeKind === 'TLSRoute' ? rules.map((r) => ({ backendRefs: r.backendRefs })) : rules,
      },
    };
    const header = untranslated.length
      ? [`# Not translated from Ingress ${name} (no Gateway API equivalent; configure them in your Gateway implementation):`, ...untranslated.map((k) => `#   ${prefix}${k}: ${oneLine(annotations.get(prefix + k) ?? '')}`)]
      : [];
    docs.push(header.join(eol) + (header.length ? eol : '') + yamlDoc(route));
    if (redirectHttp) {
      docs.push(yamlDoc({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: `${routeName}-https-redirect`, ...(ns ? { namespace: ns } : {}) },
        spec: {
          parentRefs: [{ ...parent, sectionName: 'http' }],
          hostnames: [host],
          rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
        },
      }));
    }
    if (tr.wwwRedirect && host) {
      const other = host.startsWith('www.') ? host.slice(4) : `www.${host}`;
      docs.push(yamlDoc({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: `${routeName}-www-redirect`, ...(ns ? { namespace: ns } : {}) },
        spec: {
          parentRefs: [parent],
          hostnames: [other],
          rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { hostname: host, statusCode: 301 } }] }],
        },
      }));
    }
  }
  if (gatewayExists && tr.sslRedirect && tlsHosts.size) {
    notes.push(`The HTTP→HTTPS redirect was not generated: attach a RequestRedirect route to the HTTP listener of Gateway ${gatewayName} yourself (its listener names are not in the workspace's view of it).`);
  }
  if (untranslated.length) notes.push(`Not translated (listed in a comment above the route): ${untranslated.map((k) => prefix + k).join(', ')}.`);
  if (paths.some((p) => p.pathType === 'ImplementationSpecific') && !tr.useRegex) notes.push('ImplementationSpecific paths became PathPrefix matches, which is how ingress-nginx treats them without use-regex.');

  const original = ctx.settings.convertOriginal === 'comment' ? `# Converted to Gateway API by kube-expose. The original Ingress:${eol}${commentOut(text.slice(m.contentStart, m.end), eol)}${eol}` : '';
  let body = original + docs.map((d) => d.replace(/\n/g, eol)).join(`---${eol}`);
  body = escapeSnippet(body).replace('__GATEWAY_CLASS__', ctx.settings.gatewayClassName ? escapeSnippet(ctx.settings.gatewayClassName) : '${1:example-gateway-class}');
  // Replace the Ingress document in place (its text ends with the document's last line).
  const end = m.end;
  const trailing = text.slice(m.contentStart, end).endsWith('\n') ? '' : eol;
  return [{
    id: 'ingress/to-gateway-api',
    title: gatewayExists ? `Convert to Gateway API ${tr.routeKind} (attached to Gateway ${gatewayName})` : `Convert to Gateway API (${tr.routeKind} + Gateway)`,
    edits: [{ start: m.contentStart, end, newText: body.replace(new RegExp(`${eol}$`), '') + (trailing ? '' : eol) }],
    snippet: true,
    notes,
  }];
}

/** An annotation value on one comment line: line breaks folded, long values cut. */
function oneLine(v: string): string {
  const flat = v.replace(/\s*\n\s*/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

function yamlDoc(obj: Json): string {
  return stringify(obj, { lineWidth: 0, indentSeq: true, aliasDuplicateObjects: false });
}

function annotationMap(m: Manifest): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of mapItems(getIn(m.root, ['metadata', 'annotations']))) {
    const k = scalarText(p.key as AnyNode);
    const v = scalarText(p.value);
    if (k) out.set(k, v ?? '');
  }
  return out;
}

function backendOf(b: AnyNode): IngressPath | undefined {
  const service = str(getIn(b, ['service', 'name']));
  if (!service) return undefined;
  return { service, port: num(getIn(b, ['service', 'port', 'number'])), portName: str(getIn(b, ['service', 'port', 'name'])) };
}

function collectPaths(m: Manifest): IngressPath[] {
  const out: IngressPath[] = [];
  for (const rule of seqItems(getIn(m.root, ['spec', 'rules']))) {
    const host = str(getIn(rule, ['host']));
    for (const p of seqItems(getIn(rule, ['http', 'paths']))) {
      const b = backendOf(getIn(p, ['backend']));
      out.push({ host, path: str(getIn(p, ['path'])), pathType: str(getIn(p, ['pathType'])), ...(b ?? {}) });
    }
  }
  return out;
}

function backendRef(p: IngressPath, weight?: number): Json {
  return { name: p.service ?? 'SERVICE', port: p.port ?? `PORT-OF-${p.portName ?? '?'}`, ...(weight !== undefined ? { weight } : {}) };
}

const truthy = (v: string | undefined) => v !== undefined && /^(1|t|true)$/i.test(v);

interface Canary {
  ingress: string;
  backend: IngressPath;
  weight?: number;
  total: number;
  header?: string;
  headerValue?: string;
  headerPattern?: string;
  cookie?: string;
}

/** A canary Ingress (annotation `canary: "true"`) for the same host and path, in this file or the workspace. */
function findCanary(ctx: ConversionContext, prefix: string, primary: Manifest, p: IngressPath): Canary | undefined {
  const candidates: Manifest[] = ctx.file.manifests.filter((x) => x !== primary && x.kind === 'Ingress');
  if (ctx.workspace) for (const im of ctx.workspace.byKind('Ingress')) if (im.manifest !== primary) candidates.push(im.manifest);
  for (const c of candidates) {
    if ((c.namespace ?? 'default') !== (primary.namespace ?? 'default')) continue;
    const a = annotationMap(c);
    if (!truthy(a.get(prefix + 'canary'))) continue;
    const match = collectPaths(c).find((cp) => (cp.host ?? '') === (p.host ?? '') && (cp.path ?? '/') === (p.path ?? '/'));
    if (!match?.service) continue;
    const num = (k: string) => {
      const v = a.get(prefix + k);
      return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
    };
    return {
      ingress: c.name ?? '?',
      backend: match,
      weight: num('canary-weight'),
      total: num('canary-weight-total') ?? 100,
      header: a.get(prefix + 'canary-by-header'),
      headerValue: a.get(prefix + 'canary-by-header-value'),
      headerPattern: a.get(prefix + 'canary-by-header-pattern'),
      cookie: a.get(prefix + 'canary-by-cookie'),
    };
  }
  return undefined;
}

/** Header and cookie matches route to the canary first; then the weighted split (or the primary alone). */
function canaryRules(p: IngressPath, c: Canary, tr: Translation): Json[] {
  const base = ruleFor(p, tr);
  const pathMatch = (base.matches as Json[])[0];
  const rules: Json[] = [];
  const toCanary = (headers: Json[]) => ({ ...base, matches: [{ ...pathMatch, headers }], backendRefs: [backendRef(c.backend)] });
  if (c.header) {
    if (c.headerPattern) rules.push(toCanary([{ type: 'RegularExpression', name: c.header, value: c.headerPattern }]));
    else rules.push(toCanary([{ name: c.header, value: c.headerValue ?? 'always' }]));
    if (!c.headerValue && !c.headerPattern) rules.push({ ...base, matches: [{ ...pathMatch, headers: [{ name: c.header, value: 'never' }] }] });
  }
  if (c.cookie) rules.push(toCanary([{ type: 'RegularExpression', name: 'Cookie', value: `(^|;\\s*)${c.cookie}=always(;|$)` }]));
  if (c.weight !== undefined) {
    const w = Math.max(0, Math.min(c.weight, c.total));
    rules.push({ ...base, backendRefs: [backendRef(p, c.total - w), backendRef(c.backend, w)] });
  } else {
    rules.push(base);
  }
  return rules;
}

function ruleFor(p: IngressPath, tr: Translation): Json {
  const value = p.path ?? '/';
  const type = tr.useRegex ? 'RegularExpression' : p.pathType === 'Exact' ? 'Exact' : 'PathPrefix';
  const rule: Json = { matches: [{ path: { type, value } }] };
  if (tr.filters.length) rule.filters = tr.filters.map((f) => rewriteForPath(f, value, type));
  if (tr.timeouts) rule.timeouts = tr.timeouts;
  rule.backendRefs = [backendRef(p)];
  return rule;
}

/** A prefix rewrite only applies to PathPrefix matches; on Exact paths it becomes a full-path replacement. */
function rewriteForPath(f: Json, _path: string, type: string): Json {
  const rw = (f.urlRewrite as Json | undefined)?.path as Json | undefined;
  if (f.type === 'URLRewrite' && rw?.type === 'ReplacePrefixMatch' && type !== 'PathPrefix') {
    return { ...f, urlRewrite: { ...(f.urlRewrite as Json), path: { type: 'ReplaceFullPath', replaceFullPath: rw.replacePrefixMatch } } };
  }
  return f;
}

function translate(a: Map<string, string>, hasTls: boolean): Translation {
  const tr: Translation = { filters: [], extraRules: [], handled: new Set(), notes: [], useRegex: false, routeKind: 'HTTPRoute', sslRedirect: hasTls, wwwRedirect: false };
  const take = (k: string) => {
    tr.handled.add(k);
    return a.get(k);
  };
  if (a.has('use-regex')) tr.useRegex = truthy(take('use-regex'));
  // Redirects
  const temporal = take('temporal-redirect');
  const permanent = take('permanent-redirect');
  const redirectTarget = temporal ?? permanent;
  if (redirectTarget) {
    const codeRaw = temporal ? take('temporal-redirect-code') : take('permanent-redirect-code');
    let code = codeRaw ? Number(codeRaw) : temporal ? 302 : 301;
    if (code !== 301 && code !== 302) {
      tr.notes.push(`Redirect status ${code} is not one of the Gateway API standard codes (301, 302); ${temporal ? 302 : 301} is used.`);
      code = temporal ? 302 : 301;
    }
    try {
      const u = new URL(redirectTarget);
      const rr: Json = { scheme: u.protocol.replace(':', ''), hostname: u.hostname, statusCode: code };
      if (u.port) rr.port = Number(u.port);
      if (u.pathname && u.pathname !== '/') rr.path = { type: 'ReplaceFullPath', replaceFullPath: u.pathname };
      tr.filters.push({ type: 'RequestRedirect', requestRedirect: rr });
    } catch {
      tr.notes.push(`The redirect target "${redirectTarget}" is not an absolute URL; it was not translated.`);
      tr.handled.delete(temporal ? 'temporal-redirect' : 'permanent-redirect');
    }
    if (temporal && permanent) tr.notes.push('Both temporal-redirect and permanent-redirect were set; ingress-nginx prefers the temporal one, and so does the conversion.');
  } else {
    take('temporal-redirect-code');
    take('permanent-redirect-code');
  }
  const rewrite = take('rewrite-target');
  if (rewrite !== undefined) {
    if (/\$\d/.test(rewrite)) {
      tr.handled.delete('rewrite-target');
      tr.notes.push(`rewrite-target "${rewrite}" uses regex capture groups, which Gateway API rewrites cannot express.`);
    } else if (!redirectTarget) {
      tr.filters.push({ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: rewrite } } });
    }
  }
  const headers: Array<{ name: string; value: string }> = [];
  const prefixHeader = take('x-forwarded-prefix');
  if (prefixHeader) headers.push({ name: 'X-Forwarded-Prefix', value: prefixHeader });
  const vhost = take('upstream-vhost');
  if (vhost) headers.push({ name: 'Host', value: vhost });
  const conn = take('connection-proxy-header');
  if (conn) headers.push({ name: 'Connection', value: conn });
  if (headers.length && !redirectTarget) tr.filters.push({ type: 'RequestHeaderModifier', requestHeaderModifier: { set: headers } });
  // Timeouts: ingress-nginx sets per-connection socket timeouts; the closest is a backend request timeout.
  const secs = ['proxy-connect-timeout', 'proxy-send-timeout', 'proxy-read-timeout'].map((k) => Number(take(k))).filter((n) => Number.isFinite(n) && n > 0);
  if (secs.length) {
    tr.timeouts = { backendRequest: `${Math.max(...secs)}s` };
    tr.notes.push('proxy-*-timeout became timeouts.backendRequest (the largest of them). ingress-nginx times each socket read/write, Gateway API the whole backend request: check long downloads and streams.');
  }
  // SSL redirect: default on for TLS Ingresses in ingress-nginx.
  const sslRedirect = take('ssl-redirect');
  const force = take('force-ssl-redirect');
  if (sslRedirect !== undefined && !truthy(sslRedirect)) tr.sslRedirect = false;
  if (truthy(force)) tr.sslRedirect = true;
  if (truthy(take('from-to-www-redirect'))) tr.wwwRedirect = true;
  // Backend protocol
  const proto = take('backend-protocol')?.toUpperCase();
  if (proto === 'GRPC' || proto === 'GRPCS') {
    tr.routeKind = 'GRPCRoute';
    tr.notes.push('backend-protocol GRPC: the routes became GRPCRoutes; path matches were kept as written — check them against the gRPC service/method names.');
    if (proto === 'GRPCS') tr.notes.push('GRPCS backends need a BackendTLSPolicy for TLS to the pods.');
  } else if (proto === 'HTTPS') {
    tr.notes.push('backend-protocol HTTPS: create a BackendTLSPolicy for the backend Service so the Gateway speaks TLS to the pods.');
  } else if (proto && proto !== 'HTTP' && proto !== 'AUTO_HTTP') {
    tr.handled.delete('backend-protocol');
  }
  if (truthy(take('ssl-passthrough'))) {
    tr.routeKind = 'TLSRoute';
    tr.notes.push('ssl-passthrough: the routes became TLSRoutes on a TLS listener in Passthrough mode; path rules do not apply to passthrough traffic.');
  }
  // CORS
  if (truthy(take('enable-cors'))) {
    const list = (k: string) => take(k)?.split(',').map((s) => s.trim()).filter(Boolean);
    const cors: Json = {
      allowOrigins: list('cors-allow-origin') ?? ['*'],
      allowMethods: list('cors-allow-methods') ?? ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS'],
    };
    const h = list('cors-allow-headers');
    if (h) cors.allowHeaders = h;
    const e = list('cors-expose-headers');
    if (e) cors.exposeHeaders = e;
    const cred = take('cors-allow-credentials');
    cors.allowCredentials = cred === undefined ? true : truthy(cred);
    const age = take('cors-max-age');
    if (age && Number.isFinite(Number(age))) cors.maxAge = Number(age);
    tr.filters.push({ type: 'CORS', cors });
    tr.notes.push('The CORS filter is part of Gateway API v1.3+ (experimental channel before that): check that your implementation supports it.');
  }
  // App root: "/" redirects to the application's root path.
  const appRoot = take('app-root');
  if (appRoot) {
    if (/^https?:\/\//.test(appRoot)) {
      tr.handled.delete('app-root');
    } else {
      tr.extraRules.push({ matches: [{ path: { type: 'Exact', value: '/' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: appRoot }, statusCode: 302 } }] });
    }
  }
  // Canary: weights and header routing are expressed on the primary route (see canaryMerge).
  for (const k of ['canary', 'canary-weight', 'canary-weight-total', 'canary-by-header', 'canary-by-header-value', 'canary-by-header-pattern', 'canary-by-cookie']) {
    if (a.has(k)) tr.handled.add(k);
  }
  if (truthy(a.get('canary'))) {
    tr.notes.push('This is a canary Ingress: in Gateway API the canary is a weighted or header-matched backendRef of the primary route. Convert the primary Ingress instead; its route will include this canary.');
  }
  return tr;
}

function workspaceGateways(ctx: ConversionContext): Array<{ name: string; namespace?: string }> {
  const found: Array<{ name: string; namespace?: string }> = [];
  for (const m of ctx.file.manifests) if (m.kind === 'Gateway' && m.name) found.push({ name: m.name, namespace: m.namespace });
  if (ctx.workspace) for (const im of ctx.workspace.byKind('Gateway')) if (im.manifest.name) found.push({ name: im.manifest.name, namespace: im.namespace });
  return found;
}

function resolvePortName(ctx: ConversionContext, service: string, namespace: string, portName: string): number | undefined {
  const candidates: Manifest[] = ctx.file.manifests.filter((m) => m.kind === 'Service' && m.name === service && (m.namespace ?? 'default') === namespace);
  if (ctx.workspace) for (const im of ctx.workspace.get('Service', namespace, service)) candidates.push(im.manifest);
  for (const svc of candidates) {
    for (const p of seqItems(getIn(svc.root, ['spec', 'ports']))) {
      if (str(getIn(p, ['name'])) === portName) return num(getIn(p, ['port']));
    }
  }
  return undefined;
}
