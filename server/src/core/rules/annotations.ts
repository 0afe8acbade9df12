/**
 * Annotation rules: unknown keys under prefixes kube-expose fully knows, values the controller
 * would reject, non-string values, removed/deprecated names, Critical-risk snippets, and
 * combinations of ingress-nginx and cert-manager annotations that do nothing or break.
 */
import {
  NGINX_DEFAULT_PREFIX,
  keyFor,
  keysUnder,
  lookupAnnotation,
  nginxSuffix,
  ownedPrefixOf,
  type AnnotationSpec,
} from '../catalog/annotations';
import { goBool, goInt, isAbsoluteHttpUrl } from '../catalog/annotations/validators';
import type { Fix } from '../findings';
import { suggest } from '../suggest';
import { findPair, getIn, isMap, isScalar, isSeq, keyText, mapItems, nodeSpan, seqItems, str, type AnyNode, type Node, type Pair } from '../yaml/ast';
import type { Checker, RuleContext, RuleMeta } from './types';

const R = {
  unknown: { id: 'annotations/unknown', severity: 'warning', summary: 'Unknown annotation under a prefix whose annotations kube-expose knows.', description: 'Controllers ignore annotations they do not know, so a misspelt key silently does nothing. The message suggests the closest known key, with a quick fix.' },
  invalid: { id: 'annotations/invalid-value', severity: 'error', summary: 'Annotation value that the controller rejects.', description: 'ingress-nginx validates annotation values (regexes, option lists, booleans as Go reads them, integers) and drops or refuses the configuration when one fails; other controllers do the same for their types. Fix the value as the message says.' },
  notString: { id: 'annotations/not-a-string', severity: 'error', summary: 'Annotation value that YAML reads as a boolean, number or null.', description: 'Annotation values must be strings. Unquoted `true`, `yes`, `on`, `5` or `1.5` are booleans or numbers in YAML, and the API server rejects the object. Quote the value.' },
  removed: { id: 'annotations/removed', severity: 'warning', summary: 'Annotation that the controller no longer reads.', description: 'The annotation was removed from the controller, which now ignores it. The message says since when and what replaces it.' },
  deprecated: { id: 'annotations/deprecated', severity: 'warning', summary: 'Annotation with a newer name or a replacement.', description: 'The old name still works for now; switch to the replacement before it is removed.' },
  snippet: { id: 'annotations/snippet', severity: 'warning', summary: 'Critical-risk ingress-nginx snippet annotation.', description: 'Snippet annotations inject raw nginx configuration. Since v1.9.0 ingress-nginx ignores them unless the ConfigMap sets allow-snippet-annotations: "true", and since v1.12.0 annotations-risk-level defaults to High, which refuses Critical annotations. Snippets were the route of CVE-2021-25742 and part of CVE-2025-1974.' },
  canaryOff: { id: 'annotations/canary-disabled', severity: 'warning', summary: 'canary-* annotation on an Ingress that is not a canary.', description: 'ingress-nginx reads canary-weight, canary-by-header and the other canary-* annotations only when canary: "true" is set on the same Ingress.' },
  canaryWeight: { id: 'annotations/canary-weight-range', severity: 'error', summary: 'canary-weight outside 0..canary-weight-total.', description: 'The weight is a share of canary-weight-total (100 unless set).' },
  rewriteCapture: { id: 'annotations/rewrite-capture', severity: 'warning', summary: 'rewrite-target refers to $1/$2 but no path has a capture group.', description: 'Capture references in rewrite-target are filled from regex groups in the Ingress paths, such as /api(/|$)(.*). With no group, $1 is empty and every request is rewritten to the same path.' },
  authSecret: { id: 'annotations/auth-secret-missing', severity: 'error', summary: 'auth-type without auth-secret.', description: 'ingress-nginx needs auth-secret to know the users; without it the authentication annotations are dropped and the paths are served without authentication.' },
  authUrl: { id: 'annotations/auth-url-not-absolute', severity: 'error', summary: 'auth-url that is not an absolute http(s) URL.', description: 'The external authentication sub-request needs a full URL with scheme and host, e.g. http://oauth2-proxy.auth.svc.cluster.local/oauth2/auth.' },
  sslNoTls: { id: 'annotations/ssl-redirect-without-tls', severity: 'warning', summary: 'ssl-redirect/force-ssl-redirect on an Ingress without tls.', description: 'ssl-redirect only acts on hosts with TLS; force-ssl-redirect redirects to HTTPS anyway, which only works when TLS is terminated in front of the controller.' },
  otherController: { id: 'annotations/other-controller', severity: 'warning', summary: 'ingress-nginx annotations on an Ingress of a class handled by another controller.', description: 'Only ingress-nginx reads its annotations. When the Ingress class names a different controller, they are ignored.' },
  retired: { id: 'annotations/ingress-nginx-retired', severity: 'info', summary: 'The Ingress relies on ingress-nginx, which is retired.', description: 'The ingress-nginx project ended maintenance in March 2026: no further releases, bug fixes or security fixes. Plan a move to a Gateway API implementation. Turn this notice off with the ingressNginxRetirementNotice setting.' },
  issuerConflict: { id: 'annotations/cert-manager-issuer-conflict', severity: 'error', summary: 'cert-manager issuer annotations that cannot be combined.', description: "cert-manager's ingress-shim refuses an Ingress that sets both cert-manager.io/issuer and cert-manager.io/cluster-issuer, or cluster-issuer together with issuer-kind or issuer-group, and issues no certificate." },
  issuerNoTls: { id: 'annotations/cert-manager-without-tls', severity: 'warning', summary: 'cert-manager issuer annotation on an Ingress without tls.', description: 'cert-manager only issues certificates for the hosts and secretName listed in spec.tls; without it, the annotation does nothing.' },
} satisfies Record<string, RuleMeta>;

