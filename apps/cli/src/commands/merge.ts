import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CliContext } from '../context';
import type { MergeOptions } from '../program';
import { RuntimeError } from '../errors';
import { loadExperiments } from '../experiments-api';
import { lockOutDir } from '../outputs';
import { parseNumberOption } from '../parse';
import { claimsText, provenanceText } from '@rectify/experiments/report';
import { parseExperimentName, writeOutcome } from './run';

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
    if (error instanceof mod.ResultSchemaError)
      throw new RuntimeError(`refusing to write ${error.message}`);
    throw error;
  }
}

/**
 * `rectify merge --out DIR`: merge the sharded run in `DIR` with the experiments package's
 * `mergeRunDirectory` (every unit present exactly once, with the run's config hash and this
 * build's versions), then write `result.json`, the plots and `summary.md` exactly as a
 * single-process `rectify run` would.
 *
 * @param options - the parsed flags.
 * @param context - streams.
 * @throws RuntimeError (exit 1) naming the missing units and the shards to rerun, or the foreign
 *   unit files; UsageError (exit 2) for a bad `--shards`.
 */
export async function mergeCommand(options: MergeOptions, context: CliContext): Promise<void> {
  const dir = options.out;
  const shardsOption =
    options.shards === undefined
      ? undefined
      : parseNumberOption('--shards', options.shards, 'integer≥1');
  const mod = await loadExperiments();
  // One merge (or whole run) at a time writes result.json and the plots here; shards take no lock.
  const isFolder = await stat(dir).then(
    (info) => info.isDirectory(),
    () => false,
  );
  const release = isFolder ? await lockOutDir(dir) : async () => {};
  try {
    await mergeInto(mod, dir, shardsOption, options, context);
  } finally {
    await release();
  }
}

async function mergeInto(
  mod: Awaited<ReturnType<typeof loadExperiments>>,
  dir: string,
  shardsOption: number | undefined,
  options: MergeOptions,
  context: CliContext,
): Promise<void> {
  let merge: ReturnType<typeof mod.mergeRunDirectory>;
  try {
    merge = mod.mergeRunDirectory(dir, { shards: shardsOption });
  } catch (error) {
    if (error instanceof mod.RunDirectoryError && error.code === 'no-run') {
      throw new RuntimeError(
        `--out '${dir}' holds no sharded run (no ${error.path}); run the shards first: rectify run <experiment> --shard I/N --out ${dir}`,
      );
    }
    if (error instanceof mod.RunDirectoryError) throw new RuntimeError(error.message);
    if (error instanceof mod.CheckpointMismatchError)
      throw new RuntimeError(`refusing to merge ${dir}: ${error.message}`);
    throw error;
  }
  const { foreign, missing, shards: count, owners, paths, manifest } = merge;
  const experiment = parseExperimentName(merge.experiment);
  const shardsOf = (ids: readonly string[]) => (owners ? mod.shardsOwning(ids, owners) : []);
  if (foreign.length > 0) {
    const rerun = shardsOf(foreign.map((f) => f.unitId));
    throw new RuntimeError(
      `refusing to merge ${dir}: ${foreign.length} unit file(s) in ${paths.units} do not belong to this run: ${listing(
        foreign.map((f) => `${f.file} ${f.problem}`),
        3,
      )}; delete them${rerun.length > 0 && count !== undefined ? ` and rerun shard(s) ${rerun.join(', ')} of ${count}` : ' and rerun the shards that own them'}`,
    );
  }
  if (missing.length > 0 || merge.result === undefined) {
    const hint =
      count === undefined
        ? 'rerun the shards that own them (pass --shards N to have them named)'
        : `rerun shard(s) ${shardsOf(missing).join(', ')} of ${count} (rectify run ${experiment} --shard S/${count} --out ${dir} with the same config and seed; on Slurm: resubmit with --array=${shardsOf(missing).join(',')})`;
    throw new RuntimeError(
      `${missing.length} of ${merge.unitIds.length} units missing in ${paths.units}: ${listing(missing)}; ${hint}`,
    );
  }
  checkResultFormat(mod, merge.result, join(dir, 'result.json'));
  const outcome = await writeOutcome(experiment, dir, merge.result);
  if (options.clean) await rm(paths.checkpoint, { recursive: true, force: true });
  const shardsText = count === undefined ? '' : ` from ${count} shard(s)`;
  if (options.json) {
    context.stdout(
      `${JSON.stringify({ experiment, dir, units: merge.records.length, shards: count ?? null, files: outcome.files, claims: outcome.claims, configHash: manifest.configHash }, null, 2)}\n`,
    );
    return;
  }
  const held = outcome.claims.filter((c) => c.verdict === 'holds').length;
  context.stdout(
    `${experiment}: merged ${merge.records.length} units${shardsText}; ${held}/${outcome.claims.length} claims hold (seed ${manifest.seed})\n${provenanceText(outcome.result)}${claimsText(outcome.claims)}`,
  );
  context.stdout(`wrote ${outcome.files.map((f) => join(dir, f)).join(', ')}\n`);
}
