import { Command, CommanderError, Option, type OptionValues } from '@commander-js/extra-typings';
import { ablateCommand } from './commands/ablate';
import {
  analyzeCommand,
  BYTES_PER_SAMPLE,
  DEFAULT_MAX_LINES,
  DEFAULT_MAX_SAMPLES,
} from './commands/analyze';
import { inspectCommand } from './commands/inspect';
import { reproCommand } from './commands/repro';
import { runCommand } from './commands/run';
import { mergeCommand } from './commands/merge';
import { slurmCommand } from './commands/slurm';
import type { CliContext } from './context';
import { exitCodeOf, InterruptedError, isAbortError, oneLine, UsageError } from './errors';
import { experimentNames } from './experiments-api';
import { CLI_VERSION } from './version';

/** The `<experiment>` argument's help: experiments' own list of names. */
const EXPERIMENT_LIST = experimentNames.join(' | ');

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * Adds the options that choose an experiment's configuration — `--preset`, `--config`, `--set`,
 * `--seed` — to `run` and to `slurm`, whose shards run `run` with the same flags.
 */
function addConfigOptions<Args extends unknown[], Opts extends OptionValues>(
  command: Command<Args, Opts>,
) {
  return command
    .addOption(
      new Option('--preset <name>', 'quick (CI scale) or paper (the paper’s parameters)')
        .choices(['quick', 'paper'])
        .default('quick'),
    )
    .option('--config <file>', 'JSON config merged over the preset')
    .option(
      '--set <key=value>',
      'override one config field (repeatable; JSON values, dotted keys)',
      collect,
      [],
    )
    .option('--seed <n>', 'random seed (integer ≥ 0; default 0)');
}

/**
 * The commands' arguments, flags and help, each defined once: commander parses by them, and the
 * options types below are inferred from them. {@link createProgram} adds the actions.
 */
