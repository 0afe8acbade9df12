/**
 * "Did you mean …?" — the closest candidates to a mistyped word.
 *
 * Pure and allocation-light: one reusable row buffer for the edit distance, an early exit when a
 * row already exceeds the limit, and no sorting of the whole candidate list.
 */

let rowA = new Uint16Array(64);
let rowB = new Uint16Array(64);

/**
 * Optimal-string-alignment distance (Levenshtein plus swapping two neighbouring characters),
 * or `limit + 1` as soon as the distance is known to exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Number.MAX_SAFE_INTEGER): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > limit) return limit + 1;
  if (n === 0) return m;
  if (m === 0) return n;
  if (rowA.length <= m) {
    rowA = new Uint16Array(m + 1);
    rowB = new Uint16Array(m + 1);
  }
  // Three rows are needed for transpositions: prev2 (i-2), prev (i-1), cur (i).
  let prev2 = new Uint16Array(0);
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && prev2.length > 0 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        v = Math.min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    // Rotate rows; prev2 needs its own copy because rowA/rowB are reused.
    if (prev2.length !== m + 1) prev2 = new Uint16Array(m + 1);
    prev2.set(prev.subarray(0, m + 1));
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[m];
}

export interface SuggestOptions {
  /** Largest distance accepted; by default about a third of the word's length (at least 1, at most 4). */
  maxDistance?: number;
  /** Compare ignoring case (a case-only difference then counts as distance 0 and always wins). */
  ignoreCase?: boolean;
  /** How many suggestions to return at most. */
  limit?: number;
}

/** The default tolerance for a word of this length. */
export function defaultMaxDistance(word: string): number {
  return Math.max(1, Math.min(4, Math.floor(word.length / 3)));
}

/**
 * Candidates closest to `word`, best first (ties keep the candidates' order). A candidate that
 * differs only in case, or that starts with the word (the user stopped typing early, at least 3
 * characters typed), is always considered close.
 */
export function suggest(word: string, candidates: Iterable<string>, options: SuggestOptions = {}): string[] {
  const limit = options.limit ?? 3;
  const max = options.maxDistance ?? defaultMaxDistance(word);
  const lw = word.toLowerCase();
  const scored: Array<{ c: string; d: number; i: number }> = [];
  let i = 0;
  for (const c of candidates) {
    i++;
    if (c === word) continue;
    const lc = c.toLowerCase();
    let d: number;
    if (lc === lw) d = options.ignoreCase ? 0 : 0.5;
    else {
      d = editDistance(options.ignoreCase ? lw : word, options.ignoreCase ? lc : c, max);
      // Case differences on top of a typo are cheap.
      if (d > max && !options.ignoreCase) {
        const d2 = editDistance(lw, lc, max);
        if (d2 <= max) d = d2 + 0.25;
      }
      if (d > max && lw.length >= 3 && lc.startsWith(lw)) d = max;
    }
    if (d <= max) scored.push({ c, d, i });
  }
  scored.sort((x, y) => x.d - y.d || x.i - y.i);
  return scored.slice(0, limit).map((s) => s.c);
}

/** The single closest candidate, or undefined. */
export function closest(word: string, candidates: Iterable<string>, options: SuggestOptions = {}): string | undefined {
  return suggest(word, candidates, { ...options, limit: 1 })[0];
}

/** "did you mean `a`?" / "did you mean `a` or `b`?" / "" — a clause to append to a message. */
export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  if (suggestions.length === 1) return `did you mean \`${suggestions[0]}\`?`;
  const quoted = suggestions.map((s) => `\`${s}\``);
  return `did you mean ${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}?`;
}
