import type { Severity } from './findings';

/** A rule's level as a user sets it: a severity, or off. */
export type RuleLevel = Severity | 'off';

/**
 * Everything the core's behaviour depends on besides the text. The same names are read by the
 * extension (`kubeExpose.*`), the language server (`workspace/configuration`) and the CLI
 * (`.kube-expose.yaml`).
 */
export interface Settings {
  /** Per-rule levels, keyed by rule id with or without the `kube-expose/` prefix. */
  rules: Record<string, RuleLevel>;
  /** The cluster's NodePort range (the API server's `--service-node-port-range`). */
  nodePortRange: string;
  /** The ingress-nginx controller's `--annotations-prefix`. */
  ingressNginxAnnotationPrefix: string;
  /** Show the once-per-Ingress notice that ingress-nginx is retired. */
  ingressNginxRetirementNotice: boolean;
  /** The Kubernetes version the manifests target, e.g. `1.36`. */
  kubernetesVersion: string;
  /** Files with more lines than this keep syntax and schema checks but skip the expensive ones. */
  largeFileLineLimit: number;
  /** Conversions that replace a manifest keep the original as comments (`comment`) or drop it (`remove`). */
  convertOriginal: 'comment' | 'remove';
  /** IngressClass for Ingresses created by conversions when the workspace has no default class. */
  defaultIngressClassName: string;
  /** GatewayClass for Gateways created by the Ingress → Gateway API conversion. */
  gatewayClassName: string;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  rules: {},
  nodePortRange: '30000-32767',
  ingressNginxAnnotationPrefix: 'nginx.ingress.kubernetes.io',
  ingressNginxRetirementNotice: true,
  kubernetesVersion: '1.36',
  largeFileLineLimit: 20000,
  convertOriginal: 'comment',
  defaultIngressClassName: '',
  gatewayClassName: '',
}) as Settings;

/** Fills a partial, possibly malformed settings object with defaults; never throws. */
export function normalizeSettings(input: unknown): Settings {
  const s: Settings = { ...DEFAULT_SETTINGS, rules: {} };
  if (!input || typeof input !== 'object') return s;
  const o = input as Record<string, unknown>;
  if (o.rules && typeof o.rules === 'object') {
    for (const [k, v] of Object.entries(o.rules as Record<string, unknown>)) {
      if (v === 'off' || v === 'error' || v === 'warning' || v === 'info' || v === 'hint') s.rules[k] = v;
    }
  }
  if (typeof o.nodePortRange === 'string' && parseNodePortRange(o.nodePortRange)) s.nodePortRange = o.nodePortRange;
  if (typeof o.ingressNginxAnnotationPrefix === 'string' && o.ingressNginxAnnotationPrefix.trim()) {
    s.ingressNginxAnnotationPrefix = o.ingressNginxAnnotationPrefix.trim().replace(/\/+$/, '');
  }
  if (typeof o.ingressNginxRetirementNotice === 'boolean') s.ingressNginxRetirementNotice = o.ingressNginxRetirementNotice;
  if (typeof o.kubernetesVersion === 'string' && /^1\.\d+$/.test(o.kubernetesVersion)) s.kubernetesVersion = o.kubernetesVersion;
  if (typeof o.largeFileLineLimit === 'number' && o.largeFileLineLimit > 0) s.largeFileLineLimit = o.largeFileLineLimit;
  if (o.convertOriginal === 'comment' || o.convertOriginal === 'remove') s.convertOriginal = o.convertOriginal;
  if (typeof o.defaultIngressClassName === 'string') s.defaultIngressClassName = o.defaultIngressClassName.trim();
  if (typeof o.gatewayClassName === 'string') s.gatewayClassName = o.gatewayClassName.trim();
  return s;
}

/** Parses `30000-32767` into bounds; undefined when malformed. */
export function parseNodePortRange(text: string): { min: number; max: number } | undefined {
  const m = /^\s*(\d{1,5})\s*-\s*(\d{1,5})\s*$/.exec(text);
  if (!m) return undefined;
  const min = Number(m[1]);
  const max = Number(m[2]);
  if (min < 1 || max > 65535 || min > max) return undefined;
  return { min, max };
}
