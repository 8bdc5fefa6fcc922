// Public API of the sandbox cluster. Self-contained: nothing here imports the app.
export { SandboxCluster, startSandboxCluster, type SandboxOptions, type TopicSpec } from './sandbox-cluster';
export type { TlsOptions } from './broker-server';
