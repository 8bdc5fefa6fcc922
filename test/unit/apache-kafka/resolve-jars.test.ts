import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../../tools/apache-kafka/harness-error';
import { DEFAULT_KAFKA_VERSION, kafkaVersion } from '../../../tools/apache-kafka/kafka-version';
import { cacheRoot, mavenFailure, slf4jBinding } from '../../../tools/apache-kafka/resolve-jars';

describe('the Kafka version', () => {
  it('is the pinned one unless KAFKA_VERSION says otherwise', () => {
    expect(kafkaVersion({})).toBe(DEFAULT_KAFKA_VERSION);
    expect(kafkaVersion({ KAFKA_VERSION: ' 4.3.1 ' })).toBe('4.3.1');
  });

  it('refuses what is not a version, saying what to set', () => {
    expect(() => kafkaVersion({ KAFKA_VERSION: 'latest' })).toThrow(HarnessError);
    expect(() => kafkaVersion({ KAFKA_VERSION: 'latest' })).toThrow(
      /KAFKA_VERSION "latest" is not a Kafka version\nFix: set it to a released version such as/,
    );
  });
});

describe('the jar cache', () => {
  it('lives under ~/.cache unless XDG_CACHE_HOME or ORDER_DESK_KAFKA_CACHE move it', () => {
    expect(cacheRoot({ XDG_CACHE_HOME: '/c' })).toBe('/c/order-desk/apache-kafka');
    expect(cacheRoot({ ORDER_DESK_KAFKA_CACHE: '/jars', XDG_CACHE_HOME: '/c' })).toBe('/jars');
  });
});

describe('the SLF4J binding that lets the brokers log', () => {
  it('matches SLF4J 1.x and the Log4j core Kafka brought', () => {
    expect(
      slf4jBinding(['kafka_2.13-4.4.0.jar', 'slf4j-api-1.7.36.jar', 'log4j-api-2.25.5.jar', 'log4j-core-2.25.5.jar']),
    ).toBe('org.apache.logging.log4j:log4j-slf4j-impl:2.25.5');
  });

  it('uses the SLF4J 2 binding for SLF4J 2, and none when one is there or Log4j 2 is not', () => {
    expect(slf4jBinding(['slf4j-api-2.0.17.jar', 'log4j-core-2.24.3.jar'])).toBe(
      'org.apache.logging.log4j:log4j-slf4j2-impl:2.24.3',
    );
    expect(slf4jBinding(['slf4j-api-1.7.36.jar', 'log4j-core-2.25.5.jar', 'log4j-slf4j-impl-2.25.5.jar'])).toBeNull();
    expect(slf4jBinding(['slf4j-api-1.7.36.jar', 'reload4j-1.2.25.jar'])).toBeNull();
  });
});

describe("Maven's failures, boiled down", () => {
  it('a version Maven Central does not have', () => {
    const e = mavenFailure(
      '9.9.9',
      '[ERROR] Failed to execute goal on project apache-kafka-harness: Could not resolve dependencies for project order-desk:apache-kafka-harness:pom:1: The following artifacts could not be resolved: org.apache.kafka:kafka_2.13:jar:9.9.9 (absent): Could not find artifact org.apache.kafka:kafka_2.13:jar:9.9.9 in central (https://repo.maven.apache.org/maven2) -> [Help 1]\n',
    );
    expect(e.problem).toBe('Apache Kafka 9.9.9 is not on Maven Central (no org.apache.kafka:kafka_2.13:9.9.9)');
    expect(e.fix).toMatch(/set KAFKA_VERSION to a released version/);
    expect(e.details).toContain('Could not find artifact org.apache.kafka:kafka_2.13:jar:9.9.9');
  });

  it('Maven Central out of reach', () => {
    const e = mavenFailure(
      '4.4.0',
      '[ERROR] Failed to execute goal ...: Could not transfer artifact org.apache.kafka:kafka_2.13:pom:4.4.0 from/to central (https://repo.maven.apache.org/maven2): repo.maven.apache.org: Temporary failure in name resolution: Unknown host repo.maven.apache.org\n',
    );
    expect(e.problem).toBe('Maven could not reach Maven Central to fetch Apache Kafka');
    expect(e.details).toContain('Could not transfer artifact');
  });
});
