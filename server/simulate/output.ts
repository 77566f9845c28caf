import { toIso } from '../core/clock.js';

/** Where a simulator prints its lines (stdout by default; tests collect them). */
export type Out = (line: string) => void;

export const stdoutSink: Out = (line) => {
  process.stdout.write(`${line}\n`);
};

/** `HH:MM:SS` in China Standard Time, the time Penglai's staff see. */
export const clockTime = (ms: number): string => toIso(ms).slice(11, 19);

/** One line of free text, cut to `max` characters. */
export function clip(value: unknown, max = 28): string {
  const text = String(value ?? '').replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
