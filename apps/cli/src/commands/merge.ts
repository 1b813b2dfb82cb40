import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CliContext } from '../context';
import { RuntimeError } from '../errors';
import { loadExperiments } from '../experiments-api';
import { parseNumberOption } from '../parse';
import { experimentOf, readShardMarkers, shardOfUnits } from '../shard';
import { claimsText, parseExperimentName, provenanceText, writeOutcome } from './run';

/** Options of `rectify merge` as commander hands them over (strings). */
export interface MergeOptions {
  /** The shared directory the shards wrote to. */
  out: string;
  /** Number of shards the units were split into (default: read from the shards' markers). */
  shards?: string;
  /** Delete `<out>/checkpoint` after a successful merge. */
  clean?: boolean;
  /** Print a JSON summary instead of text. */
  json?: boolean;
}

/** The identity every shard wrote to `<out>/checkpoint/manifest.json`. */
interface Manifest {
  experiment: string;
  configHash: string;
  config: unknown;
  seed: number;
  backend: string;
}

/** A stored unit as read back from disk. */
interface StoredUnit {
  format: 1;
  experiment: string;
  unitId: string;
  configHash: string;
  backend: string;
  versions: Record<string, string>;
  output: unknown;
}

function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new RuntimeError(
      `cannot read ${what} '${path}': ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new RuntimeError(`${what} '${path}' is not valid JSON: ${(e as Error).message}`);
  }
}

function listing(items: readonly string[], most = 6): string {
  return items.length <= most
    ? items.join(', ')
    : `${items.slice(0, most).join(', ')}, … (${items.length} in all)`;
}

/**
 * Validates a merged result against the result.json format this build writes, so a merge never
 * writes a file the viewer would refuse.
 *
 * @throws RuntimeError naming the file, the format and each problem.
 */
function checkResultFormat(
  mod: Awaited<ReturnType<typeof loadExperiments>>,
  result: unknown,
  path: string,
): void {
  try {
    mod.validateResult(result, path);
  } catch (error) {
    if (error instanceof Error && error.name === 'ResultSchemaError')
      throw new RuntimeError(`refusing to write ${error.message}`);
    throw error;
  }
}

/** Which shard count to name shards by: `--shards`, else the one the shards' markers agree on. */
function shardCount(option: string | undefined, checkpointDir: string): number | undefined {
  if (option !== undefined) return parseNumberOption('--shards', option, 'integer≥1');
  const counts = [...new Set(readShardMarkers(checkpointDir).map((m) => m.count))];
  return counts.length === 1 ? counts[0] : undefined;
}

/**
 * `rectify merge --out DIR`: check that every unit of the sharded run in `DIR` is present exactly
 * once, with the run's config hash and this build's versions, then write `result.json`, the plots
 * and `summary.md` exactly as a single-process `rectify run` would.
 *
 * @param options - the parsed flags.
 * @param context - streams.
 * @throws RuntimeError (exit 1) naming the missing units and the shards to rerun, or the foreign
 *   unit files; UsageError (exit 2) for a bad `--shards`.
 */
export async function mergeCommand(options: MergeOptions, context: CliContext): Promise<void> {
  const dir = options.out;
  const checkpointDir = join(dir, 'checkpoint');
  const manifestPath = join(checkpointDir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new RuntimeError(
      `--out '${dir}' holds no sharded run (no ${manifestPath}); run the shards first: rectify run <experiment> --shard I/N --out ${dir}`,
    );
  }
  const manifest = readJsonFile(manifestPath, 'manifest') as Manifest;
  const experiment = parseExperimentName(String(manifest.experiment));
  const mod = await loadExperiments();
  const exp = experimentOf(mod, experiment);
  const backend = manifest.backend === 'cpu' ? 'cpu' : 'auto';
  const prepared = mod.prepareRun(exp, manifest.config, { seed: manifest.seed, backend });
  if (prepared.configHash !== manifest.configHash) {
    throw new RuntimeError(
      `the config in ${manifestPath} hashes to ${prepared.configHash.slice(0, 12)}… with this build, but the shards recorded ${String(manifest.configHash).slice(0, 12)}…; they were run by another version of rectify — merge with that version or rerun the shards`,
    );
  }
  const count = shardCount(options.shards, checkpointDir);
  const owner = count === undefined ? undefined : await shardOfUnits(prepared.unitIds, count);
  const shardsOf = (ids: readonly string[]) =>
    [...new Set(ids.map((id) => owner?.get(id) ?? -1))].filter((s) => s >= 0).sort((a, b) => a - b);

  const unitsDir = join(checkpointDir, 'units');
  const files = existsSync(unitsDir)
    ? readdirSync(unitsDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  const versions = JSON.stringify(mod.collectVersions());
  const known = new Set(prepared.unitIds);
  const records: StoredUnit[] = [];
  const foreign: string[] = [];
  const foreignIds: string[] = [];
  for (const file of files) {
    const path = join(unitsDir, file);
    const record = readJsonFile(path, 'unit file') as StoredUnit;
    const problem =
      record.experiment !== experiment || record.configHash !== manifest.configHash
        ? `belongs to another run (${String(record.experiment)}, config hash ${String(record.configHash).slice(0, 12)}…; this run ${manifest.configHash.slice(0, 12)}…)`
        : !known.has(record.unitId)
          ? `holds unit ${JSON.stringify(record.unitId)}, which is not in this config`
          : `${record.unitId}.json` !== file
            ? `holds unit ${record.unitId} under another name`
            : JSON.stringify(record.versions) !== versions
              ? `was computed by other versions (${JSON.stringify(record.versions)}; this build ${versions})`
              : undefined;
    if (problem) {
      foreign.push(`${file} ${problem}`);
      foreignIds.push(file.slice(0, -'.json'.length));
    } else records.push(record);
  }
  if (foreign.length > 0) {
    const rerun = shardsOf(foreignIds.filter((id) => known.has(id)));
    throw new RuntimeError(
      `refusing to merge ${dir}: ${foreign.length} unit file(s) in ${unitsDir} do not belong to this run: ${listing(foreign, 3)}; delete them${rerun.length > 0 && count !== undefined ? ` and rerun shard(s) ${rerun.join(', ')} of ${count}` : ' and rerun the shards that own them'}`,
    );
  }
  const present = new Set(records.map((r) => r.unitId));
  const missing = prepared.unitIds.filter((id) => !present.has(id));
  if (missing.length > 0) {
    const hint =
      count === undefined
        ? 'rerun the shards that own them (pass --shards N to have them named)'
        : `rerun shard(s) ${shardsOf(missing).join(', ')} of ${count} (rectify run ${experiment} --shard S/${count} --out ${dir} with the same config and seed; on Slurm: resubmit with --array=${shardsOf(missing).join(',')})`;
    throw new RuntimeError(
      `${missing.length} of ${prepared.unitIds.length} units missing in ${unitsDir}: ${listing(missing)}; ${hint}`,
    );
  }
  let result: Record<string, unknown>;
  try {
    result = exp.mergeUnits(manifest.config, records, { seed: manifest.seed, backend });
  } catch (error) {
    if (error instanceof Error && error.name === 'CheckpointMismatchError')
      throw new RuntimeError(`refusing to merge ${dir}: ${error.message}`);
    throw error;
  }
  checkResultFormat(mod, result, join(dir, 'result.json'));
  const outcome = await writeOutcome(experiment, dir, result);
  if (options.clean) await rm(checkpointDir, { recursive: true, force: true });
  const shardsText = count === undefined ? '' : ` from ${count} shard(s)`;
  if (options.json) {
    context.stdout(
      `${JSON.stringify({ experiment, dir, units: records.length, shards: count ?? null, files: outcome.files, claims: outcome.claims, configHash: manifest.configHash }, null, 2)}\n`,
    );
    return;
  }
  const held = outcome.claims.filter((c) => c.verdict === 'holds').length;
  context.stdout(
    `${experiment}: merged ${records.length} units${shardsText}; ${held}/${outcome.claims.length} claims hold (seed ${manifest.seed})\n${provenanceText(outcome.result)}${claimsText(outcome.claims)}`,
  );
  context.stdout(`wrote ${outcome.files.map((f) => join(dir, f)).join(', ')}\n`);
}
