// Save's size check (issue 10): an order whose Kafka message would be larger than the topic's
// max.message.bytes is refused before it reaches the outbox, with the clerk's reason, instead of
// being refused by the broker later. The size is the record batch kafkajs' producer would send
// for it (electron/kafka/message-size.ts), measured on the very message the dispatcher sends.
import type { Order } from '../../shared/order-schema';
import { appError, type AppError } from '../../shared/error-codes';
import { orderMessage } from '../kafka/order-message';
import { batchBytesAtMost, encodedBatchBytes } from '../kafka/message-size';

/** Null when the order fits in `maxBytes`, else `order.tooLarge` with its size and the limit. */
export async function orderTooLarge(order: Order, maxBytes: number): Promise<AppError | null> {
  const message = orderMessage(order);
  if (batchBytesAtMost(message) <= maxBytes) return null;
  const size = await encodedBatchBytes(message);
  return size > maxBytes ? appError('order.tooLarge', { size, max: maxBytes }) : null;
}
