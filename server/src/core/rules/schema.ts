/**
 * Structural validation against the generated Kubernetes schemas: unknown fields, wrong value
 * types, missing required fields and values outside an enum — what `kubectl apply
 * --validate=strict` and the API server's decoder reject before any semantic check runs.
 *
 * One linear walk over the document's node tree; each step is a map lookup in the precomputed
 * schema (`catalog/schema.ts`). Messages and suggestions are built only for the nodes at fault.
 *
 * Half-typed documents: a key with no value yet (`spec:` while typing, or an explicit `null`) is
 * read the way the API server reads it — as "not set" — so it is neither a type error nor checked
 * for the required fields beneath it. Kinds without a schema (custom resources, removed
 * apiVersions) get no schema findings at all.
 */
import { expectedWords, kindSchema, type SchemaDef, type SchemaType } from '../catalog/schema';
import { closest, didYouMean, suggest } from '../suggest';
import { describeNode, isAlias, isMap, isScalar, isSeq, keyText, type AnyNode, type Pair, type Node } from '../yaml/ast';
import type { Checker, RuleContext, RuleMeta } from './types';

export const SCHEMA_RULES: RuleMeta[] = [
  {
    id: 'schema/unknown-field',
    severity: 'error',
    summary: 'A field that the object\'s schema does not have.',
    description: 'The API server rejects unknown fields (kubectl --validate=strict, the default since Kubernetes 1.27), and older clients drop them silently, so a misspelt field never takes effect. Fix the spelling or remove the field.',
  },
  {
    id: 'schema/wrong-type',
    severity: 'error',
    summary: 'A value of the wrong type: a string where an integer belongs, a map where a list belongs, …',
    description: 'The API server cannot decode the object and rejects it. Quote numbers and booleans that are meant as strings (label values, annotations, env values; in YAML 1.1 `yes`, `on` and `010` are not strings either), and write numbers unquoted where an integer is expected. A key with no value yet (`spec:` while typing, or `null`) means "not set", as it does for the API server, and is not a type error.',
  },
  {
    id: 'schema/required-field',
    severity: 'error',
    summary: 'A field the schema requires is missing.',
    description: 'The API server rejects the object until the field is set. Fields under a key with no value yet are not checked, and a few missing fields are left to the ingress rules that explain them better (pathType, paths, backend service name).',
  },
  {
    id: 'schema/enum-value',
    severity: 'error',
    summary: 'A value outside the set the field accepts.',
    description: 'Values are case-sensitive. The message names the accepted values and the closest one, with a quick fix.',
  },
];

/**
 * Required fields that a semantic rule reports with more to say (and a fix), so the schema check
 * stays quiet about them: one diagnostic per mistake.
 */
const REPORTED_ELSEWHERE: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['Ingress networking/v1/HTTPIngressPath', new Set(['pathType'])], // ingress/path-type-required
  ['Ingress networking/v1/HTTPIngressRuleValue', new Set(['paths'])], // ingress/paths-required
  ['Ingress networking/v1/IngressServiceBackend', new Set(['name'])], // ingress/backend-service-name
  ['Ingress core/v1/TypedLocalObjectReference', new Set(['kind', 'name'])], // ingress/resource-backend
  ['IngressClass networking/v1/IngressClassParametersReference', new Set(['kind', 'name'])], // ingressclass/parameters
]);

/** Where the walk is, for messages: `spec.ports[0].targetPort`. */
type Path = Array<string | number>;

function pathText(path: Path): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s;
}

function isNull(node: AnyNode): boolean {
  return node === null || node === undefined || (isScalar(node) && (node.value === null || node.value === undefined));
}

class SchemaWalker {
  private readonly path: Path;
  constructor(private readonly ctx: RuleContext, prefix: Path = []) {
    this.path = [...prefix];
  }

  /** Validates an object node against a definition. `anchor` is where a missing field is reported. */
  object(node: AnyNode, def: SchemaDef, anchor: AnyNode, isRoot = false): void {
    if (def.open || !isMap(node)) return;
    const present = def.required.length ? new Set<string>() : undefined;
    for (const item of node.items as Array<Pair<Node, AnyNode>>) {
      const key = keyText(item);
      if (key === undefined) continue; // a complex or empty key: the YAML layer reports what is wrong
      present?.add(key);
      const field = def.fields.get(key);
      if (!field) {
        this.unknownField(item, key, def);
        continue;
      }
      // apiVersion and kind at the root already matched the schema we use; the api-versions rules speak for them.
      if (isRoot && (key === 'apiVersion' || key === 'kind')) continue;
      this.path.push(key);
      this.value(item.value, field.type, item.key as AnyNode);
      this.path.pop();
    }
    if (present) {
      const elsewhere = REPORTED_ELSEWHERE.get(`${this.ctx.manifest.kind} ${def.id}`);
      for (const name of def.required) {
        if (present.has(name) || elsewhere?.has(name)) continue;
        if (isRoot && (name === 'apiVersion' || name === 'kind')) continue;
        const where = this.path.length ? ` in \`${pathText(this.path)}\`` : '';
        this.ctx.report({
          rule: 'schema/required-field',
          message: `${def.name} requires \`${name}\`${where}: add it.`,
          node: anchor ?? node,
        });
      }
    }
  }

