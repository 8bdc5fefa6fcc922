// Every refusal of the harness names what went wrong and what to do about it, so the CLI can
// print one message and a test can check both halves. `details` carries evidence (the last
// lines of a node's log, Maven's error) after the two.
export class HarnessError extends Error {
  constructor(
    readonly problem: string,
    readonly fix: string,
    readonly details = '',
  ) {
    super(`${problem}\nFix: ${fix}${details ? `\n${details}` : ''}`);
    this.name = 'HarnessError';
  }
}
