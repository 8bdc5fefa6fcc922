// Browser mode's WebSocket protocol, derived from the contract: a request names its channel
// (channelOf(group, method)) and carries an id; the response carries the same id and main's
// Result; events are pushed on EVENT_CHANNEL_PREFIX + name, exactly as over Electron IPC.
import { z } from 'zod';
import type { Result } from './contract';
import type { AppError } from './error-codes';

export const WS_PATH = '/ws';
export const WS_TOKEN_PARAM = 'token';
/** Close code sent after a `fatal` message (4000–4999 is the application range). */
export const WS_CLOSE_UNAUTHORIZED = 4401;
/** Close code after a `fatal` saying the page's address is not one the server answers on. */
export const WS_CLOSE_WRONG_ADDRESS = 4403;
/** Close code after a `fatal` saying every window the server admits is open already. */
export const WS_CLOSE_TOO_MANY_WINDOWS = 4429;
/**
 * Close code (no `fatal` first: it would wait behind what was not read) for a socket that left
 * more unread than the server holds for it. A page reconnects and loads what it shows again.
 */
export const WS_CLOSE_FELL_BEHIND = 4408;

export const wsClientMessageSchema = z.strictObject({
  type: z.literal('request'),
  id: z.number().int().min(0),
  channel: z.string().max(100),
  input: z.unknown().optional(),
});
export type WsClientMessage = z.infer<typeof wsClientMessageSchema>;

export type WsServerMessage =
  | { type: 'response'; id: number; result: Result<unknown> }
  | { type: 'event'; channel: string; payload: unknown }
  | { type: 'fatal'; error: AppError };
