#!/usr/bin/env node
// Generates the schema data of kube-expose from the `.d.ts` files of the kubernetes-models npm
// package (descriptions as JSDoc, enums as literal unions, required fields as non-optional
// properties), read with the TypeScript compiler API. Nothing here is hand-written schema text:
// only the list of kinds we support and a few words for `apiVersion`/`kind`.
//
//   node scripts/gen-schemas.mjs            writes schemas/ (skips when it is up to date)
//   node scripts/gen-schemas.mjs --force    always regenerates
//
// Output:
//   schemas/catalog.json                    compact data imported by the core (bundled into dist/server.js)
//   schemas/json-schema/<group>-<version>-<kind>.json   strict JSON Schema per kind (additionalProperties: false)
//   schemas/json-schema/all.json            one schema that accepts any of the kinds (oneOf)
import ts from 'typescript';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const require = createRequire(join(root, 'package.json'));
const modelsDir = dirname(require.resolve('kubernetes-models/package.json'));
const machineryDir = dirname(require.resolve('@kubernetes-models/apimachinery/package.json', { paths: [modelsDir] }));
const modelsPkg = JSON.parse(readFileSync(join(modelsDir, 'package.json'), 'utf8'));
const outDir = join(root, 'schemas');
const catalogFile = join(outDir, 'catalog.json');
const self = new URL(import.meta.url).pathname;

/** The Kubernetes release whose OpenAPI data kubernetes-models 5.x was generated from (its CHANGELOG 5.0.0). */
const KUBERNETES_VERSION = modelsPkg.version.startsWith('5.') ? '1.36.0' : undefined;
if (!KUBERNETES_VERSION) throw new Error(`gen-schemas: unknown kubernetes-models version ${modelsPkg.version}; update KUBERNETES_VERSION`);

/** The kinds kube-expose validates: [apiVersion, kind, support]. */
const KINDS = [
  ['v1', 'Service', 'full'],
  ['networking.k8s.io/v1', 'Ingress', 'full'],
  ['networking.k8s.io/v1', 'IngressClass', 'full'],
  ['apps/v1', 'Deployment', 'context'],
  ['apps/v1', 'StatefulSet', 'context'],
  ['apps/v1', 'DaemonSet', 'context'],
  ['apps/v1', 'ReplicaSet', 'context'],
  ['v1', 'Pod', 'context'],
  ['batch/v1', 'Job', 'context'],
  ['batch/v1', 'CronJob', 'context'],
  ['discovery.k8s.io/v1', 'EndpointSlice', 'context'],
  ['networking.k8s.io/v1', 'NetworkPolicy', 'context'],
  ['v1', 'Secret', 'context'],
  ['v1', 'ConfigMap', 'context'],
  ['v1', 'Namespace', 'context'],
  ['v1', 'Endpoints', 'context'],
];

/** Kubernetes API reference pages (kubernetes.io/docs/reference/kubernetes-api/…) by kind. */
const REFERENCE_PAGES = {
  Service: 'service-resources/service-v1',
  Ingress: 'service-resources/ingress-v1',
  IngressClass: 'service-resources/ingress-class-v1',
  EndpointSlice: 'service-resources/endpoint-slice-v1',
  Endpoints: 'service-resources/endpoints-v1',
  Deployment: 'workload-resources/deployment-v1',
  StatefulSet: 'workload-resources/stateful-set-v1',
  DaemonSet: 'workload-resources/daemon-set-v1',
  ReplicaSet: 'workload-resources/replica-set-v1',
  Pod: 'workload-resources/pod-v1',
  Job: 'workload-resources/job-v1',
  CronJob: 'workload-resources/cron-job-v1',
  NetworkPolicy: 'policy-resources/network-policy-v1',
  Secret: 'config-and-storage-resources/secret-v1',
  ConfigMap: 'config-and-storage-resources/config-map-v1',
  Namespace: 'cluster-resources/namespace-v1',
};

