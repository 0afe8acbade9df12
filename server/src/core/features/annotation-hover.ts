/**
 * Hover on an annotation key (or its value) under `metadata.annotations`: what it does, its type,
 * default, risk, status and a link, from the annotation catalogue.
 */
import { lookupAnnotation } from '../catalog/annotations';
import { nodeSpan } from '../yaml/ast';
import { annotationMarkdown, annotationPosition } from './annotation-completion';
import type { FeatureContext, HoverResult } from './types';

export function annotationHover(ctx: FeatureContext): HoverResult | undefined {
  const { hit } = ctx;
  let key: string | undefined;
  let span: [number, number] | undefined;
  if (hit.path.length === 3 && hit.path[0] === 'metadata' && hit.path[1] === 'annotations' && typeof hit.path[2] === 'string') {
    key = hit.path[2];
    span = nodeSpan(hit.onKey ? hit.node : hit.pair?.key as never) ?? undefined;
  } else {
    // Half-typed documents: fall back to the text.
    const p = annotationPosition(ctx);
    if (p && p.hasColon) {
      key = p.key;
      span = [p.keyStart, p.keyEnd];
    }
  }
  if (!key) return undefined;
  const spec = lookupAnnotation(key, ctx.settings.ingressNginxAnnotationPrefix);
  if (!spec) return undefined;
  return { markdown: annotationMarkdown(spec, key), span };
}
