/**
 * ObjectMeta, as the API server validates it for every object (ValidateObjectMeta): a name (or a
 * generateName), the name's format for kinds without a rule of their own, the namespace's format,
 * label keys and values, annotation keys and their total size. Only for the built-in kinds whose
 * schema kube-expose knows: other YAML with `apiVersion`/`kind` (kustomizations, kubeconfigs,
 * tool configs, custom resources) follows its own rules.
 */
import { kindSchema } from '../catalog/schema';
import { dns1123Label, dns1123Subdomain, isPlaceholder, labelValue, qualifiedName } from '../validation';
import { findPair, get, isMap, mapItems, nodeSpan, scalarText, str, type AnyNode } from '../yaml/ast';
import type { Checker, RuleContext, RuleMeta } from './types';

const R = {
  nameRequired: { id: 'metadata/name-required', severity: 'error', summary: 'The object has no metadata.name (nor generateName).', description: 'The API server refuses an object without a name unless metadata.generateName asks it to make one up.' },
  nameFormat: { id: 'metadata/name-format', severity: 'error', summary: 'The object name is not a DNS-1123 subdomain.', description: 'Most objects are named by a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", at most 253 characters, starting and ending with a letter or digit. A Namespace name is a DNS-1123 label.' },
  namespaceFormat: { id: 'metadata/namespace-format', severity: 'error', summary: 'metadata.namespace is not a DNS-1123 label.', description: 'A namespace name is a DNS-1123 label: lowercase letters, digits and "-", at most 63 characters.' },
  labelKey: { id: 'metadata/label-key', severity: 'error', summary: 'A label key is not a qualified name.', description: 'Label keys are an optional DNS subdomain prefix and "/", then a name of at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.' },
  labelValue: { id: 'metadata/label-value', severity: 'error', summary: 'A label value is too long or has characters labels may not use.', description: 'Label values are empty or at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.' },
  annotationKey: { id: 'metadata/annotation-key', severity: 'error', summary: 'An annotation key is not a qualified name.', description: 'Annotation keys follow the same rule as label keys: an optional DNS subdomain prefix and "/", then a name of at most 63 characters.' },
  annotationsSize: { id: 'metadata/annotations-size', severity: 'error', summary: 'The annotations together exceed 256 KiB.', description: 'The API server limits the keys and values of all annotations of an object to 256 KiB in total.' },
} satisfies Record<string, RuleMeta>;

/** Kinds whose name format another rule family checks already. */
const NAMED_ELSEWHERE = new Set(['Service', 'Ingress', 'IngressClass']);
const ANNOTATIONS_LIMIT = 256 * 1024;

function check(ctx: RuleContext): void {
  const m = ctx.manifest;
  if (!kindSchema(m.apiVersion, m.kind)) return;
  const root = m.root;
  const metaPair = findPair(root, 'metadata');
  const meta = metaPair?.value;
  const nameNode = get(meta, 'name');
  const name = str(nameNode);
  if (!nameNode && !str(get(meta, 'generateName'))) {
    ctx.report({
      rule: R.nameRequired.id,
      node: (metaPair?.key as AnyNode) ?? findPair(root, 'kind')?.value,
      message: `This ${m.kind} has no metadata.name: the API server needs one (or metadata.generateName). Add metadata.name.`,
    });
  }
  if (name !== undefined && !NAMED_ELSEWHERE.has(m.kind ?? '') && !isPlaceholder(name)) {
    const problems = m.kind === 'Namespace' ? dns1123Label(name) : dns1123Subdomain(name);
    if (problems.length) ctx.report({ rule: R.nameFormat.id, node: nameNode, message: `${m.kind} name '${name}' is not valid: it ${problems.join('; ')}.` });
  }
  const nsNode = get(meta, 'namespace');
  const ns = str(nsNode);
  if (ns !== undefined && ns !== '' && !isPlaceholder(ns)) {
    const problems = dns1123Label(ns);
    if (problems.length) ctx.report({ rule: R.namespaceFormat.id, node: nsNode, message: `Namespace '${ns}' is not valid: it ${problems.join('; ')}.` });
  }
  checkLabels(ctx, get(meta, 'labels'));
  const annotations = get(meta, 'annotations');
  let size = 0;
  for (const p of mapItems(annotations)) {
    const key = scalarText(p.key as AnyNode);
    if (key === undefined) continue;
    size += key.length + (scalarText(p.value)?.length ?? 0);
    if (isPlaceholder(key) || key.includes('{{')) continue;
    const problems = qualifiedName(key);
    if (problems.length) ctx.report({ rule: R.annotationKey.id, node: p.key as AnyNode, message: `Annotation key '${key}' is not valid: ${problems.join('; ')}.` });
  }
  if (size > ANNOTATIONS_LIMIT) {
    ctx.report({ rule: R.annotationsSize.id, node: findPair(meta, 'annotations')?.key as AnyNode, message: `The annotations of this object hold ${Math.round(size / 1024)} KiB; the API server accepts at most 256 KiB in total.` });
  }
}

function checkLabels(ctx: RuleContext, labels: AnyNode): void {
  if (!isMap(labels)) return;
  for (const p of mapItems(labels)) {
    const key = scalarText(p.key as AnyNode);
    if (key !== undefined && !isPlaceholder(key)) {
      const problems = qualifiedName(key);
      if (problems.length) ctx.report({ rule: R.labelKey.id, node: p.key as AnyNode, message: `Label key '${key}' is not valid: ${problems.join('; ')}.` });
    }
    // A value that is not a string (a number, a boolean) is the schema rule's to report.
    const value = str(p.value);
    if (value !== undefined && !isPlaceholder(value) && nodeSpan(p.value)) {
      const problems = labelValue(value);
      if (value !== '' && problems.length) ctx.report({ rule: R.labelValue.id, node: p.value, message: `Label value '${value}' is not valid: it ${problems.join('; ')}.` });
    }
  }
}

export const metadataCheckers: Checker[] = [{ name: 'metadata', rules: Object.values(R), check }];
