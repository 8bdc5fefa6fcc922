// The records kcat produces in the benchmarks: a file of N lines of exactly `size` printable
// bytes; `kcat -P -l FILE` sends each line (without its newline) as one record.
import fs from 'node:fs';

export function writeRecords(file: string, records: number, size: number): void {
  const line = Buffer.alloc(size + 1, 'x');
  line[size] = 0x0a;
  const perChunk = 4096;
  const chunk = Buffer.concat(Array.from({ length: perChunk }, () => line));
  const fd = fs.openSync(file, 'w');
  for (let left = records; left > 0; left -= perChunk)
    fs.writeSync(fd, chunk, 0, Math.min(left, perChunk) * line.length);
  fs.closeSync(fd);
}
