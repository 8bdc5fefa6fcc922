// The relay's request path: a channel the contract does not know is answered here without a
// hop; the relay's own group (service.*) is answered from the supervisor's state; every other
// request is forwarded as it is to the service host, whose request gate validates it. No
// schema runs here on the services' inputs: that is the host's one validation.
import { channelOf, requestList, requests, type RequestChannel, type Result } from '../../shared/contract';
import { appError } from '../../shared/error-codes';
import type { ServiceState } from '../../shared/service-state';
import type { RequestDispatcher } from '../ipc/bind-requests';

export interface Services {
  request(channel: RequestChannel, input: unknown): Promise<Result<unknown>>;
  state(): ServiceState;
}

export function createRelayDispatch(services: Services): RequestDispatcher {
  const known = new Set<string>(requestList().map((r) => r.channel));
  const stateChannel = channelOf('service', 'state');
  return async (channel, input) => {
    if (typeof channel !== 'string' || !known.has(channel)) {
      return { ok: false, error: appError('request.unknown', { channel: String(channel).slice(0, 100) }) };
    }
    if (channel === stateChannel) {
      return requests.service.state.input.safeParse(input).success
        ? { ok: true, value: services.state() }
        : { ok: false, error: appError('request.invalid', { detail: 'service.state takes no input' }) };
    }
    return services.request(channel as RequestChannel, input);
  };
}
