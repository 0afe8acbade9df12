/**
 * `.kube-expose.yaml`: the same settings the extension reads (`kubeExpose.*`), with the same names.
 *
 *   rules:
 *     service/nodeport-exposure: off
 *     ingress/missing-tls: warning
 *   nodePortRange: 30000-32767
 *   ingressNginxAnnotationPrefix: nginx.ingress.kubernetes.io
 *   ingressNginxRetirementNotice: false
 *   kubernetesVersion: "1.33"
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isMap, isScalar, parseDocument } from 'yaml';
import { allRules, LineIndex, normalizeSettings, parseNodePortRange, RULE_PREFIX, type Settings } from '../../server/src/core';
import { ioReason } from './files';

export const CONFIG_NAME = '.kube-expose.yaml';

export class ConfigError extends Error {}

export interface LoadedConfig {
  settings: Settings;
  /** Where the config was read from; undefined when none was found and defaults apply. */
  path?: string;
  /** Problems worth a line on stderr that do not stop the run (e.g. an unknown rule id). */
  warnings: string[];
}

const LEVELS = ['off', 'error', 'warning', 'info', 'hint'];

/** The config in the working directory or the nearest parent up to the git root (inclusive). */
export function findConfig(cwd: string): string | undefined {
  let dir = resolve(cwd);
  const candidates: string[] = [];
  for (;;) {
    candidates.push(join(dir, CONFIG_NAME));
    if (existsSync(join(dir, '.git'))) break;
    const parent = dirname(dir);
    if (parent === dir) {
      // Not inside a git repository: only the working directory counts.
      candidates.splice(1);
      break;
    }
    dir = parent;
  }
  return candidates.find((c) => {
    try {
      return statSync(c).isFile();
    } catch {
      return false;
    }
  });
}

export function loadConfig(explicit: string | undefined, cwd: string): LoadedConfig {
  const path = explicit ? resolve(cwd, explicit) : findConfig(cwd);
  if (!path) return { settings: normalizeSettings({}), warnings: [] };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read config ${explicit ?? path}: ${ioReason(e)}.`);
  }
  const { settings, warnings } = parseConfig(text, path);
  return { settings, path, warnings };
}

/** Validates the config text; throws ConfigError naming the file, the line and the problem. */
export function parseConfig(text: string, path: string): { settings: Settings; warnings: string[] } {
  const lines = new LineIndex(text);
  const at = (offset: number | undefined) => {
    if (offset === undefined) return path;
    const p = lines.positionAt(offset);
    return `${path}:${p.line + 1}:${p.character + 1}`;
  };
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new ConfigError(`${at(e.pos?.[0])}: the config is not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return { settings: normalizeSettings({}), warnings: [] };
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`${path}: the config must be a mapping of settings (rules, nodePortRange, ...), not a ${Array.isArray(value) ? 'list' : typeof value}.`);
  }
  /** Offset of a key (`key: true`) or of its value, following a path of map keys. */
  const offsetOf = (keys: string[], key = false): number | undefined => {
    let node: unknown = doc.contents;
    let last: { key?: { range?: number[] }; value?: { range?: number[] } } | undefined;
    for (const k of keys) {
      if (!isMap(node)) return undefined;
      last = node.items.find((p) => isScalar(p.key) && String(p.key.value) === k) as typeof last;
      if (!last) return undefined;
      node = last.value;
    }
    return (key ? last?.key?.range?.[0] : (last?.value?.range?.[0] ?? last?.key?.range?.[0])) ?? undefined;
  };
  const o = value as Record<string, unknown>;
  const warnings: string[] = [];
  const fail = (keys: string[], msg: string, atKey = false): never => {
    throw new ConfigError(`${at(offsetOf(keys, atKey))}: ${msg}`);
  };
  const known = new Set(allRules().map((r) => r.id));
  for (const [key, v] of Object.entries(o)) {
    switch (key) {
      case 'rules': {
        if (v === null) break;
        if (typeof v !== 'object' || Array.isArray(v)) fail([key], '`rules` must map rule ids to off, error, warning, info or hint.');
        for (const [id, level] of Object.entries(v as Record<string, unknown>)) {
          if (typeof level !== 'string' || !LEVELS.includes(level)) {
            fail([key, id], `rule ${id}: '${String(level)}' is not a level; use off, error, warning, info or hint.`);
          }
          const bare = id.startsWith(RULE_PREFIX) ? id.slice(RULE_PREFIX.length) : id;
          if (!known.has(bare)) warnings.push(`${at(offsetOf([key, id], true))}: no rule is called '${id}'; 'kube-expose --list-rules' lists them.`);
        }
        break;
      }
      case 'nodePortRange':
        if (typeof v !== 'string' || !parseNodePortRange(v)) fail([key], `nodePortRange must be 'MIN-MAX' within 1-65535, e.g. 30000-32767; got '${String(v)}'.`);
        break;
      case 'ingressNginxAnnotationPrefix':
        if (typeof v !== 'string' || !v.trim()) fail([key], 'ingressNginxAnnotationPrefix must be a non-empty string, e.g. nginx.ingress.kubernetes.io.');
        break;
      case 'ingressNginxRetirementNotice':
        if (typeof v !== 'boolean') fail([key], `ingressNginxRetirementNotice must be true or false; got '${String(v)}'.`);
        break;
      case 'kubernetesVersion':
        if (typeof v !== 'string' || !/^1\.\d+$/.test(v)) {
          fail([key], `kubernetesVersion must be a quoted version like "1.33"; got '${String(v)}'.`);
        }
        break;
      case 'largeFileLineLimit':
        if (typeof v !== 'number' || !(v > 0)) fail([key], 'largeFileLineLimit must be a positive number of lines.');
        break;
      default:
        fail(
          [key],
          `unknown setting '${key}'; the settings are rules, nodePortRange, ingressNginxAnnotationPrefix, ingressNginxRetirementNotice, kubernetesVersion and largeFileLineLimit.`,
          true,
        );
    }
  }
  return { settings: normalizeSettings(o), warnings };
}
