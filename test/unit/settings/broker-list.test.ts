// The brokers as typed into Settings' one field, or set in KAFKA_BROKERS: one list however the
// addresses are separated, a Korean keyboard's full-width comma and spaces included.
import { describe, expect, it } from 'vitest';
import { fromForm, toForm } from '../../../renderer/settings/settings-form';
import { brokersFromEnv } from '../../../electron/settings/settings-store';
import { DEFAULT_SETTINGS, settingsSaveSchema } from '../../../shared/settings-schema';

const form = (brokers: string) => ({ ...toForm(DEFAULT_SETTINGS), brokers });

describe('a broker list as typed', () => {
  it("splits at a Korean keyboard's full-width comma and space, as at ASCII ones", () => {
    expect((fromForm(form('kafka-1:9092，kafka-2:9092')) as { brokers: string[] }).brokers).toEqual([
      'kafka-1:9092',
      'kafka-2:9092',
    ]);
    // U+3000, the ideographic space the same mode types for a space.
    expect((fromForm(form('kafka-1:9092\u3000kafka-2:9092')) as { brokers: string[] }).brokers).toEqual([
      'kafka-1:9092',
      'kafka-2:9092',
    ]);
    expect((fromForm(form(' kafka-1:9092, kafka-2:9092\nkafka-3:9092 ')) as { brokers: string[] }).brokers).toEqual([
      'kafka-1:9092',
      'kafka-2:9092',
      'kafka-3:9092',
    ]);
  });

  it('KAFKA_BROKERS reads the same list the Settings field does', () => {
    expect(brokersFromEnv({ KAFKA_BROKERS: 'kafka-1:9092，kafka-2:9092 kafka-3:9092' })).toEqual({
      ok: true,
      value: ['kafka-1:9092', 'kafka-2:9092', 'kafka-3:9092'],
    });
  });

  it('a list with one bad address still ends in a clear error naming the variable', () => {
    const r = brokersFromEnv({ KAFKA_BROKERS: 'kafka-1:9092，kafka-2' });
    expect(r?.ok).toBe(false);
    if (r && !r.ok) expect(r.error.params?.detail).toMatch(/^KAFKA_BROKERS: /);
  });

  it('keeps a broker once when it is typed again in other letter case (host names ignore case), the first as typed', () => {
    const typed = fromForm(form('KAFKA1:9092, kafka1:9092 Kafka1:09092 kafka2:9092')) as { brokers: string[] };
    expect(settingsSaveSchema.shape.brokers.parse(typed.brokers)).toEqual(['KAFKA1:9092', 'kafka2:9092']);
    expect(brokersFromEnv({ KAFKA_BROKERS: 'kafka-1:9092,KAFKA-1:9092' })).toEqual({
      ok: true,
      value: ['kafka-1:9092'],
    });
    // Another port is another broker.
    expect(brokersFromEnv({ KAFKA_BROKERS: 'kafka-1:9092,KAFKA-1:9093' })).toEqual({
      ok: true,
      value: ['kafka-1:9092', 'KAFKA-1:9093'],
    });
  });
});
