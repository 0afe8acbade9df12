/**
 * Migrates an Ingress of a removed apiVersion (`extensions/v1beta1`, `networking.k8s.io/v1beta1`)
 * to `networking.k8s.io/v1` with minimal edits:
 *   serviceName/servicePort → service.name + port.number|name, spec.backend → spec.defaultBackend,
 *   pathType added where missing, the `kubernetes.io/ingress.class` annotation → spec.ingressClassName.
 */
import type { TextEdit } from '../findings';
import { findPair, get, getIn, isMap, mapItems, nodeSpan, num, seqItems, str, type AnyNode } from '../yaml/ast';
import { columnOf, commentOut, eolOf, insertIntoMap, lineStartOf, removePair, replaceNode } from './text-edits';
import type { Conversion, ConversionContext } from './types';

export const REMOVED_INGRESS_VERSIONS = new Set(['extensions/v1beta1', 'networking.k8s.io/v1beta1']);

export function ingressMigrations(ctx: ConversionContext): Conversion[] {
  const m = ctx.manifest;
  if (m.kind !== 'Ingress' || !m.apiVersion || !REMOVED_INGRESS_VERSIONS.has(m.apiVersion) || !isMap(m.root)) return [];
  const text = ctx.file.text;
  const eol = eolOf(text);
  const edits: TextEdit[] = [];
  const notes: string[] = [];
  const apiNode = get(m.root, 'apiVersion');
  const e0 = replaceNode(apiNode, 'networking.k8s.io/v1');
  if (e0) edits.push(e0);
  const spec = get(m.root, 'spec');
  // spec.backend → spec.defaultBackend
  const specBackend = findPair(spec, 'backend');
  if (specBackend) {
    const k = replaceNode(specBackend.key as AnyNode, 'defaultBackend');
    if (k) edits.push(k);
    edits.push(...backendEdits(text, specBackend.value, eol));
  }
  for (const rule of seqItems(get(spec, 'rules'))) {
    for (const path of seqItems(getIn(rule, ['http', 'paths']))) {
      edits.push(...backendEdits(text, get(path, 'backend'), eol));
      if (!findPair(path, 'pathType') && isMap(path)) {
        const p = str(get(path, 'path'));
        const type = !p || /^\/[\w\-./~%]*$/.test(p) ? 'Prefix' : 'ImplementationSpecific';
        if (type === 'ImplementationSpecific') notes.push(`Path ${p} looks like a regular expression: it keeps pathType ImplementationSpecific, which is what v1beta1 applied.`);
        // v1 needs an absolute path for Prefix; v1beta1 without a path matched everything, as `/` does.
        const e = findPair(path, 'path') ? insertIntoMap(text, path, [`pathType: ${type}`], 'path') : insertIntoMap(text, path, ['path: /', `pathType: ${type}`]);
        if (e) edits.push(e);
      }
    }
  }
  // kubernetes.io/ingress.class annotation → spec.ingressClassName
  const annotations = getIn(m.root, ['metadata', 'annotations']);
  const klass = str(get(annotations, 'kubernetes.io/ingress.class'));
  if (klass !== undefined && !findPair(spec, 'ingressClassName')) {
    const meta = get(m.root, 'metadata');
    const onlyOne = mapItems(annotations).length === 1;
    const rm = onlyOne ? removePair(text, meta, 'annotations') : removePair(text, annotations, 'kubernetes.io/ingress.class');
    if (rm) edits.push(rm);
    const add = isMap(spec) && spec.items.length ? insertIntoMap(text, spec, [`ingressClassName: ${klass}`], { atStart: true }) : undefined;
    if (add) edits.push(add);
    notes.push(`The kubernetes.io/ingress.class annotation became spec.ingressClassName: ${klass}. An IngressClass named "${klass}" must exist in the cluster.`);
  }
  if (ctx.settings.convertOriginal === 'comment') {
    const at = lineStartOf(text, m.contentStart);
    const original = commentOut(text.slice(m.contentStart, m.end), eol);
    edits.push({ start: at, end: at, newText: `# Before migration to networking.k8s.io/v1:${eol}${original}${eol}` });
  }
  return [{ id: 'ingress/migrate-to-v1', title: 'Migrate this Ingress to networking.k8s.io/v1', edits, notes }];
}

/** Rewrites a v1beta1 backend `{serviceName, servicePort}` into the v1 `{service: {name, port}}` shape. */
function backendEdits(text: string, backend: AnyNode, eol: string): TextEdit[] {
  if (!isMap(backend)) return [];
  const namePair = findPair(backend, 'serviceName');
  const portPair = findPair(backend, 'servicePort');
  if (!namePair && !portPair) return [];
  const name = str(namePair?.value) ?? '';
  const portNum = num(portPair?.value);
  const portName = portNum === undefined ? str(portPair?.value) : undefined;
  const portLine = portNum !== undefined ? `number: ${portNum}` : portName !== undefined ? (/^\d+$/.test(portName) ? `number: ${portName}` : `name: ${portName}`) : undefined;
  if (backend.flow) {
    const span = nodeSpan(backend);
    if (!span) return [];
    const port = portLine ? `, port: {${portLine}}` : '';
    return [{ start: span[0], end: span[1], newText: `{service: {name: ${name}${port}}}` }];
  }
  const first = namePair ?? portPair!;
  const ks = nodeSpan(first.key as AnyNode)!;
  const col = columnOf(text, ks[0]);
  const pad = ' '.repeat(col);
  const lines = ['service:', `${pad}  name: ${name}`];
  if (portLine) lines.push(`${pad}  port:`, `${pad}    ${portLine}`);
  const edits: TextEdit[] = [];
  const vs = nodeSpan(first.value);
  edits.push({ start: ks[0], end: vs ? vs[1] : ks[1], newText: lines.join(eol) });
  const second = namePair ? portPair : undefined;
  if (second) {
    const rm = removePair(text, backend, 'servicePort');
    if (rm) edits.push(rm);
  }
  return edits;
}
