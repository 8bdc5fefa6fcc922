// Sandboxed preload: exposes window.orderDesk, one named function per contract request and
// an `on` that accepts contract event names only. The renderer never sees ipcRenderer,
// event objects or a channel-taking invoke.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApiClient } from '../../shared/api-client';
import { EVENT_CHANNEL_PREFIX, type OrderDeskApi, type Result } from '../../shared/contract';

const api = createApiClient({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>,
  listen(event, listener) {
    const channel = EVENT_CHANNEL_PREFIX + event;
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
}) satisfies OrderDeskApi;

contextBridge.exposeInMainWorld('orderDesk', api);
