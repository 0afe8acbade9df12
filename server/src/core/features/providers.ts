/** The registry of completion and hover providers, most specific first. */
import type { CompletionProvider, HoverProvider } from './types';
import { annotationCompletion } from './annotation-completion';
import { annotationHover } from './annotation-hover';
import { schemaCompletion } from './schema-completion';
import { schemaHover } from './schema-hover';
import { referenceCompletion } from './reference-completion';
import { backendHover, selectorHover } from './navigation';

export const COMPLETION_PROVIDERS: CompletionProvider[] = [
  annotationCompletion,
  referenceCompletion,
  schemaCompletion,
];

export const HOVER_PROVIDERS: HoverProvider[] = [
  annotationHover,
  selectorHover,
  backendHover,
  schemaHover,
];
