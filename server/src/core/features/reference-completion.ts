/**
 * Completion fed by the workspace index: names that must match another manifest. Backend Service
 * names and their ports, Service selector labels from the pod templates of the namespace,
 * targetPort names from the selected containers, ingressClassName from the known IngressClasses.
 */
import { isScalar, nodeSpan, type AnyNode } from '../yaml/ast';
import { namespaceIn } from '../workspace';
import { describePorts, ingressBackends, serviceFacts } from '../workspace/resources';
import { selectedWorkloads, whereIs, workloads, yamlScalar } from '../workspace/query';
import type { CompletionItem, FeatureContext } from './types';

function replaceSpan(node: AnyNode, offset: number): [number, number] {
  const s = nodeSpan(node);
  if (s && isScalar(node) && s[0] <= offset && offset <= s[1] && s[1] > s[0]) return s;
  return [offset, offset];
}

function tail(path: ReadonlyArray<string | number>, n: number): Array<string | number> {
  return path.slice(Math.max(0, path.length - n));
}

export function referenceCompletion(ctx: FeatureContext): CompletionItem[] {
  const ws = ctx.workspace;
  const m = ctx.manifest;
  if (!ws || !m?.isKubernetes) return [];
  const path = ctx.hit.path;
  // Looked up only at the positions this provider serves (the index may need a refresh after an edit).
  let nsCache: string | undefined;
  const nsOf = () => (nsCache ??= namespaceIn(ws, ctx.uri, m));
  const replace = replaceSpan(ctx.hit.node, ctx.offset);

  if (m.kind === 'Ingress' && !ctx.hit.onKey) {
    const [a, b, c] = tail(path, 3);
    if ((a === 'backend' || a === 'defaultBackend') && b === 'service' && c === 'name') {
      return [...ws.byKind('Service')]
        .filter((s) => s.namespace === nsOf() && s.manifest.name)
        .map((s) => ({
          label: s.manifest.name!,
          kind: 'reference' as const,
          detail: `Service · ${describePorts(serviceFacts(s.manifest).ports)}`,
          documentation: `Service \`${s.manifest.name}\` in namespace \`${nsOf()}\` (${whereIs(s, ctx.uri)})`,
          insertText: yamlScalar(s.manifest.name!),
          replace,
        }));
    }
    const [p, q, r] = tail(path, 3);
    if (p === 'service' && q === 'port' && (r === 'number' || r === 'name')) {
      const backend = ingressBackends(m).find((x) => {
        const span = nodeSpan(x.serviceNode);
        return span && span[0] <= ctx.offset && ctx.offset <= span[1];
      });
      if (!backend?.serviceName) return [];
      const svc = ws.get('Service', nsOf(), backend.serviceName)[0];
      if (!svc) return [];
      const ports = serviceFacts(svc.manifest).ports;
      if (r === 'number') {
        return ports.filter((x) => x.port !== undefined).map((x) => ({
          label: String(x.port),
          kind: 'reference' as const,
          detail: `port of Service ${backend.serviceName}${x.name ? ` (${x.name})` : ''}`,
          replace,
        }));
      }
      return ports.filter((x) => x.name).map((x) => ({
        label: x.name!,
        kind: 'reference' as const,
        detail: `port ${x.port ?? '?'} of Service ${backend.serviceName}`,
        insertText: yamlScalar(x.name!),
        replace,
      }));
    }
    if (path.length === 2 && path[0] === 'spec' && path[1] === 'ingressClassName') {
      return [...ws.byKind('IngressClass')]
        .filter((c) => c.manifest.name)
        .map((c) => ({
          label: c.manifest.name!,
          kind: 'reference' as const,
          detail: 'IngressClass',
          documentation: `IngressClass \`${c.manifest.name}\` (${whereIs(c, ctx.uri)})`,
          insertText: yamlScalar(c.manifest.name!),
          replace,
        }));
    }
  }

  if (m.kind === 'Service' && path[0] === 'spec') {
    // Selector keys: offer whole `key: value` labels of the namespace's pod templates.
    const typingKey = (path.length === 2 && path[1] === 'selector' && !ctx.linePrefix.includes(':')) || (path.length === 3 && path[1] === 'selector' && ctx.hit.onKey);
    if (typingKey) {
      const seen = new Map<string, string[]>();
      for (const w of workloads(ws, nsOf())) {
        for (const [k, v] of Object.entries(w.template.labels)) {
          const label = `${k}: ${v}`;
          const list = seen.get(label) ?? [];
          list.push(`${w.template.kind} ${w.template.name}`);
          seen.set(label, list);
        }
      }
      return [...seen].map(([label, owners]) => {
        const [k, v] = [label.slice(0, label.indexOf(': ')), label.slice(label.indexOf(': ') + 2)];
        return { label, kind: 'reference' as const, detail: `pod label of ${owners.join(', ')}`, insertText: `${k}: ${yamlScalar(v)}`, replace };
      });
    }
    if (path.length === 3 && path[1] === 'selector' && !ctx.hit.onKey && typeof path[2] === 'string') {
      const key = path[2];
      const values = new Map<string, string[]>();
      for (const w of workloads(ws, nsOf())) {
        const v = w.template.labels[key];
        if (v !== undefined) values.set(v, [...(values.get(v) ?? []), `${w.template.kind} ${w.template.name}`]);
      }
      return [...values].map(([v, owners]) => ({ label: v, kind: 'reference' as const, detail: `pod label of ${owners.join(', ')}`, insertText: yamlScalar(v), replace }));
    }
    if (path.length === 4 && path[1] === 'ports' && path[3] === 'targetPort' && !ctx.hit.onKey) {
      const selected = selectedWorkloads(ws, nsOf(), serviceFacts(m).selector);
      const items: CompletionItem[] = [];
      const seen = new Set<string>();
      for (const w of selected) {
        for (const c of w.template.ports) {
          for (const label of [c.name, c.containerPort !== undefined ? String(c.containerPort) : undefined]) {
            if (!label || seen.has(label)) continue;
            seen.add(label);
            items.push({
              label,
              kind: 'reference',
              detail: `container ${c.container} of ${w.template.kind} ${w.template.name}: ${c.name ? `${c.name} ` : ''}${c.containerPort ?? '?'}/${c.protocol}`,
              insertText: label === c.name ? yamlScalar(label) : label,
              sortText: label === c.name ? `0${label}` : `1${label}`,
              replace,
            });
          }
        }
      }
      return items;
    }
  }
  return [];
}
