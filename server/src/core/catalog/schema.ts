/**
 * The Kubernetes schemas kube-expose knows, as ready-to-walk objects.
 *
 * The data is generated at build time by `scripts/gen-schemas.mjs` from the kubernetes-models
 * package into `schemas/catalog.json` and bundled into the server. At load, every definition is
 * turned once into a `SchemaDef` with its fields in a `Map` and every reference resolved to the
 * object it names, so validation, completion and hover do plain map lookups on the hot path and
 * never resolve anything per request.
 */
import data from '../../../../schemas/catalog.json';

/** The value types a field can have, in the words of the Kubernetes API reference. */
export type ValueKind = 'string' | 'integer' | 'boolean' | 'int-or-string' | 'quantity' | 'array' | 'map' | 'object' | 'object-any' | 'any';

/** Compact forms, as written by the generator. */
interface RawType {
  t: string;
  r?: string;
  i?: RawType;
  v?: RawType;
  e?: string[];
  f?: string;
}
interface RawField extends RawType {
  d?: string;
  ed?: Record<string, string>;
  df?: string;
}
interface RawDef {
  d?: string;
  p: Record<string, RawField>;
  req?: string[];
  open?: boolean;
}
interface RawKind {
  apiVersion: string;
  group: string;
  version: string;
  kind: string;
  def: string;
  support: string;
  docs?: string;
}
interface RawCatalog {
  kubernetesVersion: string;
  source: string;
  kinds: Record<string, RawKind>;
  defs: Record<string, RawDef>;
}

export interface SchemaType {
  kind: ValueKind;
  /** For `object`: the definition. */
  def?: SchemaDef;
  /** For `array`: the item type. */
  items?: SchemaType;
  /** For `map`: the type of every value. */
  values?: SchemaType;
  /** Allowed values of a string. */
  enum?: readonly string[];
  /** A string format (`date-time`). */
  format?: string;
}

export interface SchemaField {
  name: string;
  type: SchemaType;
  required: boolean;
  description?: string;
  /** One sentence per enum value, when the API documents them. */
  enumDocs?: Readonly<Record<string, string>>;
  /** The default value the description states, if it states one. */
  defaultValue?: string;
}

export interface SchemaDef {
  /** Generator id, e.g. `core/v1/ServicePort`. */
  id: string;
  /** The type's name as the API reference shows it, e.g. `ServicePort`. */
  name: string;
  description?: string;
  fields: ReadonlyMap<string, SchemaField>;
  /** Field names in schema order (alphabetical). */
  fieldNames: readonly string[];
  required: readonly string[];
  /** Free-form content (FieldsV1, RawExtension): anything is accepted. */
  open: boolean;
}

export interface KindSchema {
  apiVersion: string;
  group: string;
  version: string;
  kind: string;
  /** `full` (Service, Ingress, IngressClass) or `context` (workloads and the rest). */
  support: 'full' | 'context';
  def: SchemaDef;
  /** The Kubernetes API reference page of the kind. */
  docsUrl?: string;
}

const catalog = data as unknown as RawCatalog;

/** The Kubernetes release the schemas describe, e.g. `1.36.0`. */
export const SCHEMA_KUBERNETES_VERSION: string = catalog.kubernetesVersion;
/** The npm package the schemas were generated from, e.g. `kubernetes-models@5.1.0`. */
export const SCHEMA_SOURCE: string = catalog.source;

const DEFS = new Map<string, SchemaDef>();

function typeOf(raw: RawType): SchemaType {
  const t: SchemaType = { kind: raw.t as ValueKind };
  if (raw.r) t.def = defFor(raw.r);
  if (raw.i) t.items = typeOf(raw.i);
  if (raw.v) t.values = typeOf(raw.v);
  if (raw.e) t.enum = raw.e;
  if (raw.f) t.format = raw.f;
  return t;
}

function defFor(id: string): SchemaDef {
  const existing = DEFS.get(id);
  if (existing) return existing;
  const raw = catalog.defs[id];
  const fields = new Map<string, SchemaField>();
  const required = raw?.req ?? [];
  const def: SchemaDef = {
    id,
    name: id.slice(id.lastIndexOf('/') + 1),
    description: raw?.d,
    fields,
    fieldNames: raw ? Object.keys(raw.p) : [],
    required,
    open: raw ? raw.open === true : true,
  };
  // Register before resolving fields: definitions refer to each other (JSONSchemaProps-style cycles).
  DEFS.set(id, def);
  if (raw) {
    for (const [name, f] of Object.entries(raw.p)) {
      fields.set(name, {
        name,
        type: typeOf(f),
        required: required.includes(name),
        description: f.d,
        enumDocs: f.ed,
        defaultValue: f.df,
      });
    }
  }
  return def;
}

