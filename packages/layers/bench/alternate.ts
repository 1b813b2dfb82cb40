// The before/after harness of the epoch benchmarks (conv-step, step-overhead): a warm-up epoch of
// each that must compute the same training, then alternating timed rounds (order swapped every
// round) in one process, as process CPU seconds and per-round ratios after / before.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

/** What one epoch computed: the loss sum and the correct count. */
export interface EpochOutcome {
  lossSum: number;
  correct: number;
}

/** Figures collected over the rounds (CPU s per epoch of each side, ratios after / before). */
export interface AlternateFigures {
  perEpoch: Record<'before' | 'after', number[]>;
  ratios: number[];
  /** 1-min load average at the start and the end. */
  load: { start: number; end: number };
}

/** Empty figures, the load average taken now. */
export function newFigures(): AlternateFigures {
  return {
    perEpoch: { before: [], after: [] },
    ratios: [],
    load: { start: loadavg()[0]!, end: Number.NaN },
  };
}

/** Process CPU time (user + system) of `run`, seconds. */
export function cpuSeconds(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/** The median of `v` (the upper one for an even count). */
export function median(v: readonly number[]): number {
  return [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)]!;
}

/**
 * Runs epoch 0 of each side (throwing when they differ), then `rounds` alternating timed epochs,
 * and adds their figures to `figures`.
 *
 * @param epoch - one epoch of a side, given the round (its shuffling seed).
 * @param rounds - timed rounds.
 * @param figures - where the figures go.
 */
export function alternate(
  epoch: (name: 'before' | 'after', round: number) => EpochOutcome,
  rounds: number,
  figures: AlternateFigures,
): void {
  const a = epoch('before', 0);
  const b = epoch('after', 0);
  if (a.lossSum !== b.lossSum || a.correct !== b.correct) {
    throw new Error(`before and after differ: ${JSON.stringify({ a, b })}`);
  }
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const);
    const t: Record<string, number> = {};
    for (const name of order) t[name] = cpuSeconds(() => epoch(name, round));
    figures.perEpoch.before.push(t.before!);
    figures.perEpoch.after.push(t.after!);
    figures.ratios.push(t.after! / t.before!);
  }
  figures.load.end = loadavg()[0]!;
}

/**
 * Prints a bench's own table and, under `npm run bench` (which sets `BENCH_TABLES_DIR`), also
 * writes it to `<dir>/<name>.md`, so that bench-results.md carries it.
 */
export function printTable(name: string, text: string): void {
  console.log(text);
  const dir = process.env.BENCH_TABLES_DIR;
  if (dir) writeFileSync(join(dir, `${name}.md`), `${text.trim()}\n`);
}
