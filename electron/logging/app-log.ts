// The app's log: every line goes to the terminal (stderr, as `[order-desk] ...`, which the
// tests and an operator's console read) and, once the data directory is known, to a rotating
// file in `<dataDir>/logs/` through electron-log, because a packaged app has no terminal.
// Each process writes its own file (the window's process `app.log`, the service process
// `services.log`), so two writers never share one file.
import fs from 'node:fs';
import path from 'node:path';
import electronLog from 'electron-log/node';
import { redactLogText } from './redact';

export const LOG_DIR_NAME = 'logs';
/** A file grows to this size, then becomes `<name>.old.log` (one generation kept). */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;

export type LogFn = (message: string) => void;

const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;
// C0, DEL and C1 but the tab: an escape sequence in quoted text (ESC [2J) acts on the terminal.
const CONTROL = /[^\P{Cc}\t]/gu;

/**
 * A message as one line of the log: a line break in text it quotes (a catalogue.csv cell, a
 * broker's error) wrote a line of its own that read as an entry, timestamp and all, and sorted
 * into Diagnostics' tail by its forged time; a stack's lines were scattered there the same way.
 * Breaks become " ⏎ ", other control characters their code point.
 */
export function asOneLine(text: string): string {
  return text
    .replace(LINE_BREAK, ' ⏎ ')
    .replace(CONTROL, (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

export interface AppLog {
  /** Writes one line (info). */
  log: LogFn;
  /** Starts writing to `<dataDir>/logs/<name>.log` as well; before this, only the terminal gets lines. */
  attachFile(dataDir: string): string;
  /** The file in use, or null before attachFile. */
  readonly file: string | null;
}

export function logDir(dataDir: string): string {
  return path.join(dataDir, LOG_DIR_NAME);
}

/** `name` is the process's role, e.g. "app" or "services". `stderr` is swappable for tests. */
export function createAppLog(name: string, stderr: { write(line: string): unknown } = process.stderr): AppLog {
  const logger = electronLog.create({ logId: `order-desk-${name}` });
  // Some builds of electron-log carry IPC and remote transports; this log uses neither.
  for (const name of ['ipc', 'remote'] as const) if (logger.transports[name]) logger.transports[name].level = false;
  // Before any transport sees a line: secrets and customers' phone numbers are masked.
  logger.hooks.push((message) => {
    message.data = message.data.map((d: unknown) => asOneLine(redactLogText(typeof d === 'string' ? d : String(d))));
    return message;
  });
  logger.transports.console.format = '{text}';
  logger.transports.console.writeFn = ({ message }) =>
    void stderr.write(`[order-desk] ${message.data.map(String).join(' ')}\n`);
  logger.transports.file.level = false;
  logger.transports.file.maxSize = LOG_MAX_BYTES;
  logger.transports.file.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}] {text}';
  let file: string | null = null;
  return {
    log: (message) => logger.info(message),
    attachFile(dataDir) {
      const dir = logDir(dataDir);
      fs.mkdirSync(dir, { recursive: true });
      file = path.join(dir, `${name}.log`);
      const target = file;
      logger.transports.file.resolvePathFn = () => target;
      logger.transports.file.level = 'info';
      return target;
    },
    get file() {
      return file;
    },
  };
}

export interface LogFileInfo {
  name: string;
  bytes: number;
  modifiedAt: string;
}

/** The log files in the data directory and the last lines of each current one, newest last. */
export function readLogTail(dataDir: string, maxLines: number): { dir: string; files: LogFileInfo[]; tail: string[] } {
  const dir = logDir(dataDir);
  let names: string[];
  try {
    names = fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.log'))
      .sort();
  } catch {
    return { dir, files: [], tail: [] };
  }
  const files = names.map((n) => {
    const st = fs.statSync(path.join(dir, n));
    return { name: n, bytes: st.size, modifiedAt: st.mtime.toISOString() };
  });
  const tail: string[] = [];
  for (const n of names.filter((x) => !x.endsWith('.old.log'))) {
    const lines = readLastBytes(path.join(dir, n), 64 * 1024)
      .split('\n')
      .filter(Boolean);
    tail.push(...lines.slice(-maxLines).map((l) => `${n.replace(/\.log$/, '')}: ${l}`));
  }
  // Lines start with their timestamp, so sorting the text orders the two processes' lines in time.
  tail.sort((a, b) => a.slice(a.indexOf(': ') + 2).localeCompare(b.slice(b.indexOf(': ') + 2)));
  return { dir, files, tail: tail.slice(-maxLines) };
}

function readLastBytes(file: string, max: number): string {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, max);
    const buf = Buffer.alloc(length);
    fs.readSync(fd, buf, 0, length, size - length);
    const text = buf.toString('utf8');
    // A cut in the middle of the first line is dropped rather than shown half.
    return length < size ? text.slice(text.indexOf('\n') + 1) : text;
  } finally {
    fs.closeSync(fd);
  }
}
