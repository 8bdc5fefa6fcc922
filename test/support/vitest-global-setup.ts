import { setUpLeg } from './shared-kafka';

export default async function setup(): Promise<() => Promise<void>> {
  return setUpLeg('vitest');
}
