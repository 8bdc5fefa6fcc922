// Electron hands main a request's input already deserialized, so there is no frame length to
// look at as browser mode's WebSocket has. This walks the value adding up what its JSON would
// take, and stops as soon as the limit is passed: an order costs a microsecond, and a hostile
// 100 MB input costs no more than the limit before it is refused.
export function fitsWithin(value: unknown, maxBytes: number): boolean {
  let budget = maxBytes;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') budget -= v.length + 2;
    else if (v === null || typeof v !== 'object') budget -= 8;
    else if (Array.isArray(v)) {
      budget -= 2 + v.length;
      for (let i = 0; i < v.length && budget >= 0; i++) stack.push(v[i]);
    } else {
      budget -= 2;
      for (const key in v) {
        if (!Object.hasOwn(v, key)) continue;
        budget -= key.length + 4;
        if (budget < 0) break;
        stack.push((v as Record<string, unknown>)[key]);
      }
    }
    if (budget < 0) return false;
  }
  return true;
}
