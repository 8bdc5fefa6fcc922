// Makes the class-data archive (class-archive.ts) when the JVM has no usable one: a one-node
// cluster starts with -XX:ArchiveClassesAtExit and is stopped the way Kafka stops (SIGTERM), so
// the JVM writes every class the broker loaded as it exits. It writes under a temporary name that
// is renamed into place: a node starting meanwhile sees a whole archive or none, and two
// processes making one at once both succeed.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { archiveUsable, classArchiveFile } from './class-archive';
import { HarnessError } from './harness-error';
import { ApacheKafkaCluster } from './kafka-cluster';
import { checkJava } from './prerequisites';
import { resolveKafkaJars } from './resolve-jars';

/** A half-written archive this old was left by a process that died making it. */
const ABANDONED_MS = 60 * 60 * 1000;

export interface ClassArchive {
  file: string;
  /** True when this call made it (false: the one there was usable). */
  madeNow: boolean;
}

export async function ensureClassArchive(
  opts: { env?: NodeJS.ProcessEnv; log?: (line: string) => void; file?: string } = {},
): Promise<ClassArchive> {
  const env = opts.env ?? process.env;
  const java = checkJava(env);
  const jars = await resolveKafkaJars({ env, log: opts.log });
  const file = opts.file ?? classArchiveFile(jars.libDir, java.build);
  if (archiveUsable(file, jars.libDir, env)) return { file, madeNow: false };

  removeAbandoned(file);
  opts.log?.(`making a class-data archive of Apache Kafka ${jars.version}'s classes for Java ${java.build}: ${file}`);
  const work = `${file}.making-${randomBytes(4).toString('hex')}`;
  const cluster = new ApacheKafkaCluster({ nodes: 1, port: 0, env, classArchive: null, archiveClassesTo: work });
  try {
    await cluster.start();
    await cluster.stopAll();
  } finally {
    await cluster.close();
  }
  if (!archiveUsable(work, jars.libDir, env)) {
    fs.rmSync(work, { force: true });
    throw new HarnessError(
      `the JVM (Java ${java.build}) wrote no class-data archive it can use`,
      'nothing to fix for the tests: Apache Kafka nodes start without one, only more slowly',
    );
  }
  fs.renameSync(work, file);
  return { file, madeNow: true };
}

/**
 * For callers that carry on without an archive (nodes then only start more slowly): its file, or
 * why there is none.
 */
export async function classArchiveOrWhy(log?: (line: string) => void): Promise<{ file: string } | { why: string }> {
  try {
    return { file: (await ensureClassArchive({ log })).file };
  } catch (err) {
    return { why: (err as Error).message };
  }
}

function removeAbandoned(file: string): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.making-`;
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (!name.startsWith(prefix)) continue;
    const p = path.join(dir, name);
    try {
      if (Date.now() - fs.statSync(p).mtimeMs > ABANDONED_MS) fs.rmSync(p, { force: true });
    } catch {
      // gone meanwhile
    }
  }
}