  /** Validates any value against a type. `keyNode` is the key that holds it (for missing fields). */
  value(node: AnyNode, type: SchemaType, keyNode: AnyNode): void {
    if (isNull(node) || isAlias(node)) return;
    switch (type.kind) {
      case 'object':
        if (!isMap(node)) return this.wrongType(node, type);
        if (type.def) this.object(node, type.def, keyNode);
        return;
      case 'array': {
        if (!isSeq(node)) return this.wrongType(node, type);
        const items = type.items;
        if (!items) return;
        const list = node.items as AnyNode[];
        for (let i = 0; i < list.length; i++) {
          const item = list[i];
          this.path.push(i);
          // A list item has no key of its own: a missing field is reported on its first key.
          const anchor = isMap(item) && item.items.length ? (item.items[0] as Pair<Node, AnyNode>).key as AnyNode : item;
          this.value(item, items, anchor);
          this.path.pop();
        }
        return;
      }
      case 'map': {
        if (!isMap(node)) return this.wrongType(node, type);
        const values = type.values;
        if (!values) return;
        // The object's own annotations are the annotation rules' (annotations/not-a-string): one report per mistake.
        if (this.path.length === 2 && this.path[0] === 'metadata' && this.path[1] === 'annotations') return;
        for (const item of node.items as Array<Pair<Node, AnyNode>>) {
          // The key as written (`on`, not the `true` YAML 1.1 reads it as), for the message.
          const k = item.key as AnyNode;
          const key = isScalar(k) && typeof k.source === 'string' ? k.source : keyText(item);
          this.path.push(key ?? '?');
          this.value(item.value, values, item.key as AnyNode);
          this.path.pop();
        }
        return;
      }
      case 'string': {
        if (!isScalar(node)) return this.wrongType(node, type);
        const v = node.value;
        if (typeof v !== 'string') {
          if (v instanceof Date) return; // a YAML 1.1 timestamp: the API reads it as its text
          return this.wrongType(node, type);
        }
        if (type.enum && !type.enum.includes(v)) this.enumValue(node, v, type.enum);
        return;
      }
      case 'integer': {
        if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value)) return this.wrongType(node, type);
        return;
      }
      case 'boolean':
        if (!isScalar(node) || typeof node.value !== 'boolean') return this.wrongType(node, type);
        return;
      case 'int-or-string': {
        if (!isScalar(node)) return this.wrongType(node, type);
        const v = node.value;
        if (typeof v === 'string') return;
        if (typeof v === 'number' && Number.isInteger(v)) return;
        return this.wrongType(node, type);
      }
      case 'quantity': {
        if (!isScalar(node)) return this.wrongType(node, type);
        const v = node.value;
        if (typeof v === 'string' || typeof v === 'number') return;
        return this.wrongType(node, type);
      }
      default:
        return;
    }
  }

  private unknownField(item: Pair<Node, AnyNode>, parsedKey: string, def: SchemaDef): void {
    const k = item.key as AnyNode;
    const key = isScalar(k) && typeof k.source === 'string' && k.source ? k.source : parsedKey;
    const candidates = suggest(key, def.fieldNames, { limit: 3 });
    const where = this.path.length ? `\`${pathText(this.path)}\` (${def.name})` : def.name;
    let hint = candidates.length ? ` ${capitalize(didYouMean(candidates))}` : ' Remove it or check the spelling.';
    if (def.id === 'networking/v1/IngressBackend' && (key === 'serviceName' || key === 'servicePort')) {
      hint = ' It is the old networking.k8s.io/v1beta1 form: in v1 write `service: {name: …, port: {number: …}}`.';
    }
    const keyNode = item.key as AnyNode;
    const fixes = keyNode?.range && candidates.length
      ? candidates.map((c, i) => ({
          title: `Rename to \`${c}\``,
          edits: [{ start: keyNode.range![0], end: keyNode.range![1], newText: c }],
          preferred: candidates.length === 1 && i === 0,
        }))
      : undefined;
    this.ctx.report({
      rule: 'schema/unknown-field',
      message: `Unknown field \`${key}\` in ${where}: the API server rejects it.${hint}`,
      node: keyNode,
      fixes,
    });
  }

  private wrongType(node: AnyNode, type: SchemaType): void {
    const got = describeNode(node);
    let message = `\`${pathText(this.path)}\` must be ${expectedWords(type)}, not ${got}.`;
    const fixes = [];
    if (isScalar(node) && node.range) {
      const src = typeof node.source === 'string' ? node.source : String(node.value);
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if ((type.kind === 'string') && !quoted && (typeof node.value === 'number' || typeof node.value === 'boolean')) {
        message += ' Quote it to make it a string.';
        fixes.push({ title: `Quote the value: "${src}"`, edits: [{ start: node.range[0], end: node.range[1], newText: JSON.stringify(src) }], preferred: true });
      } else if (quoted && typeof node.value === 'string') {
        const unquoted = node.value.trim();
        if ((type.kind === 'integer' || type.kind === 'int-or-string') && /^-?\d+$/.test(unquoted)) {
          message += ' Remove the quotes.';
          fixes.push({ title: `Remove the quotes: ${unquoted}`, edits: [{ start: node.range[0], end: node.range[1], newText: unquoted }], preferred: true });
        } else if (type.kind === 'boolean' && /^(true|false)$/.test(unquoted)) {
          message += ' Remove the quotes.';
          fixes.push({ title: `Remove the quotes: ${unquoted}`, edits: [{ start: node.range[0], end: node.range[1], newText: unquoted }], preferred: true });
        }
      }
    } else if (type.kind === 'array' && isMap(node)) {
      message += ' Start each item with `- `.';
    }
    this.ctx.report({ rule: 'schema/wrong-type', message, node, fixes: fixes.length ? fixes : undefined });
  }

  private enumValue(node: AnyNode, value: string, allowed: readonly string[]): void {
    const best = closest(value, allowed, { maxDistance: Math.max(2, Math.ceil(value.length / 2)) });
    const list = allowed.map((a) => (a === '' ? '""' : `\`${a}\``)).join(', ');
    const hint = best !== undefined ? ` ${capitalize(didYouMean([best]))}` : '';
    const fixes = node?.range
      ? (best !== undefined ? [best] : allowed).filter((a) => a !== '').map((a) => ({
          title: `Change to \`${a}\``,
          edits: [{ start: node.range![0], end: node.range![1], newText: a }],
          preferred: best !== undefined,
        }))
      : undefined;
    this.ctx.report({
      rule: 'schema/enum-value',
      message: `\`${value}\` is not a valid value for \`${pathText(this.path)}\`; it accepts ${list} (case-sensitive).${hint}`,
      node,
      fixes: fixes && fixes.length ? fixes : undefined,
    });
  }
}

