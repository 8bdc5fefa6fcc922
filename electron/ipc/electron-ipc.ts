// The only place that touches ipcMain: one handler per contract channel, each after the
// sender check and the size check, then to the dispatcher (the relay's, which forwards to the
// service host). Service events go to the window on their derived event channels.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  EVENT_CHANNEL_PREFIX,
  MAX_REQUEST_BYTES,
  requestList,
  type EventName,
  type Result,
} from '../../shared/contract';
import { appError } from '../../shared/error-codes';
import type { RequestDispatcher } from './bind-requests';
import { fitsWithin } from './envelope-size';
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
      if (!fitsWithin(input, MAX_REQUEST_BYTES)) {
        return Promise.resolve({ ok: false, error: appError('request.tooLarge', { max: MAX_REQUEST_BYTES }) });
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
