// Public API of the sandbox cluster (training mode and tests enter here). The sandbox imports
// nothing from electron/ except the neutral wire module, electron/kafka-wire.
export { SandboxCluster, startSandboxCluster, type SandboxOptions, type TopicSpec } from './sandbox-cluster';
export type { TlsOptions } from './broker-server';
export {
  FAULT_HELP,
  parseFaultCommand,
  runFaultCommand,
  type FaultCommand,
  type FaultControls,
} from './fault-commands';
export { parseTopicSpec } from './cli-args';
