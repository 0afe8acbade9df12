/** YAML 1.1 is what the Kubernetes tools read (sigs.k8s.io/yaml): `yes`/`no`/`on`/`off` are booleans there. */
export const YAML_OPTIONS = { version: '1.1' as const, prettyErrors: false, uniqueKeys: true, strict: false };
