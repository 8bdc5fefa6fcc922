// A Kafka topic name as the brokers take it, the one rule for every form and request that names
// a topic (the order topic, the review topic, Create topic, the benchmark's topic).
import { z } from 'zod';
import type { AppError } from './error-codes';

/**
 * Letters, digits, dot, dash and underscore, at most 249; not "." or "..", which Kafka refuses.
 * The dash is escaped so that its source is also a valid HTML `pattern` (compiled with the v flag).
 */
export const TOPIC_NAME = /^(?!\.\.?$)[A-Za-z0-9.\-_]{1,249}$/;

/**
 * A topic name typed in a form: trimmed, then checked, with the error said in the user's language.
 * An empty one is said as such: Settings' emptied Topic read "Letters, digits, dot, dash and
 * underscore only" where Client ID beside it read "Required".
 */
export const topicNameSchema = z
  .string({ error: 'field.topicName' })
  .trim()
  .min(1, { error: 'field.required', abort: true })
  .regex(TOPIC_NAME, { error: 'field.topicName' });

/** What a form says under a topic name its schema refuses, or null (emptiness is said apart). */
export const topicNameProblem = (text: string): AppError | null =>
  text.trim() === '' || topicNameSchema.safeParse(text).success ? null : { code: 'field.topicName' };
