/** Conversions offered on the manifest at a position. */
import type { Settings } from '../settings';
import type { WorkspaceView } from '../workspace/view';
import type { ParsedFile } from '../yaml/parse';
import { manifestAt } from '../features/context';
import { ingressToGateway } from './ingress-gateway';
import { ingressMigrations } from './ingress-migrate';
import { serviceConversions } from './service';
import type { Conversion, ConversionProvider } from './types';

export const CONVERSION_PROVIDERS: ConversionProvider[] = [serviceConversions, ingressMigrations, ingressToGateway];

/** Conversions for the document that holds `offset`. Never throws; a broken document offers none. */
export function conversionsAt(file: ParsedFile, offset: number, settings: Settings, workspace?: WorkspaceView): Conversion[] {
  const manifest = manifestAt(file, offset);
  if (!manifest?.isKubernetes || manifest.isTemplate) return [];
  // A document with syntax errors would be rewritten from a guess: offer nothing until it parses.
  if (manifest.syntax.some((p) => p.severity === 'error')) return [];
  const out: Conversion[] = [];
  for (const provider of CONVERSION_PROVIDERS) {
    try {
      out.push(...provider({ file, manifest, settings, workspace }));
    } catch {
      // A conversion that fails is simply not offered.
    }
  }
  return out;
}

export type { Conversion } from './types';
export { applyEdits } from './text-edits';
export { snippetToPlain } from './snippet';
