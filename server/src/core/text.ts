/**
 * Positions and ranges as the core sees them: zero-based line and UTF-16 character,
 * the same shape LSP uses, so adapters convert without arithmetic. The core never imports LSP.
 */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Maps offsets in a text to line/character positions and back. Built once per text version. */
export class LineIndex {
  private lineStarts: number[];
  /** The text has carriage returns (then an edited index is built afresh). */
  private hasCR = false;

  /**
   * The index of `text`, made from the index of the text before one edit (see parse.ts's
   * TextChange): line starts before the edit are kept, those after it moved, and only the
   * replacement text is scanned.
   */
  static edited(previous: LineIndex, text: string, change: { start: number; oldEnd: number; newEnd: number }): LineIndex {
    if (previous.hasCR || text.slice(change.start, change.newEnd).includes('\r')) return new LineIndex(text);
    const index = Object.create(LineIndex.prototype) as LineIndex;
    (index as { text: string }).text = text;
    const old = previous.lineStarts;
    const delta = change.newEnd - change.oldEnd;
    // Line starts s with s <= start are unchanged (their line break is before the edit); those with
    // s > oldEnd move by delta; those in between were inside the replaced text.
    const keep = firstAbove(old, change.start, 0);
    const after = firstAbove(old, change.oldEnd, keep);
    const starts = old.slice(0, keep);
    for (let i = text.indexOf('\n', change.start); i !== -1 && i < change.newEnd; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    for (let i = after; i < old.length; i++) starts.push(old[i] + delta);
    index.lineStarts = starts;
    index.hasCR = false;
    return index;
  }

  constructor(readonly text: string) {
    const starts = [0];
    if (text.indexOf('\r') === -1) {
      // The common case: indexOf runs in native code, far faster than a loop over every character.
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      // Line breaks are \n, \r\n and a lone \r: the \n positions and the lone \r positions are
      // found with indexOf (native code) and merged in order.
      this.hasCR = true;
      const lone: number[] = [];
      for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) lone.push(i + 1);
      let j = 0;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
        while (j < lone.length && lone[j] < i + 1) starts.push(lone[j++]);
        starts.push(i + 1);
      }
      while (j < lone.length) starts.push(lone[j++]);
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = firstAbove(this.lineStarts, o, 0) - 1; // lineStarts[0] is 0, so line >= 0
    return { line, character: o - this.lineStarts[line] };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line];
    const end = this.lineEnd(pos.line);
    return Math.min(start + Math.max(0, pos.character), end);
  }

  /** Offset of the first character of a line. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Offset just past the last character of a line, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > 0 && end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/** The index of the first element above `value` in an ascending array, searching from `from`. */
function firstAbove(sorted: readonly number[], value: number, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