const RETIREMENT_URL = 'https://kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/';
const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** YAML 1.1 booleans, mapped to what the user most likely meant. */
const YAML11_TRUE = /^(y|Y|yes|Yes|YES|on|On|ON|true|True|TRUE)$/;

interface Entry {
  pair: Pair<Node, AnyNode>;
  key: string;
  keyNode: AnyNode;
  value: AnyNode;
  /** The value as the API server would see it, when it is a string. */
  text?: string;
  spec?: AnnotationSpec;
}

function annotationEntries(ctx: RuleContext): { map: AnyNode; entries: Entry[] } {
  const map = getIn(ctx.manifest.root, ['metadata', 'annotations']);
  const prefix = ctx.settings.ingressNginxAnnotationPrefix;
  const entries: Entry[] = [];
  for (const pair of mapItems(map)) {
    const key = keyText(pair);
    if (key === undefined) continue;
    entries.push({ pair, key, keyNode: pair.key as AnyNode, value: pair.value, text: str(pair.value), spec: lookupAnnotation(key, prefix) });
  }
  return { map, entries };
}

/** Replaces a key node's text, keeping its quoting style. */
function renameKey(ctx: RuleContext, keyNode: AnyNode, newKey: string): Fix['edits'] {
  const span = nodeSpan(keyNode);
  if (!span) return [];
  const old = ctx.text.slice(span[0], span[1]);
  const q = old[0] === '"' || old[0] === "'" ? old[0] : '';
  return [{ start: span[0], end: span[1], newText: `${q}${newKey}${q}` }];
}

function short(key: string, prefix: string): string {
  return nginxSuffix(key, prefix) ?? key;
}

/**
 * Values filled in later by a tool: Go/Helm templates, and envsubst-style `$NAME` / `${NAME}`
 * placeholders (upper case, so nginx variables such as `$host` are still checked).
 */
function isTemplated(s: string | undefined): boolean {
  return s !== undefined && (s.includes('{{') || /\$\{[A-Z_][A-Z0-9_]*\}|^\$[A-Z_][A-Z0-9_]*$/.test(s.trim()));
}

