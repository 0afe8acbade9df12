/**
 * The public surface of the cluster layer (API boundary): kubeconfig loading, the read-only
 * reader, and snapshot collection for the diagnosis. The views and the integration tests against
 * a real kube-apiserver use only these.
 */
import { ClusterError } from './errors';
import { connectionFor, loadKubeconfig } from './kubeconfig';
import { ClusterReader, type ReaderOptions } from './reader';
import { kubeconfigSource } from './source';

export { ClusterError, type ClusterErrorReason } from './errors';
export { connectionFor, loadKubeconfig, type ContextInfo, type LoadedKubeconfig } from './kubeconfig';
export { ClusterReader, type ClusterConnection, type ListOptions, type ListPage, type ReaderOptions } from './reader';
export { RESOURCES, type ResourceName } from './resources';
export { collectServiceSnapshot, type SnapshotRequest } from './snapshot';
export { kubeconfigSource, type KubeconfigSource } from './source';

/** A reader for one kubeconfig file (its current context unless one is named). Throws a ClusterError("config") when it cannot be used. */
export function readerForKubeconfig(file: string, options: ReaderOptions & { context?: string } = {}): ClusterReader {
  const loaded = loadKubeconfig(kubeconfigSource({ trusted: true, settingPath: file }));
  if (loaded.state !== 'ok') throw new ClusterError('config', loaded.message);
  const context = options.context ?? loaded.current ?? loaded.contexts[0]?.name;
  if (!context) throw new ClusterError('config', `The kubeconfig ${file} has no context.`);
  return new ClusterReader(connectionFor(loaded.kubeConfig, context), options);
}
