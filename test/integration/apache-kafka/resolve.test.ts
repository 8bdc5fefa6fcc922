// The jar cache under concurrent use: two processes resolving the same version into an empty
// cache at once (two test workers, two terminals) both end up with the same complete entry.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveKafkaJars } from '../../../tools/apache-kafka/resolve-jars';

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('resolving Apache Kafka jars', () => {
  it('two resolutions at once into an empty cache both succeed with one complete entry and no debris', async () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-kafka-cache-'));
    temps.push(cache);
    // Maven's JVM with the quick compiler only: a run of a few seconds never repays C2's warm-up
    // (on two busy cores the two resolutions took a third of the time); what it resolves is the same.
    const env = {
      ...process.env,
      ORDER_DESK_KAFKA_CACHE: cache,
      MAVEN_OPTS: `${process.env.MAVEN_OPTS ?? ''} -XX:TieredStopAtLevel=1 -XX:+UseSerialGC`.trim(),
    };
    const [a, b] = await Promise.all([resolveKafkaJars({ env }), resolveKafkaJars({ env })]);
    expect(a.libDir).toBe(path.join(cache, '4.4.0', 'libs'));
    expect(b.libDir).toBe(a.libDir);
    expect(fs.readdirSync(cache)).toEqual(['4.4.0']);
    const manifest = JSON.parse(fs.readFileSync(path.join(cache, '4.4.0', 'resolved.json'), 'utf8')) as {
      version: string;
      jars: string[];
    };
    expect(manifest.version).toBe('4.4.0');
    expect(fs.readdirSync(a.libDir).sort()).toEqual(manifest.jars);
    expect(manifest.jars).toEqual(
      expect.arrayContaining(['kafka_2.13-4.4.0.jar', 'kafka-tools-4.4.0.jar', 'log4j-slf4j-impl-2.25.5.jar']),
    );
    // A third call finds it in the cache without Maven.
    expect(await resolveKafkaJars({ env: { ...env, PATH: '/nonexistent' } })).toMatchObject({
      libDir: a.libDir,
      resolvedNow: false,
    });
  });
});
