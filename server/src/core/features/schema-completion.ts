/**
 * Completion from the generated schemas: the keys valid at the cursor (not already present, with
 * their required sub-structure as a snippet), enum values and booleans, and whole
 * `apiVersion` + `kind` pairs at the top of an empty document.
 *
 * While a key is half-typed the YAML tree does not hold the cursor (a blank indented line is not a
 * node; `spec:\n  sel` parses as a scalar value of `spec`), so the path is computed from the text:
 * the indentation and `- ` markers of the document's lines above the cursor. That walk is bounded
 * by the current document (a manifest is a few hundred lines at most), never the whole file.
 */
import { KIND_SCHEMAS, kindSchema, typeAtPath, typeLabel, type KindSchema, type SchemaField, type SchemaType } from '../catalog/schema';
import type { CompletionItem, FeatureContext } from './types';

/** A key or list item on the way from the document root to the cursor. */
interface Frame {
  /** Column of the key, or of the `-` of a list item. */
  col: number;
  /** The key, or `[]` for a list item. */
  seg: string;
  /** Keys seen directly inside this frame's map. */
  keys?: Set<string>;
  /** The apiVersion and kind written directly inside this frame's map (the objects of a List). */
  identity?: { apiVersion?: string; kind?: string };
}

export interface CursorPath {
  /** Keys (and `[]` for list items) from the root to the map that holds the cursor. */
  path: string[];
  /** Typing a key, or the value of `key`. */
  mode: 'key' | 'value';
  /** For `value` mode: the key on the cursor's line. */
  key?: string;
  /** The word under the cursor: its start and end offsets and its text up to the cursor. */
  wordStart: number;
  wordEnd: number;
  prefix: string;
  /** Column where a key at the cursor starts. */
  column: number;
  /** Keys already present in the map that holds the cursor. */
  siblings: Set<string>;
  /** The line after the cursor already has `:` (completing inside an existing key). */
  keyHasColon: boolean;
  /** apiVersion and kind of the document, read from its top-level lines. */
  apiVersion?: string;
  kind?: string;
  /** Inside a flow collection (`{…}`): keys are inserted as `key: `, without block structure. */
  flow?: boolean;
}

