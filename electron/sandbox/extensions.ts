// Services beyond the cluster state (the group coordinator, ...) hook in here at construction.
import type { SandboxServices } from './api-handler';
import { installGroupCoordinator } from './group-coordinator';

export function installExtensions(services: SandboxServices): void {
  installGroupCoordinator(services);
}
