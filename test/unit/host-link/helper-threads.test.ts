// Which threads browser mode's processes lower, and when they leave them alone.
import { describe, expect, it } from 'vitest';
import {
  describeHelperThreads,
  HELPER_THREAD_NICE,
  lowerHelperThreads,
  type ThreadEnv,
} from '../../../electron/host-link/helper-threads';

function fakeEnv(over: Partial<ThreadEnv> = {}): ThreadEnv & { set: Array<[number, number]> } {
  const set: Array<[number, number]> = [];
  return {
    platform: 'linux',
    electron: undefined,
    pid: 100,
    threadIds: () => [100, 101, 102, 103],
    setPriority: (tid, nice) => void set.push([tid, nice]),
    set,
    ...over,
  };
}

describe('lowerHelperThreads', () => {
  it('lowers every thread but the main one (whose id is the process id)', () => {
    const env = fakeEnv();
    expect(lowerHelperThreads(env)).toEqual({ lowered: 3 });
    expect(env.set).toEqual([
      [101, HELPER_THREAD_NICE],
      [102, HELPER_THREAD_NICE],
      [103, HELPER_THREAD_NICE],
    ]);
  });

  it('counts a thread that ended since it was listed as not lowered, and goes on', () => {
    const env = fakeEnv({
      setPriority(tid) {
        if (tid === 102) throw Object.assign(new Error('no such process'), { code: 'ESRCH' });
      },
    });
    expect(lowerHelperThreads(env)).toEqual({ lowered: 2 });
  });

  it('leaves Electron’s threads to Chromium, and says so', () => {
    const env = fakeEnv({ electron: '38.0.0' });
    const result = lowerHelperThreads(env);
    expect(env.set).toEqual([]);
    expect(describeHelperThreads(result)).toMatch(/left at their priority \(Electron/);
  });

  it('does nothing off Linux, and says why', () => {
    const env = fakeEnv({ platform: 'darwin' });
    expect(lowerHelperThreads(env)).toEqual({ skipped: expect.stringMatching(/^darwin/) });
    expect(env.set).toEqual([]);
  });

  it('says why when the threads cannot be listed, without throwing', () => {
    const env = fakeEnv({
      threadIds: () => {
        throw new Error("ENOENT: no such file or directory, scandir '/proc/self/task'");
      },
    });
    expect(describeHelperThreads(lowerHelperThreads(env))).toMatch(/could not be listed: ENOENT/);
  });
});