const LINE = /^( *)((?:-(?: +|$))*)(.*)$/;
/** A block key whose value starts on the same line: `ports: [...`. */
const FLOW_VALUE = /^((?:"[^"]*"|'[^']*'|[^\s:#'"{[][^:#]*?)):\s+(.*)$/;

/**
 * Where the cursor is inside a flow collection written up to it (`{name: http, por`): the path
 * through the nested collections (the outermost one is the value the line already names), the
 * keys already written in the innermost map, and whether a key or a value is being typed.
 */
function flowAt(text: string): { segs: string[]; keys: Set<string>; mode: 'key' | 'value'; key?: string; prefix: string } | undefined {
  const frames: Array<{ map: boolean; keys: Set<string>; pendingKey?: string }> = [];
  const segs: string[] = [];
  let token = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = frames[frames.length - 1];
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0) return undefined; // inside a quoted string
      token += text.slice(i + 1, close);
      i = close;
    } else if (c === '{' || c === '[') {
      if (top) segs.push(top.map ? top.pendingKey ?? '' : '[]');
      frames.push({ map: c === '{', keys: new Set() });
      token = '';
    } else if (c === '}' || c === ']') {
      frames.pop();
      if (frames.length === 0) return undefined; // the collection is closed before the cursor
      segs.pop();
      token = '';
    } else if (c === ':' && top?.map && (i + 1 === text.length || text[i + 1] === ' ')) {
      top.pendingKey = token.trim();
      top.keys.add(top.pendingKey);
      token = '';
    } else if (c === ',') {
      if (top) top.pendingKey = undefined;
      token = '';
    } else token += c;
  }
  const top = frames[frames.length - 1];
  if (!top?.map) return undefined; // between the items of a flow list: nothing to offer
  const prefix = token.trimStart();
  if (!/^[\w./-]*$/.test(prefix)) return undefined;
  return top.pendingKey !== undefined ? { segs, keys: top.keys, mode: 'value', key: top.pendingKey, prefix } : { segs, keys: top.keys, mode: 'key', prefix };
}
const KEY_LINE = /^((?:"[^"]*"|'[^']*'|[^\s:#'"][^:#]*?)):(?: +(.*))?$/;

function unquote(k: string): string {
  return (k.startsWith('"') && k.endsWith('"')) || (k.startsWith("'") && k.endsWith("'")) ? k.slice(1, -1) : k;
}

/** Applies one line's `- ` markers and key to the frame stack (the key is returned, not pushed). */
function enter(stack: Frame[], indent: number, dashes: string): number {
  let col = indent;
  for (let i = 0; i < dashes.length; i++) {
    if (dashes[i] !== '-') continue;
    const d = indent + i;
    while (stack.length && (stack[stack.length - 1].col > d || (stack[stack.length - 1].col === d && stack[stack.length - 1].seg === '[]'))) stack.pop();
    stack.push({ col: d, seg: '[]' });
    col = d + 1;
  }
  if (dashes.length) col = indent + dashes.length;
  return col;
}

function popTo(stack: Frame[], col: number): void {
  while (stack.length && stack[stack.length - 1].col >= col) stack.pop();
}

/**
 * The schema path at an offset, from the text of the document that holds it. Pure text work:
 * lines from `docStartLine` to the cursor, and the lines below in the same map for siblings.
 */
export function cursorPath(ctx: FeatureContext): CursorPath | undefined {
  const lines = ctx.file.lines;
  const pos = lines.positionAt(ctx.offset);
  const lineText = lines.lineText(pos.line);
  const before = lineText.slice(0, pos.character);
  if (/#/.test(before.replace(/"[^"]*"|'[^']*'/g, ''))) return undefined; // in a comment
  const docStartLine = ctx.manifest ? lines.positionAt(ctx.manifest.start).line : 0;

  const stack: Frame[] = [];
  const rootKeys = new Set<string>();
  let apiVersion: string | undefined;
  let kind: string | undefined;
  let blockIndent = -1;
  for (let l = docStartLine; l < pos.line; l++) {
    const text = lines.lineText(l);
    if (text.startsWith('---')) {
      stack.length = 0;
      rootKeys.clear();
      apiVersion = kind = undefined;
      blockIndent = -1;
      continue;
    }
    const trimmed = text.trimStart();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const m = LINE.exec(text);
    if (!m) continue;
    const indent = m[1].length;
    if (blockIndent >= 0) {
      if (indent > blockIndent) continue;
      blockIndent = -1;
    }
    const col = enter(stack, indent, m[2]);
    const km = KEY_LINE.exec(m[3]);
    if (!km) continue;
    const key = unquote(km[1].trim());
    popTo(stack, col);
    const parent = stack[stack.length - 1];
    if (parent) {
      (parent.keys ??= new Set()).add(key);
      if ((key === 'apiVersion' || key === 'kind') && km[2]) (parent.identity ??= {})[key] = unquote(km[2].trim());
    } else {
      rootKeys.add(key);
      if (key === 'apiVersion' && km[2]) apiVersion = unquote(km[2].trim());
      if (key === 'kind' && km[2]) kind = unquote(km[2].trim());
    }
    stack.push({ col, seg: key });
    const value = (km[2] ?? '').trim();
    if (/^[|>]/.test(value)) blockIndent = col;
  }

  const m = LINE.exec(before);
  if (!m) return undefined;
  const indent = m[1].length;
  const col = enter(stack, indent, m[2]);
  const rest = m[3];
  const after = lineText.slice(pos.character);
  let mode: 'key' | 'value' = 'key';
  let key: string | undefined;
  let prefix = rest;
  let wordStart = ctx.offset - rest.length;
  // A flow collection opened on this line (`- {name: http, |}`, `ports: [{port: 80, |}]`).
  const fv = FLOW_VALUE.exec(rest);
  const flowText = /^[[{]/.test(rest) ? rest : fv && /^[[{]/.test(fv[2]) ? fv[2] : undefined;
  if (flowText !== undefined) {
    const flow = flowAt(flowText);
    if (!flow) return undefined;
    popTo(stack, col);
    const lineKey = flowText === rest ? [] : [unquote(fv![1].trim())];
    const wordTail = /^[\w./-]*/.exec(after)?.[0] ?? '';
    const identity = { apiVersion: apiVersion ?? ctx.manifest?.apiVersion, kind: kind ?? ctx.manifest?.kind };
    return { path: [...stack.map((f) => f.seg), ...lineKey, ...flow.segs], mode: flow.mode, key: flow.key, wordStart: ctx.offset - flow.prefix.length, wordEnd: ctx.offset + wordTail.length, prefix: flow.prefix, column: col, siblings: flow.keys, keyHasColon: false, flow: true, ...identity };
  }
  const km = KEY_LINE.exec(rest);
  if (km && km[2] !== undefined) {
    mode = 'value';
    key = unquote(km[1].trim());
    prefix = km[2];
    wordStart = ctx.offset - prefix.length;
  } else if (rest.includes(':')) {
    return undefined; // right after a colon, or inside a flow value: nothing to offer
  } else if (!/^[\w./-]*$/.test(rest)) return undefined;
  popTo(stack, col);
  const container = stack[stack.length - 1];
  const siblings = new Set(container ? container.keys ?? [] : rootKeys);
  const wordTail = /^[\w./-]*/.exec(after)?.[0] ?? '';
  const keyHasColon = mode === 'key' && /^[\w./-]*\s*:/.test(after);

  // Keys below the cursor in the same map count as present too (and apiVersion/kind below it).
  for (let l = pos.line + 1; l < lines.lineCount; l++) {
    const text = lines.lineText(l);
    if (text.startsWith('---')) break;
    const trimmed = text.trimStart();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const lm = LINE.exec(text);
    if (!lm) continue;
    const ind = lm[1].length;
    if (lm[2]) {
      if (ind < col) break; // a new item of this or an outer list
      continue;
    }
    if (ind < col) break;
    if (ind > col) continue;
    const k2 = KEY_LINE.exec(lm[3]);
    if (!k2) continue;
    const k = unquote(k2[1].trim());
    siblings.add(k);
    if (!container && k === 'apiVersion' && k2[2]) apiVersion = unquote(k2[2].trim());
    if (!container && k === 'kind' && k2[2]) kind = unquote(k2[2].trim());
    if (container && (k === 'apiVersion' || k === 'kind') && k2[2]) (container.identity ??= {})[k] = unquote(k2[2].trim());
  }

  let path = stack.map((f) => f.seg);
  let identity = { apiVersion: apiVersion ?? ctx.manifest?.apiVersion, kind: kind ?? ctx.manifest?.kind };
  // Inside an object of a v1 List, the object is the document: its own path, apiVersion and kind.
  if (identity.kind === 'List' && identity.apiVersion === 'v1' && path[0] === 'items' && path[1] === '[]') {
    identity = { apiVersion: stack[1].identity?.apiVersion, kind: stack[1].identity?.kind };
    path = path.slice(2);
  }
  return { path, mode, key, wordStart, wordEnd: ctx.offset + wordTail.length, prefix, column: col, siblings, keyHasColon, ...identity };
}

// ---------------------------------------------------------------------------------------------

function escapeChoice(v: string): string {
  return v.replace(/[\\$}|,]/g, (c) => `\\${c}`);
}

const NESTED = new Set(['object', 'array', 'map']);

/** Required fields in the order a person writes them: plain values first, nested structures last. */
function requiredInOrder(def: { required: readonly string[]; fields: ReadonlyMap<string, SchemaField> }): string[] {
  const plain = def.required.filter((r) => !NESTED.has(def.fields.get(r)?.type.kind ?? ''));
  const nested = def.required.filter((r) => NESTED.has(def.fields.get(r)?.type.kind ?? ''));
  return [...plain, ...nested];
}

/** The text after `name:` for a field, as a snippet, with its required sub-structure. */
function valueSnippet(type: SchemaType, indent: string, stop: { n: number }, depth: number): string {
  switch (type.kind) {
    case 'boolean':
      return ` \${${stop.n++}|true,false|}`;
    case 'string':
      if (type.enum && type.enum.length) return ` \${${stop.n++}|${type.enum.filter((e) => e !== '').map(escapeChoice).join(',')}|}`;
      return ` $${stop.n++}`;
    case 'integer':
    case 'int-or-string':
    case 'quantity':
      return ` $${stop.n++}`;
    case 'object': {
      // Every object a person writes has a name, even though the schema leaves it optional (generateName).
      if (type.def?.id === 'meta/v1/ObjectMeta') return `\n${indent}  name: $${stop.n++}`;
      const req = depth < 3 && type.def ? requiredInOrder(type.def) : [];
      if (!req.length) return `\n${indent}  $${stop.n++}`;
      return req.map((r) => `\n${indent}  ${r}:${valueSnippet(type.def!.fields.get(r)!.type, indent + '  ', stop, depth + 1)}`).join('');
    }
    case 'array': {
      const items = type.items;
      if (items?.kind === 'object' && items.def && items.def.required.length && depth < 3) {
        const req = requiredInOrder(items.def);
        return req
          .map((r, i) => `\n${indent}  ${i === 0 ? '- ' : '  '}${r}:${valueSnippet(items.def!.fields.get(r)!.type, indent + '    ', stop, depth + 1)}`)
          .join('');
      }
      if (items && items.kind === 'string' && items.enum) return `\n${indent}  - \${${stop.n++}|${items.enum.filter((e) => e !== '').map(escapeChoice).join(',')}|}`;
      return `\n${indent}  - $${stop.n++}`;
    }
    case 'map':
    default:
      return `\n${indent}  $${stop.n++}`;
  }
}

/** Markdown documentation of a field: its description, accepted values, default. */
export function fieldDocs(field: SchemaField): string {
  const parts: string[] = [];
  if (field.description) parts.push(field.description);
  const e = field.type.enum ?? (field.type.kind === 'array' ? field.type.items?.enum : undefined);
  if (e) parts.push(`Accepted values: ${e.map((v) => (v === '' ? '`""`' : `\`${v}\``)).join(', ')}`);
  if (field.defaultValue !== undefined) parts.push(`Default: \`${field.defaultValue}\``);
  return parts.join('\n\n');
}

function keyItems(type: SchemaType, cp: CursorPath, root: KindSchema): CompletionItem[] {
  if (type.kind !== 'object' || !type.def || type.def.open) return [];
  const out: CompletionItem[] = [];
  const atRoot = cp.path.length === 0;
  for (const name of type.def.fieldNames) {
    if (cp.siblings.has(name)) continue;
    if (atRoot && name === 'status') continue; // written by the cluster, never by hand
    const field = type.def.fields.get(name)!;
    let insertText: string;
    let snippet = true;
    if (cp.keyHasColon) {
      insertText = name;
      snippet = false;
    } else if (cp.flow) {
      insertText = `${name}: `;
      snippet = false;
    } else if (atRoot && name === 'apiVersion') insertText = `apiVersion: ${root.apiVersion}`;
    else if (atRoot && name === 'kind') insertText = `kind: ${root.kind}`;
    else insertText = `${name}:${valueSnippet(field.type, '', { n: 1 }, 0)}`;
    if (insertText === name) snippet = false;
    out.push({
      label: name,
      kind: 'field',
      detail: `${typeLabel(field.type)}${field.required ? ' · required' : ''}`,
      documentation: fieldDocs(field),
      insertText,
      snippet: snippet && insertText.includes('$'),
      replace: [cp.wordStart, cp.wordEnd],
      sortText: `${field.required ? '0' : '1'}${name}`,
      filterText: name,
    });
  }
  return out;
}

function valueItems(type: SchemaType | undefined, cp: CursorPath, field?: SchemaField): CompletionItem[] {
  if (!type) return [];
  const replace: [number, number] = [cp.wordStart, cp.wordEnd];
  if (type.kind === 'boolean') {
    return ['true', 'false'].map((v) => ({ label: v, kind: 'value' as const, detail: 'boolean', replace, documentation: field ? fieldDocs(field) : undefined }));
  }
  if (type.kind === 'string' && type.enum) {
    return type.enum
      .filter((v) => v !== '')
      .map((v, i) => ({
        label: v,
        kind: 'enum' as const,
        detail: field?.defaultValue === v ? `${field.name} (default)` : field?.name ?? 'value',
        documentation: field?.enumDocs?.[v],
        replace,
        sortText: String(i).padStart(3, '0'),
      }));
  }
  return [];
}

function kindPairItems(cp: CursorPath): CompletionItem[] {
  return KIND_SCHEMAS.map((k, i) => ({
    label: `${k.kind} (${k.apiVersion})`,
    kind: 'document' as const,
    detail: `apiVersion: ${k.apiVersion} · kind: ${k.kind}`,
    documentation: k.def.description,
    insertText: `apiVersion: ${k.apiVersion}\nkind: ${k.kind}\nmetadata:\n  name: \${1:name}\n$0`,
    snippet: true,
    replace: [cp.wordStart, cp.wordEnd] as [number, number],
    filterText: k.kind,
    sortText: `${k.support === 'full' ? '0' : '1'}${String(i).padStart(3, '0')}`,
  }));
}

function kindLineItems(cp: CursorPath): CompletionItem[] {
  return KIND_SCHEMAS.filter((k) => k.apiVersion === cp.apiVersion).map((k) => ({
    label: `kind: ${k.kind}`,
    kind: 'document' as const,
    detail: k.apiVersion,
    documentation: k.def.description,
    insertText: `kind: ${k.kind}`,
    replace: [cp.wordStart, cp.wordEnd] as [number, number],
    filterText: `kind ${k.kind}`,
  }));
}

function topLevelValueItems(cp: CursorPath): CompletionItem[] {
  const replace: [number, number] = [cp.wordStart, cp.wordEnd];
  if (cp.key === 'kind') {
    const kinds = KIND_SCHEMAS.filter((k) => !cp.apiVersion || k.apiVersion === cp.apiVersion);
    return kinds.map((k) => ({ label: k.kind, kind: 'value' as const, detail: k.apiVersion, documentation: k.def.description, replace }));
  }
  if (cp.key === 'apiVersion') {
    const kinds = KIND_SCHEMAS.filter((k) => !cp.kind || k.kind === cp.kind);
    const seen = new Set<string>();
    return kinds
      .filter((k) => !seen.has(k.apiVersion) && (seen.add(k.apiVersion), true))
      .map((k) => ({ label: k.apiVersion, kind: 'value' as const, detail: cp.kind ? `${cp.kind}` : undefined, replace }));
  }
  return [];
}

/** The completion provider registered in `providers.ts`. */
export function schemaCompletion(ctx: FeatureContext): CompletionItem[] {
  const cp = cursorPath(ctx);
  if (!cp) return [];
  // Annotation keys and values belong to the annotation catalogue.
  if (cp.path[0] === 'metadata' && cp.path[1] === 'annotations') return [];
  if (cp.path.length === 0 && cp.mode === 'value' && (cp.key === 'kind' || cp.key === 'apiVersion')) return topLevelValueItems(cp);
  const schema = kindSchema(cp.apiVersion, cp.kind);
  if (!schema) {
    // A document without a kind yet: offer whole apiVersion + kind pairs at the top.
    if (cp.path.length === 0 && cp.mode === 'key' && !cp.kind && !cp.siblings.has('kind')) {
      // `apiVersion:` already written: complete the kind line for it; otherwise whole pairs.
      if (cp.siblings.has('apiVersion') && cp.apiVersion) return kindLineItems(cp);
      return kindPairItems(cp);
    }
    // `kind:` written but no apiVersion yet: the apiVersion line(s) for that kind.
    if (cp.path.length === 0 && cp.mode === 'key' && cp.kind && !cp.apiVersion && !cp.siblings.has('apiVersion')) {
      return KIND_SCHEMAS.filter((k) => k.kind === cp.kind).map((k) => ({
        label: `apiVersion: ${k.apiVersion}`,
        kind: 'document' as const,
        detail: k.kind,
        insertText: `apiVersion: ${k.apiVersion}`,
        replace: [cp.wordStart, cp.wordEnd] as [number, number],
        filterText: `apiVersion ${k.apiVersion}`,
      }));
    }
    return [];
  }
  if (cp.mode === 'value') {
    const parent = typeAtPath(schema.def, cp.path);
    const field = parent?.kind === 'object' ? parent.def?.fields.get(cp.key!) : undefined;
    return valueItems(field?.type, cp, field);
  }
  const container = typeAtPath(schema.def, cp.path);
  if (!container) return [];
  if (container.kind === 'object') return keyItems(container, cp, schema);
  // A new list item of scalars: the item's values (enums).
  if (cp.path[cp.path.length - 1] === '[]' && cp.prefix === cp.prefix.trim()) {
    const owner = typeAtPath(schema.def, cp.path.slice(0, -2));
    const field = owner?.kind === 'object' ? owner.def?.fields.get(cp.path[cp.path.length - 2]) : undefined;
    return valueItems(container, cp, field);
  }
  return [];
}
