/**
 * The shape of one annotation in the catalogue. Entries are plain data; the index module builds
 * lookup maps from them once, at module load.
 */

/** The annotation families kube-expose knows. */
export type AnnotationGroup = 'ingress-nginx' | 'cert-manager' | 'aws' | 'gcp' | 'azure' | 'metallb';

/** The kind of object the annotation is read from. */
export type AnnotationTarget = 'Ingress' | 'Service';

/** What the value means, in the words shown in hover and completion. */
export type ValueType =
  | 'bool'
  | 'int'
  | 'duration'
  | 'size'
  | 'cidr-list'
  | 'ip'
  | 'ip-list'
  | 'url'
  | 'enum'
  | 'enum-list'
  | 'string'
  | 'string-list'
  | 'string-map'
  | 'header-list'
  | 'regex'
  | 'json'
  | 'snippet';

/** ingress-nginx's own risk grading of each annotation (`annotations-risk-level`). */
export type Risk = 'Low' | 'Medium' | 'High' | 'Critical';

export interface AnnotationStatus {
  state: 'current' | 'deprecated' | 'removed';
  /** The version (or controller release) where the state began, e.g. `v1.10.0`. */
  since?: string;
  /** The annotation (full name) or setting to use instead. */
  replacement?: string;
  /** A short extra remark for hover and messages. */
  note?: string;
}

/**
 * A value check: `undefined` when the value is accepted, else what is wrong in plain words.
 * `rule` states what is accepted (a regex, an option list), for hover.
 */
export type Validator = ((value: string) => string | undefined) & { rule?: string };

export interface AnnotationSpec {
  /** The full annotation key. For ingress-nginx, the key under the default prefix. */
  name: string;
  group: AnnotationGroup;
  appliesTo: AnnotationTarget[];
  type: ValueType;
  /** A more precise type label when the type alone is vague (`int (seconds)`). */
  typeLabel?: string;
  /** The controller's own validation of the value (checked only on non-empty values). */
  validate?: Validator;
  /** The validation in words, for hover (e.g. the controller's regex). */
  validation?: string;
  /** Values offered by completion (and for enums, the accepted set). */
  options?: string[];
  default?: string;
  /** ingress-nginx only. */
  risk?: Risk;
  /** ingress-nginx only: whether the annotation acts on the whole server block or per location. */
  scope?: 'ingress' | 'location';
  status: AnnotationStatus;
  /** One paragraph in kube-expose's own words. */
  description: string;
  docs: string;
  /** Names with a variable part (`port_{port}_no_lb_rule`): matched with this pattern instead of by name. */
  pattern?: RegExp;
  /** For AWS: which controller reads it (the in-tree cloud provider, the AWS Load Balancer Controller, or both). */
  controllers?: string[];
  /** An alias that the controller reads only when `aliasOf` is empty. */
  aliasOf?: string;
  /** Value completion may offer names of these workspace objects. */
  references?: 'Secret' | 'ConfigMap' | 'Service';
}