function defineCommands(program: Command) {
  return {
    analyze: program
      .command('analyze')
      .description(
        'The spectrum of ReLU (or another activation) of a tone sum or a recording: measured and predicted lines, the DC, the series error.',
      )
      .option('--tones <list>', 'tone sum as freq:amp[:phase],… (Hz, amplitude, rad)')
      .option(
        '--input <file>',
        'analyse a recording instead: .csv/.tsv/.txt (one sample per row) or .wav',
      )
      .option(
        '--column <n|name>',
        'CSV column (zero-based index or header name) or WAV channel (zero-based)',
      )
      .option(
        '--fs <Hz>',
        'sample rate, Hz (default 1024 for --tones; required for CSV; read from WAV)',
      )
      .option('--duration <s>', 'signal length for --tones, seconds', '8')
      .option('--terms <n>', 'series terms N (n = 0 … N−1)', '50')
      .option('--activation <name>', 'relu | leaky:α | gelu | silu | tanh | abs', 'relu')
      .option('--lines <n>', 'most lines to list', '24')
      .option('--floor <fraction>', 'list lines above this fraction of the largest peak', '0.01')
      .option('--plot <file>', 'write the input and output spectra as .svg or .png')
      .option('--json', 'print the analysis as JSON')
      .option(
        '--max-order <n>',
        'predict only lines of order ≤ n (Σ|k_i|; default: no cut); bounds the work for many tones',
      )
      .option(
        '--max-lines <n>',
        'refuse a prediction that could hold more lines than this, before any work',
        String(DEFAULT_MAX_LINES),
      )
      .option(
        '--max-samples <n>',
        `refuse more samples than this (fs × duration, or the --input's length) before any work; about ${BYTES_PER_SAMPLE} bytes each`,
        String(DEFAULT_MAX_SAMPLES),
      )
      .addHelpText(
        'after',
        `
Examples:
  $ rectify analyze --tones "10:1,5:1,20:1,40:1" --fs 1024 --duration 8 --terms 50
  $ rectify analyze --tones "3:1" --fs 32 --duration 8 --activation leaky:0.1 --json
  $ rectify analyze --tones "10:1,5:1,20:1,40:1" --plot spectrum.png
  $ rectify analyze --input ppg.csv --column 1 --fs 32
  $ rectify analyze --input recording.wav --column 0 --activation gelu`,
      ),
    run: addConfigOptions(
      program
        .command('run')
        .description(
          'Run one of the paper’s experiments: result.json, plots (SVG + PNG) and summary.md with the claims table.',
        )
        .argument('<experiment>', EXPERIMENT_LIST)
        .requiredOption('--out <dir>', 'output directory (created if missing)'),
    )
      .option(
        '--workers <n>',
        'worker threads for independent repetitions (default: number of cores)',
      )
      .option('--resume', 'continue an interrupted run from <dir>/checkpoint')
      .option('--json', 'print the result summary (claims, files) as JSON')
      .option(
        '--shard <I/N|auto>',
        'run only shard I of N (zero-based) into --out and exit without merging; auto reads SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX (auto/N gives the count)',
      )
      .addHelpText(
        'after',
        `
Examples:
  $ rectify run minimal-dc --preset quick --out out/minimal-dc
  $ rectify run dc-ablation --preset paper --workers 2 --out out/dc-ablation
  $ rectify run dc-ablation --set repetitions=5 --set epochs=10 --seed 7 --out out/dc5
  $ rectify run approximation --config my-approximation.json --out out/approx
  $ rectify run dc-ablation --out out/dc-ablation --resume     # after Ctrl-C

Ctrl-C stops cleanly (exit 130) and keeps the checkpoint; --resume continues it.`,
      ),
    merge: program
      .command('merge')
      .description(
        'Merge a sharded run: check every unit is present once with the run’s config hash, then write result.json, plots and summary.md as `run` would.',
      )
      .requiredOption('--out <dir>', 'the directory the shards wrote to')
      .option(
        '--shards <n>',
        'number of shards, to name the ones to rerun (default: read from the shards’ markers)',
      )
      .option('--clean', 'delete <dir>/checkpoint after a successful merge')
      .option('--json', 'print the merge summary (claims, files) as JSON')
      .addHelpText(
        'after',
        `
Examples:
  $ rectify run dc-ablation --preset paper --shard 0/2 --out /shared/dc   # on host A
  $ rectify run dc-ablation --preset paper --shard 1/2 --out /shared/dc   # on host B
  $ rectify merge --out /shared/dc`,
      ),
    slurm: addConfigOptions(
      program
        .command('slurm')
        .description(
          'Write a Slurm submit script: the experiment as a job array of N shards plus a merge job that runs after all of them (afterok).',
        )
        .argument('<experiment>', EXPERIMENT_LIST)
        .requiredOption('--shards <n>', 'number of shards (array tasks 0 … N−1)')
        .requiredOption('--out <dir>', 'output directory on a file system every node sees'),
    )
      .option('--partition <name>', '#SBATCH --partition')
      .option('--time <limit>', '#SBATCH --time per shard, e.g. 2:00:00')
      .option(
        '--cpus-per-task <n>',
        '#SBATCH --cpus-per-task, also each shard’s worker threads',
        '1',
      )
      .option('--mem <size>', '#SBATCH --mem, e.g. 4G')
      .option('--account <name>', '#SBATCH --account')
      .option('--job-name <name>', 'job name (default rectify-<experiment>)')
      .option(
        '--rectify <command>',
        'shell command that starts rectify on the nodes (default: this node and this bin, absolute paths)',
      )
      .option(
        '--write <file>',
        'write the submit script to <file> (executable) instead of printing it',
      )
      .addHelpText(
        'after',
        `
Examples:
  $ rectify slurm dc-ablation --preset paper --shards 64 --time 1:00:00 --out /scratch/dc --write submit.sh
  $ bash submit.sh            # the array and the dependent merge job
  $ bash submit.sh 5,17       # rerun only shards 5 and 17 (as rectify merge names them), then merge`,
      ),
    repro: program
      .command('repro')
      .description(
        'Run every experiment and write one self-contained report.html (claims first, configs and versions last).',
      )
      .requiredOption('--out <dir>', 'output directory (created if missing)')
      .addOption(
        new Option(
          '--preset <name>',
          'quick (≈ 1 min on 2 cores) or paper (hours: dc-ablation alone ≈ 1.2 h on 2 cores)',
        )
          .choices(['quick', 'paper'])
          .default('quick'),
      )
      .option('--seed <n>', 'random seed (integer ≥ 0)', '0')
      .option('--workers <n>', 'worker threads (default: number of cores)')
      .option('--only <list>', 'comma-separated subset of experiments')
      .option('--resume', 'continue an interrupted repro')
      .option('--json', 'print the claims as JSON')
      .addHelpText(
        'after',
        `
Examples:
  $ rectify repro --preset quick --out out/repro
  $ rectify repro --preset paper --workers 2 --out out/paper
  $ rectify repro --only approximation,minimal-dc --out out/some`,
      ),
    inspect: program
      .command('inspect')
      .description(
        'Per-layer spectral probe of a saved model (Keras .keras or .h5, or tfjs model.json).',
      )
      .argument('<model>', 'model.keras (Keras 3), model.h5 (Keras HDF5) or model.json (tfjs)')
      .option(
        '--layers <names>',
        'comma-separated layers to report (default: every activation layer)',
      )
      .option(
        '--heart-rate <bpm>',
        'probe with synthetic PPG at this heart rate, beats/min (default 72)',
      )
      .option('--tones <list>', 'probe with a tone sum freq:amp[:phase],… instead')
      .option('--fs <Hz>', 'sample rate of the model input, Hz', '32')
      .option('--samples <n>', 'input length, samples', '256')
      .option(
        '--up-to <layer>',
        'build a Keras model only up to this layer (default: the whole model)',
      )
      .option('--channels <n>', 'channels listed per layer (pre→post DC and harmonics)', '2')
      .option('--seed <n>', 'seed of the synthetic PPG', '0')
      .option('--json', 'print the per-layer results as JSON')
      .option(
        '--plot <file>',
        "draw each layer's representative live channel, before and after (.svg or .png)",
      )
      .addHelpText(
        'after',
        `
Examples:
  $ rectify inspect ppg-model.h5 --heart-rate 72
  $ rectify inspect model.keras --heart-rate 72 --plot layers.svg
  $ rectify inspect ppg-model.h5 --layers conv1d_2,conv1d_5 --heart-rate 90 --json
  $ rectify inspect model.json --tones "3:1,5:0.5" --fs 32 --up-to conv1d_1`,
      ),
    ablate: program
      .command('ablate')
      .description(
        'Is it the DC? Replace a saved model’s ReLUs (remove the DC, remove the harmonics, keep only the DC, scale the DC) and report how the output and the heart-rate error change.',
      )
      .argument('<model>', 'Keras .keras/.h5 file or tfjs model.json')
      .option(
        '--mode <list>',
        'comma-separated modes: remove-dc | remove-harmonics | dc-only | scale-dc:k',
        'remove-dc,remove-harmonics,dc-only',
      )
      .option('--layers <names|all>', 'ReLU layers to ablate, comma-separated, or all', 'all')
      .option('--per-layer', 'also ablate each ReLU layer alone and rank them')
      .option(
        '--heart-rates <list>',
        'synthetic PPG heart rates, bpm: start:stop:step or a comma list',
        '50:180:10',
      )
      .option('--seeds <n>', 'noise seeds per heart rate (intervals are over seeds)', '10')
      .option('--noise-std <x>', 'std of the synthetic PPG noise', '0.05')
      .option(
        '--input <file>',
        'probe with a recording instead (.csv/.tsv/.txt or .wav; repeatable)',
        collect,
        [],
      )
      .option('--column <n|name>', 'CSV column or WAV channel of --input (zero-based)')
      .option('--fs <Hz>', 'sample rate, Hz (default 32; required for CSV --input)')
      .option('--heart-rate <bpm>', 'the true heart rate of the --input recordings')
      .option('--seed <n>', 'seed of the synthetic PPG and of the intervals', '0')
      .option('--confidence <p>', 'level of the intervals over seeds', '0.95')
      .option('--plot <file>', 'with --per-layer: write the ranking as .svg or .png')
      .option('--json', 'print the results as JSON')
      .addHelpText(
        'after',
        `
Modes (per example and channel, means over time t):
  remove-dc         y = relu(x) − mean_t relu(x)
  remove-harmonics  y = x/2 + mean_t(|x|)/2
  dc-only           y = mean_t relu(x), broadcast over t
  scale-dc:k        y = relu(x) + (k − 1)·mean_t relu(x)

Examples:
  $ rectify ablate model_S5.h5 --input ppg72.csv --fs 32 --heart-rate 72
  $ rectify ablate model_S5.h5 --mode remove-dc --per-layer --plot ranking.svg
  $ rectify ablate model_S5.h5 --mode scale-dc:0.5 --layers model_20/conv1d_45 --heart-rates 60,90,120 --seeds 20`,
      ),
  };
}

