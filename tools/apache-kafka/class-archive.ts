// A class-data archive (CDS, JEP 350) of the classes an Apache Kafka node loads. A JVM that maps
// it skips finding, parsing and verifying the classes in it, so a node starts on less CPU
// (npm run bench:kafka-start). The test legs start dozens of clusters and restart nodes on two
// cores, where JVM start-up was most of what the cores did.
//
// One archive per jar set and JDK build, beside the jars (the JVM checks both and ignores an
// archive that does not fit, starting as it would without). make-class-archive.ts makes it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_JVM_OPTIONS } from './kafka-node';

/** Where the archive for these jars and this JDK build lives (it may not exist yet). */
export function classArchiveFile(libDir: string, javaBuild: string): string {
  return path.join(path.dirname(libDir), `classes-java-${javaBuild.replace(/[^\w.+-]/g, '_')}.jsa`);
}

/**
 * Whether this JVM maps the archive with these jars: with -Xshare:on a JVM that cannot use it
 * refuses to start, where a node (-Xshare:auto, the default) would start without it.
 */
export function archiveUsable(file: string, libDir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!fs.existsSync(file)) return false;
  const r = spawnSync(
    'java',
    [...DEFAULT_JVM_OPTIONS, '-Xshare:on', `-XX:SharedArchiveFile=${file}`, '-cp', `${libDir}/*`, '-version'],
    { env, stdio: 'ignore' },
  );
  return r.status === 0;
}

/** The option that makes a node map the archive, when there is one. */
export function classArchiveOptions(file: string | null): string[] {
  return file !== null && fs.existsSync(file) ? [`-XX:SharedArchiveFile=${file}`] : [];
}
