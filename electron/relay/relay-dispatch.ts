// The relay's request path: a channel the contract does not know is answered here without a
// hop; the relay's own groups (service.*, logs.*, secrets.*) are answered here, their small inputs checked
// against the contract; every other request is forwarded as it is to the service host, whose
// request gate validates it. No schema runs here on the services' inputs: that is the host's
// one validation; only their nesting is bounded here, since forwarding serializes them.
//
// Back-pressure: submits are counted from the moment they are forwarded until the service host
// answers. Past MAX_SUBMITS_IN_FLIGHT a submit is answered at once with `order.busy` (not saved,
// the form keeps it and its submission id) rather than joining a queue whose wait only grows:
// a service process with a year of orders takes in about 1,000 orders/s (bench:outbox), so 100
// queued submits are already 100 ms of waiting (with 200, a 2,000/s burst's Saved p99 was
// 185 ms, 2026-12-03). The bound is shared fairly: a window under its share (the bound divided
// among the windows with submits in flight) is let in even when the others have filled it, so
// one window's flood (invalid submits included: the host is what validates them) cannot make
// another window's orders fail; the total stays under twice the bound.
import {
  channelOf,
  requestList,
  requestSpec,
  RELAY_GROUPS,
  type RequestChannel,
  type RequestInput,
  type RequestOutput,
  type Result,
} from '../../shared/contract';
import { requestRefusal, WHOLE_INPUT } from '../../shared/describe-issues';
import { appError } from '../../shared/error-codes';
import { MAX_INPUT_DEPTH, nestsDeeperThan } from '../../shared/input-depth';
import type { ServiceState } from '../../shared/service-state';
import type { RequestDispatcher } from '../ipc/bind-requests';
import { SecretStoreError, type SecretStore } from '../secrets/secret-store';
import { passwordDestination } from '../secrets/password-destination';
import { settingsSchema, type Settings } from '../../shared/settings-schema';

export interface Services {
  request(channel: RequestChannel, input: unknown): Promise<Result<unknown>>;
  state(): ServiceState;
}

/** The log files, as the process that owns the window sees them (it writes one of them). */
export interface RelayLogs {
  read(maxLines: number): RequestOutput<'logs', 'read'>;
  /** Opens the folder in the system's file manager; false where that cannot be done (browser mode). */
  open(): Promise<RequestOutput<'logs', 'open'>>;
}

/** The relay's secret store, and what to tell when a secret changed (the service process reconnects). */
export interface RelaySecrets {
  store: SecretStore;
  changed(): void;
}

/** Submits forwarded to the service host and not yet answered, at most. */
export const MAX_SUBMITS_IN_FLIGHT = 100;

export function createRelayDispatch(
  services: Services,
  logs: RelayLogs,
  secrets: RelaySecrets,
  opts: { maxSubmitsInFlight?: number } = {},
): RequestDispatcher {
  const submitChannel: string = channelOf('orders', 'submit');
  const settingsSave: string = channelOf('settings', 'save');
  const maxSubmits = opts.maxSubmitsInFlight ?? MAX_SUBMITS_IN_FLIGHT;
  let submitsInFlight = 0;
  const submitsByWindow = new Map<object | undefined, number>();
  const known = new Set<string>(requestList().map((r) => r.channel));
  const own: Record<string, (input: never) => Promise<unknown> | unknown> = {
    [channelOf('service', 'state')]: () => services.state(),
    [channelOf('logs', 'read')]: (input: { maxLines: number }) => logs.read(input.maxLines),
    [channelOf('logs', 'open')]: () => logs.open(),
    [channelOf('secrets', 'status')]: () => secrets.store.status(),
    [channelOf('secrets', 'set')]: (input: RequestInput<'secrets', 'set'>) => {
      secrets.store.set(input.name, input.value);
      secrets.changed();
      return secrets.store.status();
    },
  };
  const relayGroups = new Set<string>(RELAY_GROUPS);
  // The SASL password stays with the place it was entered for (secrets/password-destination.ts):
  // cleared before the save is forwarded, since the service process reconnects as it saves.
  // Input that does not parse goes on as it is, for the host to refuse. Settings in force that
  // cannot be read (the process died under the read) forward nothing: the save it would have
  // compared could send the password anywhere.
  const saveSettings = async (input: unknown): Promise<Result<unknown>> => {
    const next = settingsSchema.safeParse(input);
    if (next.success && secrets.store.status().set.saslPassword) {
      const before = await services.request(channelOf('settings', 'get') as RequestChannel, undefined);
      if (!before.ok) return before;
      if (passwordDestination(before.value as Settings) !== passwordDestination(next.data)) {
        secrets.store.set('saslPassword', null);
        secrets.changed();
      }
    }
    return services.request(settingsSave as RequestChannel, input);
  };
  return async (channel, input, window) => {
    if (typeof channel !== 'string' || !known.has(channel)) {
      return { ok: false, error: appError('request.unknown', { channel: String(channel).slice(0, 100) }) };
    }
    // Before anything forwards it: the channel to the service host serializes it recursively.
    if (nestsDeeperThan(input))
      return {
        ok: false,
        error: appError('request.invalid', {
          field: WHOLE_INPUT,
          detail: `input nested more than ${MAX_INPUT_DEPTH} levels`,
        }),
      };
    const [group, method] = channel.split(':');
    if (channel === submitChannel) {
      const mine = submitsByWindow.get(window) ?? 0;
      const windows = submitsByWindow.size + (mine === 0 ? 1 : 0);
      if (submitsInFlight >= maxSubmits && mine >= Math.floor(maxSubmits / windows))
        return { ok: false, error: appError('order.busy', { inFlight: submitsInFlight }) };
      submitsInFlight++;
      submitsByWindow.set(window, mine + 1);
      try {
        return await services.request(channel as RequestChannel, input);
      } finally {
        submitsInFlight--;
        const left = submitsByWindow.get(window)! - 1;
        if (left === 0) submitsByWindow.delete(window);
        else submitsByWindow.set(window, left);
      }
    }
    if (channel === settingsSave) return saveSettings(input);
    if (!relayGroups.has(group)) return services.request(channel as RequestChannel, input);
    const parsed = requestSpec(group, method)!.input.safeParse(input);
    if (!parsed.success) return { ok: false, error: requestRefusal(parsed.error) };
    try {
      return { ok: true, value: await own[channel](parsed.data as never) };
    } catch (e) {
      if (e instanceof SecretStoreError) return { ok: false, error: appError('secrets.unavailable') };
      return {
        ok: false,
        error: appError('internal', { detail: (e instanceof Error ? e.message : String(e)).slice(0, 200) }),
      };
    }
  };
}
