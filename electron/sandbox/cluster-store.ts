// On-disk layout of a sandbox with a data directory:
//   cluster.json                 cluster id, next producer id
//   topics/<name>/topic.json     partitions' replica lists and topic configs
//   topics/<name>/<p>.log        the partition's stamped record batches, appended
//   group-offsets.json           committed consumer-group offsets
// Producer state is rebuilt from the logs' batch headers, as Kafka rebuilds it from its segments.
import fs from 'node:fs';
import path from 'node:path';

export interface StoredTopic {
  name: string;
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

  logFile(topic: string, partition: number): string {
    return path.join(this.topicDir(topic), `${partition}.log`);
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