function checkEntry(ctx: RuleContext, e: Entry, kind: string): void {
  const prefix = ctx.settings.ingressNginxAnnotationPrefix;
  if (isTemplated(e.key)) return;
  // Non-string values: the API server rejects the whole object.
  if (isScalar(e.value) && e.value.value !== null && typeof e.value.value !== 'string') {
    const span = nodeSpan(e.value);
    const source = span ? ctx.text.slice(span[0], span[1]) : String(e.value.value);
    const isBool = typeof e.value.value === 'boolean';
    const wanted = isBool && e.spec?.type === 'bool' ? (YAML11_TRUE.test(source) ? 'true' : 'false') : source;
    const what = isBool ? 'a boolean' : 'a number';
    ctx.report({
      rule: R.notString.id,
      node: e.value,
      message: `YAML reads \`${source}\` as ${what}, but annotation values must be strings: the API server rejects the object. Quote it: "${wanted}".`,
      fixes: span ? [{ title: `Quote the value: "${wanted}"`, edits: [{ start: span[0], end: span[1], newText: `"${wanted}"` }], preferred: true }] : undefined,
    });
    return;
  }
  if (isMap(e.value) || isSeq(e.value)) {
    ctx.report({ rule: R.notString.id, node: e.value, message: `Annotation values must be strings, not ${isMap(e.value) ? 'a map' : 'a list'}: the API server rejects the object. Write the value as one string (for JSON, quote it).` });
    return;
  }
  const spec = e.spec;
  if (!spec) {
    const owned = ownedPrefixOf(e.key, kind, prefix);
    if (!owned) return;
    const candidates = keysUnder(owned, prefix);
    const rest = e.key.slice(owned.prefix.length);
    const suggestions = suggest(rest, candidates.map((c) => c.slice(owned.prefix.length)), { limit: 3 }).map((s) => owned.prefix + s);
    // The cloud providers add annotations often and kube-expose may lag behind: there, only a key
    // close to a known one (most likely a typo) is reported.
    if ((owned.group === 'aws' || owned.group === 'azure') && suggestions.length === 0) return;
    const family = owned.group === 'ingress-nginx' ? 'ingress-nginx' : owned.group === 'cert-manager' ? 'cert-manager' : owned.group === 'aws' ? 'AWS' : owned.group === 'azure' ? 'Azure' : 'MetalLB';
    const mean = suggestions.length ? ` Did you mean ${suggestions.map((s) => `\`${s}\``).join(', ').replace(/, ([^,]*)$/, ' or $1')}?` : '';
    ctx.report({
      rule: R.unknown.id,
      node: e.keyNode,
      message: `\`${e.key}\` is not a known ${family} annotation, so it is ignored.${mean}`,
      fixes: suggestions.map((s) => ({ title: `Change to ${s}`, edits: renameKey(ctx, e.keyNode, s), preferred: suggestions.length === 1 })),
    });
    return;
  }
  if (!spec.appliesTo.includes(kind as 'Ingress' | 'Service')) return;
  const name = short(e.key, prefix);
  if (spec.status.state === 'removed') {
    const repl = spec.status.replacement ? replacementKey(spec.status.replacement, prefix) : undefined;
    const instead = repl ? ` Use \`${repl}\` instead.` : spec.status.note ? ` Use ${spec.status.note} instead.` : '';
    ctx.report({ rule: R.removed.id, node: e.keyNode, message: `\`${name}\` was removed from ingress-nginx in ${spec.status.since}; the controller ignores it.${instead}`, tags: ['unnecessary'] });
    return;
  }
  if (spec.status.state === 'deprecated') {
    const repl = spec.status.replacement ? replacementKey(spec.status.replacement, prefix) : undefined;
    const alias = !!spec.aliasOf;
    const fixes: Fix[] = [];
    const taken = repl !== undefined && findPair(getIn(ctx.manifest.root, ['metadata', 'annotations']), repl) !== undefined;
    if (repl && !taken) fixes.push({ title: `Rename to ${repl}`, edits: renameKey(ctx, e.keyNode, repl), preferred: true });
    const why = alias
      ? `\`${name}\` is the legacy name of \`${short(repl ?? '', prefix)}\` (since ${spec.status.since}); the controller reads it only when the new name is not set.`
      : `\`${e.key}\` is deprecated${spec.status.since ? ` (since ${spec.status.since})` : ''}.`;
    const use = repl ? (taken ? ` \`${repl}\` is also set and wins; remove this one.` : ` Use \`${repl}\`.`) : '';
    ctx.report({ rule: R.deprecated.id, node: e.keyNode, message: why + use, severity: alias ? 'info' : undefined, tags: ['deprecated'], fixes });
  }
  if (spec.risk === 'Critical') {
    ctx.report({
      rule: R.snippet.id,
      node: e.keyNode,
      message:
        `\`${name}\` injects raw nginx configuration (Critical risk). Current ingress-nginx controllers refuse it unless the administrator opts in: snippet annotations are off by default since v1.9.0 (ConfigMap allow-snippet-annotations: "true" turns them on) and annotations-risk-level defaults to High since v1.12.0, which rejects Critical annotations. ` +
        'Snippets let an Ingress author read the controller\'s Secrets (CVE-2021-25742) and were part of the IngressNightmare attack (CVE-2025-1974). Prefer a dedicated annotation.',
    });
    return;
  }
  const v = e.text;
  if (spec.validate && v !== undefined && v !== '' && !isTemplated(v)) {
    const problem = spec.validate(v);
    if (problem) {
      const what = spec.group === 'ingress-nginx' ? 'ingress-nginx rejects this value' : `${groupName(spec)} cannot use this value`;
      ctx.report({ rule: R.invalid.id, node: e.value, message: `${name}: ${problem}; ${what}.`, severity: spec.group === 'ingress-nginx' || spec.group === 'cert-manager' ? undefined : 'warning' });
      (e as Entry & { invalid?: boolean }).invalid = true;
    }
  }
}

