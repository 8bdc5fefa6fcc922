// Where the outbox and settings live: ORDER_DESK_DATA_DIR when set, else the platform
// default the caller passes (Electron's userData, or ./.order-desk-data in browser mode).
import path from 'node:path';

export const DATA_DIR_ENV = 'ORDER_DESK_DATA_DIR';

export function resolveDataDir(env: NodeJS.ProcessEnv, fallback: string): string {
  const fromEnv = env[DATA_DIR_ENV]?.trim();
  return path.resolve(fromEnv ? fromEnv : fallback);
}
