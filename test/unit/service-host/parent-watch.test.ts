import { describe, expect, it } from 'vitest';
import { watchParent } from '../../../electron/service-host/parent-watch';

describe('the parent watch', () => {
  it('calls back once when the parent process id changes (the parent died), and not before', async () => {
    let ppid = 4242;
    let gone = 0;
    const stop = watchParent(
      () => gone++,
      5,
      () => ppid,
    );
    await new Promise((r) => setTimeout(r, 30));
    expect(gone).toBe(0);
    ppid = 1;
    await new Promise((r) => setTimeout(r, 30));
    ppid = 77;
    await new Promise((r) => setTimeout(r, 30));
    expect(gone).toBe(1);
    stop();
  });
});
