/**
 * Small, allocation-light helpers over the `yaml` package's node tree.
 * Everything here is pure and never throws on half-typed input.
 */
import { isMap, isPair, isScalar, isSeq, isAlias, type Node, type Pair, type YAMLMap, type YAMLSeq, type Scalar } from 'yaml';

export type AnyNode = Node | null | undefined;

export { isMap, isPair, isScalar, isSeq, isAlias };
export type { Node, Pair, YAMLMap, YAMLSeq, Scalar };

/** The plain key text of a pair, or undefined when the key is not a scalar. */
export function keyText(pair: Pair): string | undefined {
  const k = pair.key as AnyNode;
  if (isScalar(k)) return k.value === null || k.value === undefined ? undefined : String(k.value);
  return undefined;
}

/** Finds the pair with the given key in a map node. */
export function findPair(node: AnyNode, key: string): Pair<Node, AnyNode> | undefined {
  if (!isMap(node)) return undefined;
  for (const item of node.items) {
    if (keyText(item as Pair) === key) return item as Pair<Node, AnyNode>;
  }
  return undefined;
}

/** The value node at `key` of a map node. */
export function get(node: AnyNode, key: string): AnyNode {
  return findPair(node, key)?.value ?? undefined;
}

/** Follows a path of map keys and sequence indexes. */
export function getIn(node: AnyNode, path: ReadonlyArray<string | number>): AnyNode {
  let cur: AnyNode = node;
  for (const p of path) {
    if (cur === null || cur === undefined) return undefined;
    if (typeof p === 'number') cur = isSeq(cur) ? (cur.items[p] as AnyNode) : undefined;
    else cur = get(cur, p);
  }
  return cur;
}

/** The scalar value as a string when the node is a scalar string. */
export function str(node: AnyNode): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** The scalar value as text whatever its YAML type (numbers and bools become their source text). */
export function scalarText(node: AnyNode): string | undefined {
  if (!isScalar(node)) return undefined;
  if (node.value === null || node.value === undefined) return undefined;
  if (typeof node.source === 'string') return node.source;
  return String(node.value);
}

/** Number value of a scalar, or undefined. */
export function num(node: AnyNode): number | undefined {
  return isScalar(node) && typeof node.value === 'number' ? node.value : undefined;
}

export function mapItems(node: AnyNode): Array<Pair<Node, AnyNode>> {
  return isMap(node) ? (node.items as Array<Pair<Node, AnyNode>>) : [];
}

export function seqItems(node: AnyNode): AnyNode[] {
  return isSeq(node) ? (node.items as AnyNode[]) : [];
}

/** [start, end) offsets of a node's value (without trailing comments/whitespace). */
export function nodeSpan(node: AnyNode): [number, number] | undefined {
  if (!node || !node.range) return undefined;
  return [node.range[0], node.range[1]];
}

/** [start, end) of a whole pair: key start to value end. */
export function pairSpan(pair: Pair): [number, number] | undefined {
  const k = nodeSpan(pair.key as AnyNode);
  const v = nodeSpan(pair.value as AnyNode);
  if (!k) return v;
  return [k[0], v ? Math.max(v[1], k[1]) : k[1]];
}

/** What kind of YAML value a node holds, in words a Kubernetes user reads in a message. */
export function describeNode(node: AnyNode): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  if (isAlias(node)) return 'an alias';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'null';
    if (typeof v === 'boolean') return 'a boolean';
    if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
    if (typeof v === 'string') return node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 'a quoted string' : 'a string';
  }
  return 'a value';
}

export interface PathHit {
  /** The keys and indexes from the document root to the position. */
  path: Array<string | number>;
  /** The innermost node that contains the position, if any. */
  node: AnyNode;
  /** Whether the position is on the key of the innermost pair (true) or on its value (false). */
  onKey: boolean;
  /** The innermost pair that contains the position. */
  pair?: Pair<Node, AnyNode>;
  /** The map that holds that pair. */
  parentMap?: YAMLMap;
}

/**
 * Walks from `root` to the innermost node containing `offset`.
 * Used by hover, completion and definitions: features of (document, position).
 */
export function locate(root: AnyNode, offset: number): PathHit {
  const hit: PathHit = { path: [], node: root, onKey: false };
  let cur: AnyNode = root;
  for (let depth = 0; depth < 200 && cur; depth++) {
    if (isMap(cur)) {
      let next: AnyNode;
      for (const item of cur.items as Array<Pair<Node, AnyNode>>) {
        const ks = nodeSpan(item.key as AnyNode);
        const vs = nodeSpan(item.value);
        if (ks && offset >= ks[0] && offset <= ks[1]) {
          const k = keyText(item);
          if (k !== undefined) hit.path.push(k);
          hit.pair = item;
          hit.parentMap = cur;
          hit.onKey = true;
          hit.node = item.key as AnyNode;
          return hit;
        }
        if (vs && offset >= vs[0] && offset <= vs[1]) {
          const k = keyText(item);
          if (k !== undefined) hit.path.push(k);
          hit.pair = item;
          hit.parentMap = cur;
          hit.onKey = false;
          hit.node = item.value;
          next = item.value;
          break;
        }
      }
      if (!next) return hit;
      cur = next;
      continue;
    }
    if (isSeq(cur)) {
      let next: AnyNode;
      cur.items.forEach((item, i) => {
        const s = nodeSpan(item as AnyNode);
        if (!next && s && offset >= s[0] && offset <= s[1]) {
          hit.path.push(i);
          hit.node = item as AnyNode;
          hit.pair = undefined;
          hit.onKey = false;
          next = item as AnyNode;
        }
      });
      if (!next) return hit;
      cur = next;
      continue;
    }
    return hit;
  }
  return hit;
}
