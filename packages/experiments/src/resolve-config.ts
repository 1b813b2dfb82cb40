import type { ExperimentName } from './core/types';
import { experiments } from './registry';

/**
 * Why a `key=value` assignment cannot be applied: no `=` (or nothing before it), an empty key
 * segment, or a segment (`__proto__`, `constructor`, `prototype`) that would reach an object's
 * prototype instead of a config field.
 */
export type AssignmentErrorCode = 'not-key-value' | 'bad-key' | 'reserved-key';

/** A config assignment that is not `key=value` with a dotted key; the message names the text. */
export class AssignmentError extends RangeError {
  /** The kind of problem. */
  readonly code: AssignmentErrorCode;
  /** The text received: the whole assignment (`not-key-value`) or its key (`bad-key`, `reserved-key`). */
  readonly text: string;
  /** For `reserved-key`, the key segment refused (`__proto__`, `constructor` or `prototype`). */
  readonly segment: string | undefined;

  /**
   * @param code - the kind of problem.
   * @param text - the assignment or key received.
   * @param segment - for `reserved-key`, the key segment refused.
   */
  constructor(code: AssignmentErrorCode, text: string, segment?: string) {
    super(
      code === 'not-key-value'
        ? `assignment must be key=value, got '${text}'`
        : code === 'reserved-key'
          ? `assignment key must not name '${segment}' (no config field is called that), got '${text}'`
          : `assignment key must be a dotted name, got '${text}'`,
    );
    this.name = 'AssignmentError';
    this.code = code;
    this.text = text;
    this.segment = segment;
  }
}

/** Key segments that reach an object's prototype instead of a field: never a config field. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses one `key=value` config assignment. The value is read as JSON when it parses (numbers,
 * booleans, arrays, quoted strings), else kept as a string. Dotted keys reach into nested objects
 * (`model.filters=8`).
 *
 * @param text - one `key=value`.
 * @returns the key path and the value.
 * @throws {AssignmentError} `not-key-value` when there is no `=` or nothing before it; `bad-key`
 *   when a key segment is empty; `reserved-key` when a segment is `__proto__`, `constructor` or
 *   `prototype` (which would write onto `Object.prototype`).
 * @example
 * ```ts
 * parseAssignment('model.filters=8'); // { path: ['model', 'filters'], value: 8 }
 * ```
 */
export function parseAssignment(text: string): { path: string[]; value: unknown } {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new AssignmentError('not-key-value', text);
  const key = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  const path = key.split('.');
  if (path.some((p) => p === '')) throw new AssignmentError('bad-key', key);
  const reserved = path.find((p) => RESERVED_KEYS.has(p));
  if (reserved !== undefined) throw new AssignmentError('reserved-key', key, reserved);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  return { path, value };
}

/**
 * Applies `key=value` assignments to a config object, in order (later ones win); a dotted key
 * replaces a non-object on its way with `{}`.
 *
 * @param config - the base config (not modified).
 * @param assignments - the `key=value` strings.
 * @returns a copy with every assignment applied.
 * @throws {AssignmentError} for a malformed assignment.
 * @example
 * ```ts
 * applyAssignments({ a: 1 }, ['a=3', 'b.c=[1,2]']); // { a: 3, b: { c: [1, 2] } }
 * ```
 */
export function applyAssignments(
  config: Record<string, unknown>,
  assignments: readonly string[],
): Record<string, unknown> {
  const out = structuredClone(config);
  for (const text of assignments) {
    const { path, value } = parseAssignment(text);
    let node: Record<string, unknown> = out;
    for (const key of path.slice(0, -1)) {
      const next = Object.hasOwn(node, key) ? node[key] : undefined;
      if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[path[path.length - 1]!] = value;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function deepMerge(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) ? deepMerge(b, v) : v;
  }
  return out;
}

/** The layers a config is built from, lowest first: a preset, an object over it, then assignments. */
export interface ConfigLayers {
  /** The preset to start from (default `quick`). */
  preset?: 'quick' | 'paper';
  /** An object (e.g. a config file) merged deeply over the preset; arrays are replaced whole. */
  overrides?: Record<string, unknown>;
  /** `key=value` assignments applied last ({@link applyAssignments}). */
  assignments?: readonly string[];
}

/**
 * Builds and validates an experiment's config: the preset, then `overrides` merged over it, then
 * the assignments — or a saved config (a run record's) as it is.
 *
 * @param name - the experiment's registry name.
 * @param layers - preset, overrides and assignments.
 * @param saved - a config saved by an earlier run; when given, `layers` are ignored.
 * @returns the validated config (the paper's defaults filled in).
 * @throws {ConfigError} listing each problem as `path: rule, got value`; {@link AssignmentError}
 *   for a malformed assignment.
 * @example
 * ```ts
 * const config = resolveConfig('dc-ablation', { preset: 'quick', assignments: ['epochs=10'] });
 * ```
 */
export function resolveConfig(
  name: ExperimentName,
  layers: ConfigLayers = {},
  saved?: Record<string, unknown>,
): unknown {
  const exp = experiments[name];
  const input =
    saved ??
    applyAssignments(
      deepMerge(
        structuredClone(exp.presets[layers.preset ?? 'quick']) as Record<string, unknown>,
        layers.overrides ?? {},
      ),
      layers.assignments ?? [],
    );
  return exp.parseConfig(input);
}
