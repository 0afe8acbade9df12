/** The registry of completion and hover providers, most specific first. */
import type { CompletionProvider, HoverProvider } from './types';

export const COMPLETION_PROVIDERS: CompletionProvider[] = [];

export const HOVER_PROVIDERS: HoverProvider[] = [];
