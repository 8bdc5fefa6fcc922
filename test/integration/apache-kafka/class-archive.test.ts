// The class-data archive: made from a broker's own run, mapped by every node started after it,
// and an archive the JVM cannot use (another JDK's, a damaged file) never stops a node: it
// starts without it, and ensureClassArchive makes a good one in its place.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { archiveUsable } from '../../../tools/apache-kafka/class-archive';
import { startApacheKafka, type ApacheKafkaCluster } from '../../../tools/apache-kafka/kafka-cluster';
import { ensureClassArchive } from '../../../tools/apache-kafka/make-class-archive';
import { resolveKafkaJars } from '../../../tools/apache-kafka/resolve-jars';
import { leftoversOf } from './leftovers';

const clusters: ApacheKafkaCluster[] = [];
const temps: string[] = [];
afterEach(async () => {
  for (const c of clusters.splice(0)) {
    await c.close();
    expect(await leftoversOf(c.dir)).toEqual({ processes: [], dirExists: false });
  }
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Whether the running JVM has the file mapped: what a JVM that uses an archive does with it. */
function maps(pid: number, file: string): boolean {
  return fs.readFileSync(`/proc/${pid}/maps`, 'utf8').includes(file);
}

async function oneNode(classArchive?: string | null): Promise<ApacheKafkaCluster> {
  const cluster = await startApacheKafka({ nodes: 1, port: 0, quickStart: true, classArchive });
  clusters.push(cluster);
  return cluster;
}

describe('the class-data archive of Apache Kafka nodes', () => {
  it('is there for the pinned jars, and a node started after it maps it', async () => {
    const archive = await ensureClassArchive();
    const { libDir } = await resolveKafkaJars();
    expect(path.dirname(archive.file)).toBe(path.dirname(libDir));
    expect(archiveUsable(archive.file, libDir)).toBe(true);
    const cluster = await oneNode();
    expect(cluster.pids).toHaveLength(1);
    expect(maps(cluster.pids[0], archive.file)).toBe(true);
  });

  it('a damaged one: the node starts without it, and it is made again in its place', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-class-archive-'));
    temps.push(dir);
    const file = path.join(dir, 'classes.jsa');
    fs.writeFileSync(file, Buffer.alloc(64 * 1024, 'not an archive'));
    const { libDir } = await resolveKafkaJars();
    expect(archiveUsable(file, libDir)).toBe(false);

    const cluster = await oneNode(file);
    expect(maps(cluster.pids[0], file)).toBe(false);
    await cluster.close();

    expect(await ensureClassArchive({ file })).toEqual({ file, madeNow: true });
    expect(archiveUsable(file, libDir)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['classes.jsa']);
    // Usable now, so the next call keeps it.
    expect(await ensureClassArchive({ file })).toEqual({ file, madeNow: false });
  });
});
