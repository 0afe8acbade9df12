/**
 * Hover from the generated schemas: on every key (and on plain values) of a kind with a schema,
 * the field's description, type, whether it is required, the default its description states, the
 * Kubernetes version of the data and a link to the kind's API reference page. On `apiVersion` and
 * `kind`, which Kubernetes releases serve that pair.
 */
import { apiVersionInfo, apiVersionsOfKind, describeServed } from '../catalog/api-versions';
import { fieldAtPath, kindSchema, SCHEMA_KUBERNETES_VERSION, typeLabel, type KindSchema } from '../catalog/schema';
import { isScalar, nodeSpan, type AnyNode } from '../yaml/ast';
import { fieldDocs } from './schema-completion';
import type { FeatureContext, HoverResult } from './types';

function footer(schema: KindSchema | undefined, owner?: string): string {
  const bits: string[] = [];
  if (owner) bits.push(`\`${owner}\``);
  bits.push(`Kubernetes ${SCHEMA_KUBERNETES_VERSION} schema`);
  if (schema?.docsUrl) {
    // The reference page has a section for the kind, its spec and its status.
    const section = owner && (owner === schema.kind || owner === `${schema.kind}Spec` || owner === `${schema.kind}Status`) ? `#${owner}` : '';
    bits.push(`[${schema.kind} API reference](${schema.docsUrl}${section})`);
  }
  return bits.join(' · ');
}

function servedHover(ctx: FeatureContext, which: 'apiVersion' | 'kind', span: [number, number] | undefined): HoverResult | undefined {
  const m = ctx.manifest;
  if (!m?.apiVersion || !m.kind) return undefined;
  const info = apiVersionInfo(m.apiVersion, m.kind);
  const schema = kindSchema(m.apiVersion, m.kind);
  const lines: string[] = [`**${which}** · \`${m.apiVersion}\` \`${m.kind}\``];
  if (info) lines.push(describeServed(info));
  else if (!schema) return undefined;
  const others = apiVersionsOfKind(m.kind).filter((a) => a.apiVersion !== m.apiVersion && !a.removed);
  if (others.length) lines.push(`Other served versions of ${m.kind}: ${others.map((a) => `\`${a.apiVersion}\``).join(', ')}.`);
  if (schema?.def.description) lines.push(schema.def.description);
  lines.push(footer(schema));
  return { markdown: lines.join('\n\n'), span };
}

/** The hover provider registered in `providers.ts`. */
export function schemaHover(ctx: FeatureContext): HoverResult | undefined {
  const m = ctx.manifest;
  if (!m?.isKubernetes) return undefined;
  const hit = ctx.hit;
  const path = hit.path;
  if (path.length === 0) return undefined;
  const node: AnyNode = hit.node;
  const span = nodeSpan(node);
  if (path.length === 1 && (path[0] === 'apiVersion' || path[0] === 'kind')) return servedHover(ctx, path[0], span);
  const schema = kindSchema(m.apiVersion, m.kind);
  if (!schema) return undefined;
  if (path[0] === 'metadata' && path[1] === 'annotations' && path.length > 2) return undefined; // the annotation catalogue's
  // On a list item's scalar (`- TCP`), speak about the list's field.
  let fieldPath = path;
  while (fieldPath.length && typeof fieldPath[fieldPath.length - 1] === 'number') fieldPath = fieldPath.slice(0, -1);
  const found = fieldAtPath(schema.def, fieldPath);
  if (!found) return undefined;
  const { field, owner } = found;
  const lines: string[] = [`**${field.name}** · \`${typeLabel(field.type)}\` · ${field.required ? 'required' : 'optional'}`];
  // On an enum value, lead with what that value means.
  if (!hit.onKey && isScalar(node) && typeof node.value === 'string') {
    const doc = field.enumDocs?.[node.value];
    if (doc) lines.push(`\`${node.value}\`: ${doc}`);
  }
  const docs = fieldDocs(field);
  if (docs) lines.push(docs);
  lines.push(footer(schema, owner.name));
  return { markdown: lines.join('\n\n'), span };
}
