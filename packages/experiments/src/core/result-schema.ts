import schema from '../result.schema.json';

/** The result.json format this build writes; `result.schema.json` describes it. */
export const RESULT_SCHEMA_VERSION = 2;

/** The oldest result.json format this build still opens (format 1 has no `schemaVersion`). */
export const OLDEST_RESULT_SCHEMA_VERSION = 1;

/** The JSON Schema (draft 2020-12) of result.json format {@link RESULT_SCHEMA_VERSION}. */
export const resultSchema: Readonly<Record<string, unknown>> = schema;

/** A result.json that does not match its format, or whose format this build cannot read. */
export class ResultSchemaError extends TypeError {
  /** Machine-readable kind, the same for every instance. */
  readonly code = 'invalid-result' as const;
  /** One line per problem, `path: rule, got value`. */
  readonly problems: readonly string[];

  /**
   * @param source - the file or label the result came from.
   * @param problems - one line per problem.
   * @param format - the result's format, when known, named before the problems.
   */
  constructor(source: string, problems: readonly string[], format?: number) {
    super(
      `${source}: ${format === undefined ? '' : `result format ${format}: `}${problems.join('; ')}`,
    );
    this.name = 'ResultSchemaError';
    this.problems = problems;
  }
}

/** A validated result with its format. */
export interface ValidatedResult {
  /** The result's format (1 when it has no `schemaVersion`). */
  version: number;
  /** The result as read. */
  result: Record<string, unknown>;
  /** What an older format lacks, for a note beside it; empty for the current format. */
  notes: string[];
}

type Node = {
  type?: string;
  required?: string[];
  properties?: Record<string, Node>;
  additionalProperties?: Node;
  items?: Node;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  pattern?: string;
};

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const ARTICLE: Record<string, string> = { object: 'an', array: 'an', integer: 'an' };

function typeOk(type: string, value: unknown): boolean {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}

/** Checks `value` against the subset of JSON Schema result.schema.json uses. */
function check(node: Node, value: unknown, path: string, problems: string[]): void {
  if (node.type && !typeOk(node.type, value)) {
    problems.push(
      `${path}: must be ${ARTICLE[node.type] ?? 'a'} ${node.type}, got ${describe(value)}`,
    );
    return;
  }
  if (node.const !== undefined && value !== node.const)
    problems.push(`${path}: must be ${describe(node.const)}, got ${describe(value)}`);
  if (node.enum && !node.enum.includes(value))
    problems.push(
      `${path}: must be one of ${node.enum.map(describe).join(', ')}, got ${describe(value)}`,
    );
  if (typeof value === 'number') {
    if (node.minimum !== undefined && value < node.minimum)
      problems.push(`${path}: must be ≥ ${node.minimum}, got ${value}`);
    if (node.maximum !== undefined && value > node.maximum)
      problems.push(`${path}: must be ≤ ${node.maximum}, got ${value}`);
  }
  if (typeof value === 'string' && node.pattern && !new RegExp(node.pattern).test(value))
    problems.push(`${path}: must match /${node.pattern}/, got ${describe(value)}`);
  if (Array.isArray(value) && node.items)
    for (const [i, v] of value.entries()) check(node.items, v, `${path}[${i}]`, problems);
  if (typeOk('object', value)) {
    const object = value as Record<string, unknown>;
    for (const key of node.required ?? [])
      if (!(key in object)) problems.push(`${path}.${key}: is required, got nothing`);
    for (const [key, v] of Object.entries(object)) {
      const child = node.properties?.[key] ?? node.additionalProperties;
      if (child) check(child, v, `${path}.${key}`, problems);
    }
  }
}

/**
 * Validates a parsed result.json: the current format against {@link resultSchema}; format 1
 * (no `schemaVersion`) by its own shape (an experiment and a claims array), opened with a note;
 * a newer format is refused with a message naming both versions.
 *
 * @param value - the parsed JSON.
 * @param source - the file name for messages; default `'result.json'`.
 * @returns the result, its format and notes.
 * @throws {ResultSchemaError} naming the path, the rule and the value of each problem, or both
 *   formats when the result is newer than this build.
 * @example
 * ```ts
 * const { version, notes } = validateResult(JSON.parse(text), 'out/dc-ablation/result.json');
 * ```
 */
export function validateResult(value: unknown, source = 'result.json'): ValidatedResult {
  if (!typeOk('object', value))
    throw new ResultSchemaError(source, [
      `$: must be an object (a result), got ${Array.isArray(value) ? 'an array' : describe(value)}`,
    ]);
  const result = value as Record<string, unknown>;
  const version = result.schemaVersion ?? OLDEST_RESULT_SCHEMA_VERSION;
  if (
    typeof version !== 'number' ||
    !Number.isInteger(version) ||
    version < OLDEST_RESULT_SCHEMA_VERSION
  )
    throw new ResultSchemaError(source, [
      `$.schemaVersion: must be an integer ≥ ${OLDEST_RESULT_SCHEMA_VERSION}, got ${describe(version)}`,
    ]);
  if (version > RESULT_SCHEMA_VERSION)
    throw new ResultSchemaError(source, [
      `result format ${version} is newer than format ${RESULT_SCHEMA_VERSION}, the newest this build of @rectify/experiments reads; open it with the rectify that wrote it (versions in the file: ${describe(result.versions)})`,
    ]);
  const problems: string[] = [];
  if (version === RESULT_SCHEMA_VERSION) {
    check(schema as Node, result, '$', problems);
    if (problems.length) throw new ResultSchemaError(source, problems, version);
    return { version, result, notes: [] };
  }
  const node: Node = {
    type: 'object',
    required: ['experiment', 'claims'],
    properties: {
      experiment: (schema as Node).properties?.experiment as Node,
      claims: {
        type: 'array',
        items: {
          type: 'object',
          required: ['statement', 'measured', 'verdict'],
          properties: {
            verdict: { type: 'string', enum: ['holds', 'does not hold', 'inconclusive'] },
          },
        },
      },
    },
  };
  check(node, result, '$', problems);
  if (problems.length) throw new ResultSchemaError(source, problems, version);
  return {
    version,
    result,
    notes: [
      `result format ${version} (written before format ${RESULT_SCHEMA_VERSION}): its claims carry no statistics, rule, paper context or provenance; rerun to get them`,
    ],
  };
}
