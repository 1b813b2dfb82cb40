import { nyquistFrequency } from '@rectify/theory';
import type { z } from 'zod';
import { ConfigError } from './errors';

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function show(v: unknown): string {
  if (v === undefined) return 'undefined';
  try {
    const s = JSON.stringify(v);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return String(v);
  }
}

/**
 * Validates `input` against an experiment's schema, filling the paper's defaults.
 *
 * @param experiment - name used in the error message.
 * @param schema - the experiment's zod schema (strict: unknown keys are errors).
 * @param input - a partial config (`{}` gives the paper's parameters).
 * @returns the full validated config.
 * @throws {ConfigError} listing each problem as `path: rule, got value`.
 */
export function parseConfig<C>(experiment: string, schema: z.ZodType<C>, input: unknown): C {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(config)';
    if (issue.code === 'unrecognized_keys') {
      return `${path}: unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    }
    return `${path}: ${issue.message}, got ${show(valueAt(input, issue.path))}`;
  });
  throw new ConfigError(experiment, problems);
}

/**
 * A schema refinement: every class frequency lies at or below the Nyquist frequency fs/2
 * (theory's `nyquistFrequency`, the one owner of the rule); a class above it would be sampled
 * as its alias and the run would answer another question without a word.
 *
 * @param config - the parsed fields `classFrequencies` (Hz) and `fs` (Hz).
 * @param ctx - zod's refinement context; one issue per frequency above fs/2, at its index.
 */
export function refineClassesBelowNyquist(
  config: { classFrequencies: readonly number[]; fs: number },
  ctx: z.RefinementCtx,
): void {
  const nyquist = nyquistFrequency(config.fs);
  config.classFrequencies.forEach((f, i) => {
    if (f > nyquist)
      ctx.addIssue({
        code: 'custom',
        path: ['classFrequencies', i],
        message: `must be at or below fs/2 = ${nyquist} Hz (Nyquist, fs ${config.fs} Hz), got ${f} Hz`,
      });
  });
}