/** Words for the two fields every object has (TypeMeta carries no description in the package). */
const TYPE_META = {
  apiVersion: 'The versioned schema of this object: the API group and version that serve it, e.g. `v1` or `networking.k8s.io/v1`.',
  kind: 'The type of object this document describes, in CamelCase, e.g. `Service`.',
};

// ---------------------------------------------------------------------------------------------

function apiVersionToDir(apiVersion) {
  return apiVersion; // kubernetes-models lays files out as <group>/<version>/<Kind>.d.ts, `v1` for the core group
}

/** A short stable id for a definition file: `core/v1/ServicePort`, `apps/v1/Deployment`, `meta/v1/ObjectMeta`. */
function defId(file) {
  const norm = file.split(sep).join('/');
  const m = /\/kubernetes-models\/(.+)\.d\.ts$/.exec(norm);
  if (m && !norm.includes('@kubernetes-models/')) {
    const parts = m[1].split('/');
    if (parts.length === 2) return `core/${parts[0]}/${parts[1]}`;
    return `${parts[0].replace(/\.k8s\.io$/, '')}/${parts.slice(1).join('/')}`;
  }
  const a = /@kubernetes-models\/apimachinery\/(.+)\.d\.ts$/.exec(norm);
  if (a) return a[1].replace(/^apis\//, '');
  throw new Error(`gen-schemas: no id for ${file}`);
}

function upToDate() {
  if (process.argv.includes('--force')) return false;
  if (!existsSync(catalogFile)) return false;
  try {
    const data = JSON.parse(readFileSync(catalogFile, 'utf8'));
    if (data.source !== `kubernetes-models@${modelsPkg.version}`) return false;
  } catch {
    return false;
  }
  return statSync(catalogFile).mtimeMs >= statSync(self).mtimeMs;
}

if (upToDate()) {
  console.log('gen-schemas: schemas/ is up to date');
  process.exit(0);
}

const t0 = Date.now();
const rootFiles = KINDS.map(([apiVersion, kind]) => join(modelsDir, apiVersionToDir(apiVersion), `${kind}.d.ts`));
for (const f of rootFiles) if (!existsSync(f)) throw new Error(`gen-schemas: missing ${f}`);
const program = ts.createProgram(rootFiles, {
  noEmit: true,
  skipLibCheck: true,
  types: [],
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
});
const checker = program.getTypeChecker();

/** id → definition (compact form, see server/src/core/catalog/schema-data.ts). */
const defs = new Map();
const queue = [];

function jsDocText(node) {
  const docs = node.jsDoc;
  if (!docs || docs.length === 0) return undefined;
  const text = ts.getTextOfJSDocComment(docs[docs.length - 1].comment);
  if (!text) return undefined;
  // The package escapes Markdown list markers as `\*`; restore them.
  return text.replace(/\\\*/g, '*').trim();
}

/** Splits "Possible enum values:" out of a description: the prose, and a note per value. */
function splitEnumDocs(description) {
  if (!description) return { text: description, values: undefined };
  const i = description.indexOf('Possible enum values:');
  if (i < 0) return { text: description, values: undefined };
  const values = {};
  const tail = description.slice(i);
  let last;
  for (const line of tail.split('\n').slice(1)) {
    const mm = /^\s*- `"([^"]*)"`\s*(.*)$/.exec(line);
    if (mm) {
      last = mm[1];
      values[last] = mm[2].trim();
    } else if (last !== undefined && line.trim()) values[last] += ' ' + line.trim();
  }
  return { text: description.slice(0, i).trim(), values: Object.keys(values).length ? values : undefined };
}

/** A default stated in the description ("Defaults to TCP", "Default is Cluster", "defaults to \"ClusterIP\""). */
function statedDefault(description) {
  if (!description) return undefined;
  const m = /\b[Dd]efaults? (?:to|is|value is)\s+(`[^`]+`|"[^"]+"|'[^']+'|[\w./:%-]+)/.exec(description);
  if (!m) return undefined;
  const quoted = /^[`"']/.test(m[1]);
  let v = m[1].replace(/^[`"']|[`"']$/g, '');
  if (!quoted) v = v.replace(/[.,;:]+$/, '');
  if (!v) return undefined;
  if (!quoted && !/^(\d[\w.%]*|true|false|\/\S*|[A-Z][\w-]*)$/.test(v)) return undefined;
  return v;
}

function resolveDeclaration(typeName) {
  let sym = checker.getSymbolAtLocation(typeName);
  if (!sym) return undefined;
  if (sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
  return sym.declarations?.[0];
}

/** Converts a type node to the compact type form: { t, r?, i?, v?, e? }. */
function convType(node, hint) {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { t: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      // The .d.ts files do not keep `format`; every numeric field of these kinds is an integer
      // (int32/int64) in the Kubernetes API, quantities aside (handled below).
      return { t: 'integer' };
    case ts.SyntaxKind.BooleanKeyword:
      return { t: 'boolean' };
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
    case ts.SyntaxKind.ObjectKeyword:
      return { t: 'any' };
    case ts.SyntaxKind.LiteralType: {
      const lit = node.literal;
      if (ts.isStringLiteral(lit)) return { t: 'string', e: [lit.text] };
      return { t: 'any' };
    }
    case ts.SyntaxKind.UnionType: {
      const parts = node.types;
      if (parts.every((p) => ts.isLiteralTypeNode(p) && ts.isStringLiteral(p.literal))) {
        return { t: 'string', e: [...new Set(parts.map((p) => p.literal.text))] };
      }
      const kinds = new Set(parts.map((p) => p.kind));
      if (kinds.has(ts.SyntaxKind.StringKeyword) && kinds.has(ts.SyntaxKind.NumberKeyword) && parts.length === 2) return { t: 'int-or-string' };
      return { t: 'any' };
    }
    case ts.SyntaxKind.ArrayType:
      return { t: 'array', i: convType(node.elementType, hint) };
    case ts.SyntaxKind.ParenthesizedType:
      return convType(node.type, hint);
    case ts.SyntaxKind.TypeLiteral: {
      const index = node.members.find(ts.isIndexSignatureDeclaration);
      if (index && node.members.length === 1) return { t: 'map', v: convType(index.type, hint) };
      if (node.members.length === 0) return { t: 'object-any' };
      // An object type written inline (e.g. StatefulSet volumeClaimTemplates): a definition of its own.
      const id = hint;
      if (!defs.has(id)) {
        defs.set(id, null);
        queue.push([id, node]);
      }
      return { t: 'object', r: id };
    }
    case ts.SyntaxKind.TypeReference: {
      const name = node.typeName.getText();
      if (name === 'Array' && node.typeArguments?.length === 1) return { t: 'array', i: convType(node.typeArguments[0], hint) };
      if (name === 'Record' && node.typeArguments?.length === 2) return { t: 'map', v: convType(node.typeArguments[1], hint) };
      const decl = resolveDeclaration(node.typeName);
      if (!decl) throw new Error(`gen-schemas: cannot resolve ${name}`);
      if (ts.isTypeAliasDeclaration(decl)) {
        const alias = decl.name.text;
        if (alias === 'IIntOrString') return { t: 'int-or-string' };
        if (alias === 'IQuantity') return { t: 'quantity' };
        const inner = convType(decl.type, hint);
        if (alias === 'ITime' || alias === 'IMicroTime') inner.f = 'date-time';
        return inner;
      }
      if (ts.isInterfaceDeclaration(decl)) {
        const id = enqueue(decl);
        return { t: 'object', r: id };
      }
      throw new Error(`gen-schemas: unsupported declaration for ${name}`);
    }
    default:
      throw new Error(`gen-schemas: unsupported type ${ts.SyntaxKind[node.kind]}: ${node.getText()}`);
  }
}

function enqueue(decl) {
  const id = defId(decl.getSourceFile().fileName);
  if (!defs.has(id)) {
    defs.set(id, null);
    queue.push([id, decl]);
  }
  return id;
}

/**
 * The .d.ts files say `number` for every numeric field; the compiled validators beside them
 * (`_schemas/*.js`) keep the OpenAPI type. Every numeric field of our kinds is an integer: this
 * guard fails the generation if a future package version brings a real floating-point field.
 */
function assertIntegerNumbers(decl) {
  const sf = decl.getSourceFile();
  const alias = /as (IIoK8s\w+)/.exec(sf.text)?.[1];
  if (!alias) return;
  for (const dir of [modelsDir, machineryDir]) {
    const file = join(dir, '_schemas', `${alias.slice(1)}.js`);
    if (existsSync(file) && /type:"number"/.test(readFileSync(file, 'utf8'))) {
      throw new Error(`gen-schemas: ${alias} has a floating-point field; teach convType about it`);
    }
  }
}

function convInterface(decl, id) {
  if (ts.isInterfaceDeclaration(decl)) assertIntegerNumbers(decl);
  const described = ts.isInterfaceDeclaration(decl) ? jsDocText(decl) : jsDocText(decl.parent);
  const def = { d: described };
  const props = {};
  const required = [];
  for (const member of decl.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const name = ts.isStringLiteral(member.name) || ts.isIdentifier(member.name) ? member.name.text : member.name.getText();
    const type = convType(member.type, `${id}.${name}`);
    const raw = jsDocText(member) ?? TYPE_META[name];
    const { text, values } = splitEnumDocs(raw);
    const prop = { ...type };
    if (text) prop.d = text;
    if (values && (prop.e || prop.i?.e)) prop.ed = values;
    const df = statedDefault(text);
    if (df !== undefined) prop.df = df;
    props[name] = prop;
    if (!member.questionToken) required.push(name);
  }
  if (Object.keys(props).length === 0) def.open = true; // free-form content (FieldsV1, RawExtension)
  def.p = props;
  if (required.length) def.req = required;
  return def;
}

function interfaceIn(file, name) {
  const sf = program.getSourceFile(file);
  if (!sf) throw new Error(`gen-schemas: not in program: ${file}`);
  const decl = sf.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === name);
  if (!decl) throw new Error(`gen-schemas: no interface ${name} in ${file}`);
  return decl;
}

const kinds = {};
for (let k = 0; k < KINDS.length; k++) {
  const [apiVersion, kind, support] = KINDS[k];
  const decl = interfaceIn(rootFiles[k], `I${kind}`);
  const id = enqueue(decl);
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  kinds[`${apiVersion}/${kind}`] = {
    apiVersion,
    group,
    version,
    kind,
    def: id,
    support,
    docs: REFERENCE_PAGES[kind] ? `https://kubernetes.io/docs/reference/kubernetes-api/${REFERENCE_PAGES[kind]}/` : undefined,
  };
}
while (queue.length) {
  const [id, decl] = queue.shift();
  defs.set(id, convInterface(decl, id));
}

const sortedDefs = Object.fromEntries([...defs.entries()].sort(([a], [b]) => a.localeCompare(b)));
const catalog = {
  kubernetesVersion: KUBERNETES_VERSION,
  source: `kubernetes-models@${modelsPkg.version}`,
  kinds,
  defs: sortedDefs,
};

// ---------------------------------------------------------------------------------------------
// Strict JSON Schema, one file per kind: local definitions, additionalProperties: false.

// Like the API server (and yannh's schemas), a field written with no value (`spec:` while typing,
// or `null`) means "not set": every field type also accepts null.
function jsonType(type, defsUsed) {
  const out = {};
  switch (type.t) {
    case 'string':
      out.type = ['string', 'null'];
      if (type.e) out.enum = [...type.e, null];
      if (type.f) out.format = type.f;
      break;
    case 'integer':
    case 'boolean':
      out.type = [type.t, 'null'];
      break;
    case 'int-or-string':
    case 'quantity':
      out.anyOf = [{ type: 'string' }, { type: type.t === 'quantity' ? 'number' : 'integer' }, { type: 'null' }];
      break;
    case 'array':
      out.type = ['array', 'null'];
      out.items = jsonType(type.i, defsUsed);
      break;
    case 'map':
      out.type = ['object', 'null'];
      out.additionalProperties = jsonType(type.v, defsUsed);
      break;
    case 'object':
      defsUsed.add(type.r);
      out.anyOf = [{ $ref: `#/definitions/${type.r.replace(/\//g, '.')}` }, { type: 'null' }];
      break;
    case 'object-any':
      out.type = ['object', 'null'];
      break;
    default:
      break;
  }
  return out;
}

function jsonDef(id, defsUsed, kindInfo) {
  const def = sortedDefs[id];
  const out = {};
  if (def.d) out.description = def.d;
  out.type = 'object';
  if (def.open) return out;
  out.properties = {};
  for (const [name, prop] of Object.entries(def.p)) {
    let schema;
    if (kindInfo && name === 'apiVersion') schema = { type: 'string', enum: [kindInfo.apiVersion] };
    else if (kindInfo && name === 'kind') schema = { type: 'string', enum: [kindInfo.kind] };
    else schema = jsonType(prop, defsUsed);
    if (prop.d) {
      out.properties[name] = { description: prop.d, ...schema };
    } else out.properties[name] = schema;
  }
  if (def.req) out.required = def.req;
  out.additionalProperties = false;
  return out;
}

function jsonSchemaFor(key) {
  const info = kinds[key];
  const used = new Set();
  const top = jsonDef(info.def, used, info);
  const definitions = {};
  const seen = new Set();
  const pending = [...used];
  while (pending.length) {
    const id = pending.pop();
    if (seen.has(id)) continue;
    seen.add(id);
    const more = new Set();
    definitions[id.replace(/\//g, '.')] = jsonDef(id, more);
    for (const m of more) if (!seen.has(m)) pending.push(m);
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: fileNameFor(info),
    title: `${info.apiVersion} ${info.kind} (Kubernetes ${KUBERNETES_VERSION})`,
    'x-kubernetes-group-version-kind': [{ group: info.group, version: info.version, kind: info.kind }],
    ...top,
    definitions: Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b))),
  };
}

function fileNameFor(info) {
  const group = info.group === '' ? 'core' : info.group.replace(/\.k8s\.io$/, '');
  return `${group}-${info.version}-${info.kind.toLowerCase()}.json`;
}

rmSync(join(outDir, 'json-schema'), { recursive: true, force: true });
mkdirSync(join(outDir, 'json-schema'), { recursive: true });
const files = [];
for (const key of Object.keys(kinds)) {
  const name = fileNameFor(kinds[key]);
  files.push(name);
  writeFileSync(join(outDir, 'json-schema', name), JSON.stringify(jsonSchemaFor(key), null, 1) + '\n');
}
writeFileSync(
  join(outDir, 'json-schema', 'all.json'),
  JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', $id: 'all.json', title: `Kubernetes ${KUBERNETES_VERSION} kinds known to kube-expose`, oneOf: files.map((f) => ({ $ref: f })) }, null, 1) + '\n',
);
writeFileSync(catalogFile, JSON.stringify(catalog) + '\n');
const size = statSync(catalogFile).size;
console.log(`gen-schemas: ${Object.keys(kinds).length} kinds, ${defs.size} definitions, catalog ${(size / 1024).toFixed(0)} KB, in ${Date.now() - t0} ms (${relative(root, outDir)}/)`);