const KINDS = new Map<string, KindSchema>();
for (const [key, k] of Object.entries(catalog.kinds)) {
  KINDS.set(key, {
    apiVersion: k.apiVersion,
    group: k.group,
    version: k.version,
    kind: k.kind,
    support: k.support === 'full' ? 'full' : 'context',
    def: defFor(k.def),
    docsUrl: k.docs,
  });
}

/** The schema of an apiVersion + kind pair, or undefined when kube-expose has none (CRDs, removed versions). */
export function kindSchema(apiVersion: string | undefined, kind: string | undefined): KindSchema | undefined {
  if (!apiVersion || !kind) return undefined;
  return KINDS.get(`${apiVersion}/${kind}`);
}

/** Every kind with a schema, in the order the generator lists them (full support first). */
export const KIND_SCHEMAS: readonly KindSchema[] = [...KINDS.values()];

/** Looks up a definition by generator id (tests and tools). */
export function schemaDef(id: string): SchemaDef | undefined {
  return catalog.defs[id] ? defFor(id) : undefined;
}

/**
 * The type at a path under a kind's root: keys select fields, numbers (or `[]`) select list
 * items, any key selects a map value. Undefined when the path leaves the schema.
 */
export function typeAtPath(root: SchemaDef, path: ReadonlyArray<string | number>): SchemaType | undefined {
  let t: SchemaType | undefined = { kind: 'object', def: root };
  for (const seg of path) {
    if (!t) return undefined;
    if (typeof seg === 'number' || seg === '[]') {
      t = t.kind === 'array' ? t.items : undefined;
    } else if (t.kind === 'object' && t.def) {
      t = t.def.fields.get(seg)?.type;
    } else if (t.kind === 'map') {
      t = t.values;
    } else return undefined;
  }
  return t;
}

/** The field a path ends on (its last segment is a key of an object), with the definition holding it. */
export function fieldAtPath(root: SchemaDef, path: ReadonlyArray<string | number>): { field: SchemaField; owner: SchemaDef } | undefined {
  if (path.length === 0) return undefined;
  const last = path[path.length - 1];
  if (typeof last !== 'string' || last === '[]') return undefined;
  const parent = typeAtPath(root, path.slice(0, -1));
  if (!parent || parent.kind !== 'object' || !parent.def) return undefined;
  const field = parent.def.fields.get(last);
  return field ? { field, owner: parent.def } : undefined;
}

/** A type in the notation of the Kubernetes API reference: `[]ServicePort`, `map[string]string`, `IntOrString`. */
export function typeLabel(t: SchemaType): string {
  switch (t.kind) {
    case 'array':
      return `[]${t.items ? typeLabel(t.items) : 'any'}`;
    case 'map':
      return `map[string]${t.values ? typeLabel(t.values) : 'any'}`;
    case 'object':
      return t.def?.name ?? 'object';
    case 'object-any':
    case 'any':
      return 'object';
    case 'int-or-string':
      return 'IntOrString';
    case 'quantity':
      return 'Quantity';
    case 'string':
      if (t.format === 'date-time') return 'Time';
      return t.enum ? `string (enum)` : 'string';
    default:
      return t.kind;
  }
}

/** The value kind in plain words, for messages: "an integer", "a list of ServicePort", … */
export function expectedWords(t: SchemaType): string {
  switch (t.kind) {
    case 'string':
      return 'a string';
    case 'integer':
      return 'an integer';
    case 'boolean':
      return 'a boolean (true or false)';
    case 'int-or-string':
      return 'an integer or a string';
    case 'quantity':
      return 'a quantity (a number or a string such as 500m or 128Mi)';
    case 'array':
      return t.items?.kind === 'object' && t.items.def ? `a list of ${t.items.def.name}` : 'a list';
    case 'map':
      return t.values?.kind === 'string' ? 'a map of strings' : 'a map';
    case 'object':
      return t.def ? `a ${t.def.name} object (a map of fields)` : 'a map';
    default:
      return 'a value';
  }
}