type Commands = ReturnType<typeof defineCommands>;
/** Options of `rectify analyze` as commander hands them over, inferred from its flags. */
export type AnalyzeOptions = ReturnType<Commands['analyze']['opts']>;
/** Options of `rectify run` as commander hands them over, inferred from its flags. */
export type RunOptions = ReturnType<Commands['run']['opts']>;
/** Options of `rectify merge` as commander hands them over, inferred from its flags. */
export type MergeOptions = ReturnType<Commands['merge']['opts']>;
/** Options of `rectify slurm` as commander hands them over, inferred from its flags. */
export type SlurmOptions = ReturnType<Commands['slurm']['opts']>;
/** Options of `rectify repro` as commander hands them over, inferred from its flags. */
export type ReproOptions = ReturnType<Commands['repro']['opts']>;
/** Options of `rectify inspect` as commander hands them over, inferred from its flags. */
export type InspectOptions = ReturnType<Commands['inspect']['opts']>;
/** Options of `rectify ablate` as commander hands them over, inferred from its flags. */
export type AblateOptions = ReturnType<Commands['ablate']['opts']>;

/**
 * Build the `rectify` command tree (commander). Actions write through `context`; errors are thrown
 * (UsageError → exit 2, RuntimeError → exit 1) and reported by {@link main}.
 *
 * @param context - output streams and the interrupt signal.
 * @returns the configured program.
 */
