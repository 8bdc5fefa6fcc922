// On-disk layout of a sandbox with a data directory:
//   cluster.json                         cluster id, next producer id
//   topics/<name>/topic.json             topic id, partitions' replica lists and topic configs
//   topics/<name>/<p>/<offset>.log       a segment: stamped record batches from that offset
//   topics/<name>/<p>/<offset>.index     its sparse offset index, and .timeindex its time index
//   topics/<name>/<p>/<offset>.snapshot  the producer table at that offset
//   group-offsets.json                   committed consumer-group offsets
// A data directory from before segments (one topics/<name>/<p>.log per partition) becomes that
// partition's first segment when it is opened; its indexes are built once.
import fs from 'node:fs';
import path from 'node:path';
import { FdCache } from './fd-cache';
import { segmentFileName } from './log-segment';

export interface StoredTopic {
  name: string;
  /** Kafka's topic id; absent in a data directory from before topic ids (one is made on load). */
  topicId?: string;
  partitions: Array<{ replicas: number[] }>;
  configs: Record<string, string>;
}

export interface StoredCluster {
  clusterId: string;
  nextProducerId: number;
}

function writeJsonAtomic(file: string, value: unknown): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value));
  fs.renameSync(tmp, file);
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

export class ClusterStore {
  /** Every log file of the cluster shares these descriptors. */
  readonly fds = new FdCache();

  constructor(readonly dir: string) {
    fs.mkdirSync(path.join(dir, 'topics'), { recursive: true });
  }

  loadCluster(): StoredCluster | null {
    return readJson<StoredCluster>(path.join(this.dir, 'cluster.json'));
  }

  saveCluster(c: StoredCluster): void {
    writeJsonAtomic(path.join(this.dir, 'cluster.json'), c);
  }

  loadTopics(): StoredTopic[] {
    const root = path.join(this.dir, 'topics');
    return fs
      .readdirSync(root)
      .map((name) => readJson<StoredTopic>(path.join(root, name, 'topic.json')))
      .filter((t): t is StoredTopic => t !== null);
  }

  saveTopic(t: StoredTopic): void {
    fs.mkdirSync(this.topicDir(t.name), { recursive: true });
    writeJsonAtomic(path.join(this.topicDir(t.name), 'topic.json'), t);
  }

  deleteTopic(name: string): void {
    fs.rmSync(this.topicDir(name), { recursive: true, force: true });
  }

  /** A partition's directory (made by its first append), after moving a pre-segment `<p>.log` into it as its first segment. */
  partitionDir(topic: string, partition: number): string {
    const dir = path.join(this.topicDir(topic), String(partition));
    const old = path.join(this.topicDir(topic), `${partition}.log`);
    if (fs.existsSync(old) && !fs.existsSync(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      fs.renameSync(old, path.join(dir, segmentFileName(0, 'log')));
    }
    return dir;
  }

  close(): void {
    this.fds.closeAll();
  }

  loadGroupOffsets<T>(): T | null {
    return readJson<T>(path.join(this.dir, 'group-offsets.json'));
  }

  saveGroupOffsets(value: unknown): void {
    writeJsonAtomic(path.join(this.dir, 'group-offsets.json'), value);
  }

  private topicDir(name: string): string {
    return path.join(this.dir, 'topics', name);
  }
}
