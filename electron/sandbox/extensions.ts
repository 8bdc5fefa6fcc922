// Services beyond the cluster state (the group coordinator, ...) hook in here at construction.
import type { SandboxServices } from './api-handler';

export function installExtensions(_services: SandboxServices): void {}
