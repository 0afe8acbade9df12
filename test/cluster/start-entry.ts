/** What scripts/cluster/start.mjs bundles: the control-plane helper and the scenarios. */
export { startCluster } from './apiserver';
export { buildScenarios } from './scenarios';