function replacementKey(replacement: string, prefix: string): string {
  return replacement.startsWith(`${NGINX_DEFAULT_PREFIX}/`) ? `${prefix}/${replacement.slice(NGINX_DEFAULT_PREFIX.length + 1)}` : replacement;
}

function groupName(spec: AnnotationSpec): string {
  return { 'ingress-nginx': 'ingress-nginx', 'cert-manager': 'cert-manager', aws: 'the AWS load balancer controller', gcp: 'GKE', azure: 'the Azure cloud provider', metallb: 'MetalLB' }[spec.group];
}

function isTrue(v: string | undefined): boolean {
  return v !== undefined && goBool(v) === undefined && /^(1|t|T|TRUE|true|True)$/.test(v);
}

/** Ingress-level combinations of ingress-nginx annotations. */
function checkIngressNginx(ctx: RuleContext, entries: Entry[]): void {
  const prefix = ctx.settings.ingressNginxAnnotationPrefix;
  const nginx = entries.filter((e) => nginxSuffix(e.key, prefix) !== undefined && !isTemplated(e.key));
  if (nginx.length === 0) return;
  const by = new Map<string, Entry>();
  for (const e of nginx) by.set(nginxSuffix(e.key, prefix)!, e);
  const root = ctx.manifest.root;
  const spec = getIn(root, ['spec']);
  const hasTls = seqItems(getIn(spec, ['tls'])).length > 0;
  const invalid = (e: Entry | undefined) => !!(e as (Entry & { invalid?: boolean }) | undefined)?.invalid;

  // Canary annotations without canary: "true".
  const canary = by.get('canary');
  if (!isTrue(canary?.text)) {
    for (const e of nginx) {
      const s = nginxSuffix(e.key, prefix)!;
      if (!s.startsWith('canary-') || !e.spec || e.spec.status.state === 'removed') continue;
      ctx.report({
        rule: R.canaryOff.id,
        node: e.keyNode,
        message: canary ? `\`${s}\` is ignored: this Ingress has canary: "${canary.text ?? ''}", so it is not a canary. Set canary: "true".` : `\`${s}\` is ignored unless this Ingress also has ${prefix}/canary: "true".`,
      });
    }
  } else {
    const weight = by.get('canary-weight');
    const totalEntry = by.get('canary-weight-total');
    if (weight?.text && !invalid(weight) && goInt(weight.text) === undefined) {
      const total = totalEntry?.text && goInt(totalEntry.text) === undefined ? Number(totalEntry.text) : 100;
      const w = Number(weight.text);
      if (w < 0 || w > total) {
        ctx.report({ rule: R.canaryWeight.id, node: weight.value, message: `canary-weight ${w} is outside 0..${total}${totalEntry ? ' (canary-weight-total)' : ' (the total is 100 unless canary-weight-total says otherwise)'}.` });
      }
    }
  }

  // rewrite-target with capture references and no capture group in any path.
  const rewrite = by.get('rewrite-target');
  if (rewrite?.text && /\$\d/.test(rewrite.text) && !isTrue(by.get('use-regex')?.text)) {
    const paths: string[] = [];
    for (const rule of seqItems(getIn(spec, ['rules']))) for (const p of seqItems(getIn(rule, ['http', 'paths']))) {
      const path = str(getIn(p, ['path']));
      if (path !== undefined) paths.push(path);
    }
    const hasGroup = paths.some((p) => /(^|[^\\])\((?!\?)/.test(p));
    if (paths.length > 0 && !hasGroup) {
      ctx.report({
        rule: R.rewriteCapture.id,
        node: rewrite.value,
        message: `rewrite-target uses ${rewrite.text.match(/\$\d/g)!.join(', ')}, but no path of this Ingress has a regex capture group, so they are empty and every request is rewritten to the same path. Write the path as a regex, e.g. /api(/|$)(.*) with rewrite-target /$2.`,
      });
    }
  }

  // auth-type needs auth-secret.
  const authType = by.get('auth-type');
  if (authType && !by.get('auth-secret')) {
    ctx.report({ rule: R.authSecret.id, node: authType.keyNode, message: `auth-type is set but ${prefix}/auth-secret is not: ingress-nginx drops the authentication and serves the paths without it. Add auth-secret with the Secret holding the users.` });
  }

  // auth-url must be absolute.
  const authUrl = by.get('auth-url');
  if (authUrl?.text && !invalid(authUrl) && !isAbsoluteHttpUrl(authUrl.text)) {
    ctx.report({ rule: R.authUrl.id, node: authUrl.value, message: `auth-url "${authUrl.text}" is not an absolute URL: write it with scheme and host, e.g. http://oauth2-proxy.auth.svc.cluster.local/oauth2/auth.` });
  }

  // TLS redirects without tls.
  if (!hasTls) {
    const ssl = by.get('ssl-redirect');
    if (ssl && isTrue(ssl.text)) {
      ctx.report({ rule: R.sslNoTls.id, node: ssl.keyNode, message: 'ssl-redirect only acts on hosts listed in spec.tls, and this Ingress has no tls section, so it does nothing. Add spec.tls, or use force-ssl-redirect if TLS is terminated before the controller.', tags: ['unnecessary'] });
    }
    const force = by.get('force-ssl-redirect');
    if (force && isTrue(force.text)) {
      ctx.report({ rule: R.sslNoTls.id, node: force.keyNode, severity: 'info', message: 'force-ssl-redirect sends clients to HTTPS, but this Ingress has no tls section: that only works when TLS is terminated in front of the controller (e.g. at a cloud load balancer). Otherwise add spec.tls.' });
    }
  }

  // The project's retirement, once per Ingress.
  if (ctx.settings.ingressNginxRetirementNotice) {
    ctx.report({
      rule: R.retired.id,
      node: nginx[0].keyNode,
      message: `This Ingress relies on ingress-nginx annotations. The ingress-nginx project is retired: maintenance ended in March 2026, with no further releases or security fixes (${RETIREMENT_URL}). Plan a move to a Gateway API implementation; kube-expose can convert an Ingress to Gateway API resources.`,
    });
  }
}

function checkCertManager(ctx: RuleContext, entries: Entry[]): void {
  const issuer = entries.find((e) => e.key === 'cert-manager.io/issuer');
  const cluster = entries.find((e) => e.key === 'cert-manager.io/cluster-issuer');
  if (issuer && cluster) {
    const later = (nodeSpan(issuer.keyNode)?.[0] ?? 0) > (nodeSpan(cluster.keyNode)?.[0] ?? 0) ? issuer : cluster;
    ctx.report({ rule: R.issuerConflict.id, node: later.keyNode, message: 'cert-manager.io/issuer and cert-manager.io/cluster-issuer are both set: cert-manager refuses to pick one and issues no certificate. Keep one of them.' });
  }
  if (cluster) {
    // issuer-kind and issuer-group describe an (external) namespaced issuer; with cluster-issuer the shim refuses them.
    for (const e of entries) {
      if (e.key !== 'cert-manager.io/issuer-kind' && e.key !== 'cert-manager.io/issuer-group') continue;
      ctx.report({ rule: R.issuerConflict.id, node: e.keyNode, message: `${e.key} cannot be combined with cert-manager.io/cluster-issuer: cert-manager refuses the Ingress and issues no certificate. Use cert-manager.io/issuer with ${e.key} for an external issuer, or drop ${e.key}.` });
    }
  }
  const acme = entries.find((e) => e.key === 'kubernetes.io/tls-acme' && isTrue(e.text));
  const asker = cluster ?? issuer ?? acme;
  if (asker && seqItems(getIn(ctx.manifest.root, ['spec', 'tls'])).length === 0) {
    ctx.report({ rule: R.issuerNoTls.id, node: asker.keyNode, message: `\`${asker.key}\` does nothing here: cert-manager issues certificates only for the hosts and secretName listed in spec.tls, and this Ingress has none. Add a tls entry with the hosts and a secretName.` });
  }
}

/**
 * Annotations on an Ingress whose class belongs to another controller. A checker of its own: it
 * reads the workspace, so it runs on every check, while the main annotation checker's findings
 * depend on the document alone and are reused across edits.
 */
function checkOtherController(ctx: RuleContext): void {
  const root = ctx.manifest.root;
  const className = str(getIn(root, ['spec', 'ingressClassName'])) ?? str(getIn(root, ['metadata', 'annotations', INGRESS_CLASS_ANNOTATION]));
  const ws = className ? ctx.workspace : undefined;
  if (!ws || !className) return;
  let controller: string | undefined;
  for (const ic of ws.byKind('IngressClass')) {
    if (ic.manifest.name !== className) continue;
    controller = str(getIn(ic.manifest.root, ['spec', 'controller']));
    break;
  }
  // Only a class known in the workspace to belong to another controller is worth reading the annotations for.
  if (!controller || controller.includes('ingress-nginx')) return;
  const prefix = ctx.settings.ingressNginxAnnotationPrefix;
  const live = annotationEntries(ctx).entries.filter((e) => nginxSuffix(e.key, prefix) !== undefined && !isTemplated(e.key) && e.spec && e.spec.status.state !== 'removed');
  if (live.length === 0) return;
  ctx.report({
    rule: R.otherController.id,
    node: live[0].keyNode,
    message: `IngressClass \`${className}\` is handled by \`${controller}\`, not ingress-nginx, so the ${live.length} ${prefix}/ annotation${live.length > 1 ? 's' : ''} of this Ingress ${live.length > 1 ? 'are' : 'is'} ignored. Use that controller's own configuration.`,
  });
}

export const annotationsCheckers: Checker[] = [
  {
    name: 'annotations',
    rules: Object.values(R).filter((r) => r !== R.otherController),
    check(ctx) {
      const kind = ctx.manifest.kind ?? '';
      const { entries } = annotationEntries(ctx);
      if (entries.length === 0) return;
      for (const e of entries) checkEntry(ctx, e, kind);
      if (kind === 'Ingress') {
        checkIngressNginx(ctx, entries);
        checkCertManager(ctx, entries);
      }
    },
  },
  {
    name: 'annotations/other-controller',
    rules: [R.otherController],
    kinds: ['Ingress'],
    check: checkOtherController,
  },
];

