/** Where rules that depend on today's date read it: the system clock by default, a fixed date in tests. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock stopped at a date (`2026-11-26`, or any string `Date` parses). */
export function fixedClock(date: string): Clock {
  const at = new Date(date);
  if (Number.isNaN(at.getTime())) throw new Error(`Not a date: ${date}`);
  return () => new Date(at.getTime());
}