function capitalize(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/**
 * Validates one manifest against its kind's schema; nothing for kinds without one. A `v1 List`
 * (what `kubectl get -o yaml` writes) has each of its items validated against the item's own kind.
 */
export function checkSchema(ctx: RuleContext): void {
  const { apiVersion, kind, root } = ctx.manifest;
  if (apiVersion === 'v1' && kind === 'List') {
    const items = findItems(root);
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!isMap(item)) continue;
      const schema = kindSchema(scalarString(item, 'apiVersion'), scalarString(item, 'kind'));
      if (schema) new SchemaWalker(ctx, ['items', i]).object(item, schema.def, undefined, true);
    }
    return;
  }
  const schema = kindSchema(apiVersion, kind);
  if (!schema) return;
  new SchemaWalker(ctx).object(root, schema.def, undefined, true);
}

function findItems(root: AnyNode): AnyNode[] {
  if (!isMap(root)) return [];
  for (const item of root.items as Array<Pair<Node, AnyNode>>) {
    if (keyText(item) === 'items') return isSeq(item.value) ? (item.value.items as AnyNode[]) : [];
  }
  return [];
}

function scalarString(map: AnyNode, key: string): string | undefined {
  if (!isMap(map)) return undefined;
  for (const item of map.items as Array<Pair<Node, AnyNode>>) {
    if (keyText(item) === key) return isScalar(item.value) && typeof item.value.value === 'string' ? item.value.value : undefined;
  }
  return undefined;
}

export const schemaCheckers: Checker[] = [
  {
    name: 'schema',
    rules: SCHEMA_RULES,
    check: checkSchema,
  },
];
