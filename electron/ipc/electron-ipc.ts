// The only place that touches ipcMain: one handler per contract channel, all through the
// validating dispatcher, after the sender check. Core events go to the window on their
// derived event channels.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { EVENT_CHANNEL_PREFIX, requestList, type EventName, type Result } from '../../shared/contract';
import { appError } from '../../shared/error-codes';
import type { RequestDispatcher } from './bind-requests';
import { isTrustedSender, type AppLocation, type SenderFrame } from './trusted-sender';

export interface ElectronIpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  dispatch: RequestDispatcher;
  app: AppLocation;
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
  /** The window that receives events; null while it is closed. */
  target(): Pick<WebContents, 'send' | 'isDestroyed'> | null;
}

export function bindElectronIpc(opts: ElectronIpcOptions): () => void {
  const channels = requestList().map((r) => r.channel);
  for (const channel of channels) {
    opts.ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event.senderFrame as SenderFrame | null, opts.app)) {
        return Promise.resolve({ ok: false, error: appError('request.forbidden') });
      }
      return opts.dispatch(channel, input);
    });
  }
  const unsubscribe = opts.subscribe((event, payload) => {
    const wc = opts.target();
    if (wc && !wc.isDestroyed()) wc.send(EVENT_CHANNEL_PREFIX + event, payload);
  });
  return () => {
    unsubscribe();
    for (const channel of channels) opts.ipcMain.removeHandler(channel);
  };
}
