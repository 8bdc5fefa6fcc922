// The one topic-name rule: what Kafka accepts, refused where it does not, and usable as the
// Create topic field's HTML pattern (which the browser compiles with the v flag).
import { describe, expect, it } from 'vitest';
import { TOPIC_NAME, topicNameSchema } from '../../../shared/topic-name';

describe('topic names', () => {
  it('takes what Kafka takes and refuses ".", "..", other characters and 250 characters', () => {
    for (const ok of ['user-data', 'user-data.review', 'a', '...', '_x', 'x'.repeat(249)])
      expect(topicNameSchema.safeParse(ok).success).toBe(true);
    for (const bad of ['.', '..', 'user data', '주문', 'a/b', 'x'.repeat(250)]) {
      const r = topicNameSchema.safeParse(bad);
      expect(r.success ? null : r.error.issues[0].message).toBe('field.topicName');
    }
  });

  it('says an empty name is required, not which characters it may hold', () => {
    for (const empty of ['', '   ']) {
      const r = topicNameSchema.safeParse(empty);
      expect(r.success ? null : r.error.issues.map((i) => i.message)).toEqual(['field.required']);
    }
  });

  it('is the same rule as an HTML pattern', () => {
    const html = new RegExp(`^(?:${TOPIC_NAME.source})$`, 'v');
    expect(['user-data', 'a.b_c-d'].map((n) => html.test(n))).toEqual([true, true]);
    expect(['.', '..', 'a b'].map((n) => html.test(n))).toEqual([false, false, false]);
  });
});
