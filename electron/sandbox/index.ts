// Public API of the sandbox cluster. Self-contained: nothing here imports the app.
export { SandboxCluster, startSandboxCluster, type SandboxOptions, type TopicSpec } from './sandbox-cluster';
export type { TlsOptions } from './broker-server';
export { FAULT_HELP, parseFaultCommand, runFaultCommand, type FaultCommand, type FaultControls } from './fault-commands';
export { parseTopicSpec } from './cli-args';
