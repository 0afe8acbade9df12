/**
 * apiVersions a cluster of the target Kubernetes version (setting `kubernetesVersion`) no longer
 * serves, does not serve yet, or serves deprecated. Data: catalog/api-versions.ts.
 */
import { apiVersionInfo, apiVersionsOfKind, servedState, type ApiVersionInfo } from '../catalog/api-versions';
import { findPair, get, isMap, isSeq, seqItems, str, type AnyNode } from '../yaml/ast';
import type { Checker, RuleContext, RuleMeta } from './types';

const R = {
  removed: { id: 'api-versions/removed', severity: 'error', summary: 'apiVersion removed from Kubernetes', description: 'The API server of the target Kubernetes version (setting kubernetesVersion) no longer serves this apiVersion of the kind, so kubectl apply fails. Move to the current apiVersion; the message says what else changed.' },
  deprecated: { id: 'api-versions/deprecated', severity: 'warning', summary: 'apiVersion or kind deprecated', description: 'Still served by the target Kubernetes version, but deprecated: plan the move before it is removed.' },
  unknown: { id: 'api-versions/unknown', severity: 'error', summary: 'No Kubernetes release serves this apiVersion of the kind', description: 'The group is right but the version is not one the kind was ever served as (e.g. a Service in v2): the API server answers that there is no such resource.' },
  notYet: { id: 'api-versions/not-served-yet', severity: 'error', summary: 'apiVersion newer than the target Kubernetes version', description: 'The target Kubernetes version (setting kubernetesVersion) does not serve this apiVersion of the kind yet.' },
} satisfies Record<string, RuleMeta>;

/** Whether changing only the apiVersion to the replacement keeps this manifest valid. */
export function canRename(root: AnyNode, info: ApiVersionInfo): boolean {
  if (!info.pureRename || !info.replacement) return false;
  for (const path of info.renameNeeds ?? []) if (!has(root, path)) return false;
  for (const path of info.renameBlockedBy ?? []) if (has(root, path)) return false;
  return true;
}

function has(node: AnyNode, path: string[]): boolean {
  if (path.length === 0) return node !== undefined && node !== null;
  const [head, ...rest] = path;
  if (head === '*') return isSeq(node) && seqItems(node).some((n) => has(n, rest));
  if (!isMap(node)) return false;
  const pair = findPair(node, head);
  if (!pair) return false;
  return rest.length === 0 ? pair.value !== null && pair.value !== undefined : has(get(node, head), rest);
}

function check(ctx: RuleContext): void {
  const { manifest } = ctx;
  checkObject(ctx, manifest.root);
  // A `kind: List` (as kubectl get -o yaml writes it) holds whole objects under items.
  if (manifest.kind === 'List' && manifest.apiVersion === 'v1') for (const item of seqItems(get(manifest.root, 'items'))) checkObject(ctx, item);
}

function checkObject(ctx: RuleContext, root: AnyNode): void {
  const { settings } = ctx;
  const apiVersion = str(get(root, 'apiVersion'));
  const kind = str(get(root, 'kind'));
  if (!apiVersion || !kind) return;
  const manifest = { root };
  const info = apiVersionInfo(apiVersion, kind);
  if (!info) {
    // Same group as a known version of this kind, unknown version: a typo, not a custom resource.
    const group = (v: string) => (v.includes('/') ? v.slice(0, v.indexOf('/')) : '');
    const known = apiVersionsOfKind(kind).filter((a) => group(a.apiVersion) === group(apiVersion));
    const current = known.find((a) => servedState(a, settings.kubernetesVersion) === 'served' || servedState(a, settings.kubernetesVersion) === 'deprecated') ?? known[0];
    if (current && !/[{$<]/.test(apiVersion)) {
      const node = findPair(root, 'apiVersion')?.value;
      ctx.report({
        rule: R.unknown.id,
        node,
        message: `No Kubernetes release serves ${kind} as ${apiVersion}. Use apiVersion: ${current.apiVersion}.`,
        fixes: node?.range ? [{ title: `Change apiVersion to ${current.apiVersion}`, edits: [{ start: node.range[0], end: node.range[1], newText: current.apiVersion }], preferred: true }] : undefined,
      });
    }
    return;
  }
  const node = findPair(manifest.root, 'apiVersion')?.value;
  const state = servedState(info, settings.kubernetesVersion);
  const target = settings.kubernetesVersion;
  const what = `${info.apiVersion} ${info.kind}`;
  const instead = info.replacement ? ` Use apiVersion: ${info.replacement} instead` : '';
  const note = info.note ? `${instead ? '; ' : ' Note: '}${info.note}` : '';
  if (state === 'removed') {
    const fix = canRename(manifest.root, info) && node?.range
      ? [{ title: `Change apiVersion to ${info.replacement}`, edits: [{ start: node.range[0], end: node.range[1], newText: info.replacement! }], preferred: true }]
      : undefined;
    ctx.report({
      rule: R.removed.id,
      node,
      message: `${what} was removed in Kubernetes ${info.removed}, so a ${target} cluster refuses it.${instead}${note}${instead || note ? '.' : ''}`,
      fixes: fix,
    });
  } else if (state === 'not-yet') {
    ctx.report({ rule: R.notYet.id, node, message: `${what} is served from Kubernetes ${info.introduced}; the target version is ${target} (setting kubernetesVersion).` });
  } else if (state === 'deprecated') {
    ctx.report({
      rule: R.deprecated.id,
      node: info.replacement && info.replacement !== info.apiVersion ? node : findPair(manifest.root, 'kind')?.value,
      tags: ['deprecated'],
      message: `${what} is deprecated since Kubernetes ${info.deprecated}${info.removed ? ` and removed in ${info.removed}` : ''}.${instead}${note}${instead || note ? '.' : ''}`,
    });
  }
}

export const API_VERSION_RULES: readonly RuleMeta[] = Object.values(R);

export const apiVersionsCheckers: Checker[] = [{ name: 'api-versions', rules: Object.values(R), check }];
