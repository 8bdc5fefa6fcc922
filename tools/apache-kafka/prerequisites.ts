// Java runs the brokers and Maven fetches their jars; each missing tool is refused with the
// package that provides it (Debian names; .ci/run installs both when they are missing).
import { spawnSync } from 'node:child_process';
import { HarnessError } from './harness-error';

/** Kafka 4.x brokers need Java 17 or newer. */
export const MIN_JAVA = 17;

/** `build`: the JVM's full build, e.g. 17.0.15+6-Debian-1deb12u1 (a class-data archive fits only the build that made it). */
export function checkJava(env: NodeJS.ProcessEnv = process.env): { major: number; build: string } {
  const r = spawnSync('java', ['-version'], { env, encoding: 'utf8' });
  if (r.error) {
    throw new HarnessError(
      'Java was not found on PATH: Apache Kafka runs on a JVM',
      `install a JDK ${MIN_JAVA} or newer (Debian: apt-get install -y openjdk-${MIN_JAVA}-jdk-headless) and make sure \`java\` is on PATH`,
    );
  }
  const text = `${r.stderr}${r.stdout}`;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(text);
  // Java 8 and older report 1.x.
  const major = m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : NaN;
  if (r.status !== 0 || !Number.isFinite(major)) {
    throw new HarnessError('`java -version` failed', `repair the Java installation`, text.trim());
  }
  if (major < MIN_JAVA) {
    throw new HarnessError(
      `Java ${major} is too old for Apache Kafka 4 (it needs ${MIN_JAVA} or newer)`,
      `install a JDK ${MIN_JAVA} or newer (Debian: apt-get install -y openjdk-${MIN_JAVA}-jdk-headless) and put it first on PATH`,
    );
  }
  const build = /\(build ([^,)]+)/.exec(text)?.[1] ?? `${major}`;
  return { major, build };
}

export function checkMaven(env: NodeJS.ProcessEnv = process.env): void {
  const r = spawnSync('mvn', ['-v'], { env, encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new HarnessError(
      "Maven (mvn) was not found on PATH: it fetches Apache Kafka's jars from Maven Central the first time",
      'install Maven (Debian: apt-get install -y maven) and make sure `mvn` is on PATH',
      r.error ? '' : `${r.stdout}${r.stderr}`.trim(),
    );
  }
}
