/**
 * How V8 manages the server's heap. A language server keeps a small live heap and makes a steady
 * stream of short-lived objects on every edit; by default V8 lets the heap grow to several times
 * the live size before it collects, so a server holding one 7,000-line file would use more memory
 * than the file is worth. Until the open documents are large, V8 runs in its memory-saving mode
 * (`--optimize-for-size`: smaller young generation, earlier full collections); once they pass
 * LARGE_TEXT (where that mode's more frequent collections start to show in edit latency) the
 * server switches to V8's default, faster mode. Figures in bench/RESULTS.md.
 * KUBE_EXPOSE_HEAP=default keeps V8's default mode throughout.
 */
import { setFlagsFromString } from 'node:v8';

/** Characters of open documents above which speed matters more than footprint. */
export const LARGE_TEXT = 1_000_000;

let saving = false;
if (process.env.KUBE_EXPOSE_HEAP !== 'default') {
  setFlagsFromString('--optimize-for-size');
  saving = true;
}

/** Tells the heap policy how much text the open documents hold (on open and close). */
export function openTextSize(chars: number): void {
  if (process.env.KUBE_EXPOSE_HEAP === 'default') return;
  if (saving && chars > LARGE_TEXT) {
    setFlagsFromString('--no-optimize-for-size');
    saving = false;
  } else if (!saving && chars < LARGE_TEXT / 2) {
    setFlagsFromString('--optimize-for-size');
    saving = true;
  }
}

/** 'saving' while V8 runs in its memory-saving mode, else 'default'. */
export function heapMode(): 'saving' | 'default' {
  return saving ? 'saving' : 'default';
}