export function createProgram(context: CliContext): Command {
  const program = new Command('rectify')
    .description(
      'ReLU as a half-wave rectifier: analyse spectra, run and reproduce the paper’s experiments, inspect models.',
    )
    .version(CLI_VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => context.stdout(s),
      writeErr: (s) => context.stderr(s),
      outputError: () => {},
    })
    .exitOverride()
    .addHelpText(
      'after',
      `
Examples:
  $ rectify analyze --tones "10:1,5:1,20:1,40:1" --fs 1024 --duration 8 --terms 50
  $ rectify run minimal-dc --preset quick --out out/minimal-dc
  $ rectify repro --preset quick --out out/repro
  $ rectify inspect model.h5 --heart-rate 72
  $ rectify ablate model.h5 --mode remove-dc,dc-only --per-layer

Exit codes: 0 ok, 1 runtime error, 2 usage error, 130 interrupted (Ctrl-C).`,
    );

  const commands = defineCommands(program);
  commands.analyze.action(async (options) => {
    await analyzeCommand(options, context);
  });
  commands.run.action(async (experiment, options) => runCommand(experiment, options, context));
  commands.merge.action(async (options) => mergeCommand(options, context));
  commands.slurm.action(async (experiment, options) => slurmCommand(experiment, options, context));
  commands.repro.action(async (options) => reproCommand(options, context));
  commands.inspect.action(async (model, options) => inspectCommand(model, options, context));
  commands.ablate.action(async (model, options) => ablateCommand(model, options, context));

  return program;
}

/**
 * Run the `rectify` command line and return its exit code. Errors are printed as one line on
 * stderr (`rectify: …`), never as a stack trace.
 *
 * @param argv - arguments after the program name (e.g. `process.argv.slice(2)`).
 * @param context - streams and interrupt signal (default: the process's).
 * @returns 0 on success, 1 runtime error, 2 usage error, 130 interrupted.
 */
export async function main(
  argv: readonly string[],
  context?: Partial<CliContext>,
): Promise<number> {
  const ctx: CliContext = {
    stdout: context?.stdout ?? ((s) => process.stdout.write(s)),
    stderr: context?.stderr ?? ((s) => process.stderr.write(s)),
    stderrIsTTY: context?.stderrIsTTY ?? Boolean(process.stderr.isTTY),
    signal: context?.signal ?? new AbortController().signal,
  };
  if (argv.length === 0) {
    ctx.stderr(
      'rectify: missing command (analyze, run, merge, slurm, repro, inspect, ablate); see rectify --help\n',
    );
    return 2;
  }
  const program = createProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
      )
        return 0;
      ctx.stderr(`rectify: ${oneLine(error.message.replace(/^error:\s*/, ''))}\n`);
      return 2;
    }
    const code = classify(error);
    ctx.stderr(`rectify: ${oneLine(error)}\n`);
    return code;
  }
}

/** Experiments' error codes that mean the command was called wrongly (exit 2). */
const USAGE_CODES: readonly unknown[] = ['invalid-config', 'checkpoint-mismatch'];

function classify(error: unknown): number {
  if (error instanceof InterruptedError || isAbortError(error)) return 130;
  if (error instanceof UsageError || USAGE_CODES.includes((error as { code?: unknown })?.code))
    return 2;
  return exitCodeOf(error);
}
