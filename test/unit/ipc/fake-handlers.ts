// Handlers for every contract request that record what reached them (the "services").
import { requestList, type RequestHandlers } from '../../../shared/contract';

export function recordingHandlers(answer: (channel: string, input: unknown) => unknown = () => 'done') {
  const calls: Array<{ channel: string; input: unknown }> = [];
  const handlers: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const { group, method, channel } of requestList()) {
    (handlers[group] ??= {})[method] = async (input) => {
      calls.push({ channel, input });
      return { ok: true, value: answer(channel, input) };
    };
  }
  return { handlers: handlers as unknown as RequestHandlers, calls };
}

export const validDraft = () => ({
  customerName: '  Kim Minji ',
  customerId: 'C-1001',
  phone: '010-1234-5678',
  lines: [{ sku: 'SKU-1', productName: 'Americano', quantity: 2, unitPrice: 4500 }],
  paymentMethod: 'card',
});
