// How deeply a request's input may nest. No input of the contract nests past a handful of
// levels (an order's lines are four), but a transport serializes what it forwards recursively
// (Node's IPC channel with JSON.stringify, Electron's structured clone): an input nested ten
// thousand levels, 20 KB on the wire, overflowed the relay's stack and took the app down.

/** Deeper than any input of the contract, far below any serializer's stack. */
export const MAX_INPUT_DEPTH = 32;

/** True when `value` nests arrays or objects more than `max` levels; walked without recursion. */
export function nestsDeeperThan(value: unknown, max: number = MAX_INPUT_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
