// The service host must never outlive the process that started it. Node's IPC channel says
// when the parent is gone ('disconnect'); Electron's parentPort does not, so the host also
// looks at its parent process id: when the parent dies the child is re-parented (to init or a
// subreaper) and the id changes.
export function watchParent(
  onGone: () => void,
  intervalMs = 1000,
  ppid: () => number = () => process.ppid,
): () => void {
  const original = ppid();
  const timer = setInterval(() => {
    if (ppid() !== original) {
      clearInterval(timer);
      onGone();
    }
  }, intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
