/**
 * Entry of the separate cluster bundle (`dist/cluster.js`): everything the cluster view needs once
 * it is used, including @kubernetes/client-node. Kept out of `dist/client.js` so that activating
 * the extension neither parses nor runs it.
 */
export { ClusterFeatures } from './clusterCommands';
export { ReportPanel } from './reportPanel';
