// Apache Kafka's jars, resolved once per version with Maven into a cache outside the repo
// (~/.cache/order-desk/apache-kafka/<version>/libs; ORDER_DESK_KAFKA_CACHE moves it). Maven
// writes into a private temporary directory beside the cache entry, which is then renamed
// into place: a reader sees a complete entry or none, and two processes resolving at once
// both succeed (the second rename loses and its copy is dropped).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HarnessError } from './harness-error';
import { kafkaVersion } from './kafka-version';
import { checkMaven } from './prerequisites';

const POM = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pom.xml');
const MANIFEST = 'resolved.json';

export interface KafkaJars {
  version: string;
  /** Directory holding every jar; the JVM's class path is `${libDir}/*`. */
  libDir: string;
  /** True when this call ran Maven (false: taken from the cache). */
  resolvedNow: boolean;
}

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ORDER_DESK_KAFKA_CACHE) return path.resolve(env.ORDER_DESK_KAFKA_CACHE);
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'order-desk', 'apache-kafka');
}

/** The cached jars for the version, resolving them first when the cache has none. */
export async function resolveKafkaJars(
  opts: { env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {},
): Promise<KafkaJars> {
  const env = opts.env ?? process.env;
  const version = kafkaVersion(env);
  const entry = path.join(cacheRoot(env), version);
  if (fs.existsSync(path.join(entry, MANIFEST)))
    return { version, libDir: path.join(entry, 'libs'), resolvedNow: false };

  checkMaven(env);
  fs.mkdirSync(path.dirname(entry), { recursive: true });
  removeAbandoned(entry);
  const work = fs.mkdtempSync(`${entry}.resolving-`);
  try {
    opts.log?.(`resolving Apache Kafka ${version} with Maven into ${entry}`);
    const libs = path.join(work, 'libs');
    fs.copyFileSync(POM, path.join(work, 'pom.xml'));
    await mvn(work, env, version, [
      'dependency:copy-dependencies',
      `-Dkafka.version=${version}`,
      `-DoutputDirectory=${libs}`,
      '-DincludeScope=runtime',
    ]);
    const binding = slf4jBinding(fs.readdirSync(libs));
    if (binding) {
      await mvn(work, env, version, [
        'dependency:copy',
        `-Dkafka.version=${version}`,
        `-Dartifact=${binding}`,
        `-DoutputDirectory=${libs}`,
      ]);
    }
    const jars = fs
      .readdirSync(libs)
      .filter((f) => f.endsWith('.jar'))
      .sort();
    if (!jars.some((j) => /^kafka_2\.13-/.test(j))) {
      throw new HarnessError(
        `Maven finished but no kafka_2.13 jar arrived in ${libs}`,
        'run again; if it persists, resolve by hand with mvn -X to see why',
      );
    }
    fs.writeFileSync(
      path.join(work, MANIFEST),
      `${JSON.stringify({ version, resolvedAt: new Date().toISOString(), jars }, null, 2)}\n`,
    );
    try {
      fs.renameSync(work, entry);
    } catch (err) {
      // Another process finished first: its entry is as good as ours.
      const code = (err as NodeJS.ErrnoException).code;
      if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || !fs.existsSync(path.join(entry, MANIFEST))) throw err;
    }
    return { version, libDir: path.join(entry, 'libs'), resolvedNow: true };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Work directories of resolutions that were killed midway (an hour is far longer than Maven takes). */
function removeAbandoned(entry: string): void {
  const dir = path.dirname(entry);
  const prefix = `${path.basename(entry)}.resolving-`;
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    const full = path.join(dir, name);
    try {
      if (Date.now() - fs.statSync(full).mtimeMs > 3_600_000) fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // Another process removed it meanwhile.
    }
  }
}

/**
 * Kafka logs through SLF4J but ships no binding, so without one its brokers log nothing. The
 * binding must match the SLF4J API (1.x: log4j-slf4j-impl, 2.x: log4j-slf4j2-impl) and the
 * Log4j 2 core Kafka brought along.
 */
export function slf4jBinding(jars: string[]): string | null {
  const log4j = jars.map((j) => /^log4j-core-(\d[\w.-]*)\.jar$/.exec(j)?.[1]).find(Boolean);
  const slf4j = jars.map((j) => /^slf4j-api-(\d+)\./.exec(j)?.[1]).find(Boolean);
  if (!log4j || !slf4j) return null;
  if (jars.some((j) => /^log4j-slf4j2?-impl-/.test(j))) return null;
  return `org.apache.logging.log4j:${slf4j === '1' ? 'log4j-slf4j-impl' : 'log4j-slf4j2-impl'}:${log4j}`;
}

function mvn(dir: string, env: NodeJS.ProcessEnv, version: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('mvn', ['-B', '-q', '-f', path.join(dir, 'pom.xml'), ...args], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (e) =>
      reject(new HarnessError(`could not run mvn: ${e.message}`, 'install Maven (Debian: apt-get install -y maven)')),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(mavenFailure(version, out))));
  });
}

/** Maven's long output, boiled down to the cause a person can act on. */
export function mavenFailure(version: string, output: string): HarnessError {
  // ANSI colours and Maven's [ERROR] prefixes make the lines hard to match and read.
  // eslint-disable-next-line no-control-regex -- the escape character is exactly what is matched
  const text = output.replace(/\x1b\[[0-9;]*m/g, '');
  const errors = text
    .split('\n')
    .filter((l) => l.startsWith('[ERROR]'))
    .map((l) => l.replace(/^\[ERROR\]\s*/, ''))
    .filter(Boolean);
  const evidence = (errors.length ? errors : text.trim().split('\n')).slice(0, 6).join('\n');
  if (
    /Could not find artifact org\.apache\.kafka:|org\.apache\.kafka:[\w.-]+:(?:jar|pom):[\w.-]+ was not found/.test(
      text,
    )
  ) {
    return new HarnessError(
      `Apache Kafka ${version} is not on Maven Central (no org.apache.kafka:kafka_2.13:${version})`,
      `set KAFKA_VERSION to a released version (for example 4.4.0), or unset it to use the pinned one`,
      evidence,
    );
  }
  if (
    /Could not transfer|UnknownHost|Connection refused|Connect to .* failed|Network is unreachable|timed out/i.test(
      text,
    )
  ) {
    return new HarnessError(
      'Maven could not reach Maven Central to fetch Apache Kafka',
      'check the network (and any proxy in ~/.m2/settings.xml); the real-cluster harness cannot run without the jars',
      evidence,
    );
  }
  return new HarnessError(
    `Maven failed to resolve Apache Kafka ${version}`,
    "read Maven's error below; run again once it is fixed",
    evidence,
  );
}
