/**
 * The application's clock. Timestamps are taken here (millisecond precision, so keyset cursors round-trip
 * exactly) and tests can move time without sleeping.
 */
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

export function advanceClockForTests(ms: number): void {
  offsetMs += ms;
}

export function resetClockForTests(): void {
  offsetMs = 0;
}
