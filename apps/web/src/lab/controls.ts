import {
  DC_ABLATION_VARIANTS,
  dcAblationPresets,
  minimalDcPresets,
  seedRange,
} from '@rectify/experiments';
import { parseNumberText } from '@rectify/signal';
import { controlsForm, createFields, errorLine, fieldset, h } from '@rectify/ui';
import type { LabBackend, LabExperiment } from './protocol';

/** What the form holds when it is valid: the seed and each experiment's config. */
export interface LabChoices {
  seed?: number;
  md?: Record<string, unknown>;
  da?: Record<string, unknown>;
}

/** The lab's form: backend, seed, each experiment's settings and the run/stop buttons. */
export interface LabControls {
  readonly root: HTMLElement;
  /** The chosen tfjs backend. */
  backend(): LabBackend;
  /** Checks every field (showing errors inline), enables the buttons that can run, and returns the choices. */
  validate(): LabChoices;
  /** Enables or disables the Stop button. */
  setStoppable(stoppable: boolean): void;
}

/** Callbacks of {@link createLabControls}. */
export interface LabControlsOptions {
  /** Whether a run is in progress (the run buttons are disabled meanwhile). */
  isBusy: () => boolean;
  onRun: (experiment: LabExperiment) => void;
  onStop: () => void;
}

/** An integer field of the form: its key (`lab-<key>` is its id), label, range and first value. */
const integer = <K extends string>(
  key: K,
  label: string,
  [min, max]: readonly [number, number],
  value: number,
  name = label,
) => ({ key, label, name, min, max, value });

const md = minimalDcPresets.quick;
const da = dcAblationPresets.quick;
/** The lab's integer fields; the ranges keep a browser run short (the CLI runs the full presets). */
const INTEGERS = [
  integer('seed', 'seed', [seedRange.min, seedRange.max], 0),
  integer('md-signals', 'signals / class', [2, 4096], md.signalsPerClass, 'signals per class'),
  integer('md-epochs', 'train epochs', [1, 200], md.trainEpochs),
  integer('da-reps', 'repetitions', [1, 20], da.repetitions),
  integer('da-epochs', 'epochs', [1, 60], da.epochs),
  integer('da-signals', 'signals / class', [1, 1024], da.signalsPerClass, 'signals per class'),
];
/** A key of {@link INTEGERS}. */
type IntegerKey = (typeof INTEGERS)[number]['key'];

/** Creates the lab's form. */
export function createLabControls(options: LabControlsOptions): LabControls {
  const validateSoon = () => void validate();
  const choice = { backend: 'wasm' };
  const { backend } = createFields(
    [
      {
        key: 'backend',
        id: 'lab-backend',
        label: 'tfjs backend',
        choices: [
          ['wasm', 'wasm (our training kernels)'],
          ['cpu', 'cpu (slow)'],
        ],
      },
    ],
    choice,
  ).fields;
  const text = Object.fromEntries(INTEGERS.map((s) => [s.key, String(s.value)])) as Record<
    IntegerKey,
    string
  >;
  const { fields } = createFields(INTEGERS, text, validateSoon, 'lab-');
  const variantBoxes = DC_ABLATION_VARIANTS.map((variant) => {
    const box = h('input', {
      type: 'checkbox',
      id: `lab-variant-${variant}`,
      'data-testid': `lab-variant-${variant}`,
      checked: true,
      onchange: validateSoon,
    });
    return { variant, box, root: h('label', { class: 'inline' }, box, variant) };
  });
  const variantsError = errorLine('lab-variants-error');

  const runButton = (experiment: LabExperiment, label: string) =>
    h(
      'button',
      {
        type: 'button',
        class: 'primary',
        'data-testid': `lab-run-${experiment}`,
        onclick: () => options.onRun(experiment),
      },
      label,
    );
  const runMd = runButton('minimal-dc', 'Run minimalDc (quick)');
  const runDa = runButton('dc-ablation', 'Run dcAblation (small)');
  const stop = h(
    'button',
    { type: 'button', 'data-testid': 'lab-stop', disabled: true, onclick: () => options.onStop() },
    'Stop',
  );

  const root = controlsForm(
    {},
    fieldset('Run', backend.root, fields.seed.root, h('div', { class: 'inline' }, stop)),
    fieldset(
      'minimalDc (V.D): 2-tap conv → ReLU → GAP',
      fields['md-signals'].root,
      fields['md-epochs'].root,
      runMd,
    ),
    fieldset(
      'dcAblation (V.C, extended)',
      fields['da-reps'].root,
      fields['da-epochs'].root,
      fields['da-signals'].root,
      ...variantBoxes.map((v) => v.root),
      variantsError,
      runDa,
    ),
    h(
      'p',
      { class: 'notes' },
      'Runs train in a Web Worker with tfjs and @rectify/layers’ kernels, one unit after another; Stop ends the run at the next epoch. The same seed and backend give the same numbers as the CLI.',
    ),
  );

  function validate(): LabChoices {
    const v: Partial<Record<IntegerKey, number>> = {};
    for (const spec of INTEGERS) {
      const field = fields[spec.key];
      const parsed = parseNumberText(spec.name, field.input.value, {
        min: spec.min,
        max: spec.max,
        integer: true,
      });
      field.setError(parsed.ok ? null : parsed.error);
      if (parsed.ok) v[spec.key] = parsed.value;
    }
    const variants = variantBoxes.filter((b) => b.box.checked).map((b) => b.variant);
    variantsError.textContent =
      variants.length === 0 ? 'variants must include at least one variant, got none' : '';
    const mdConfig =
      v['md-signals'] !== undefined && v['md-epochs'] !== undefined
        ? { ...md, signalsPerClass: v['md-signals'], trainEpochs: v['md-epochs'] }
        : undefined;
    const daConfig =
      v['da-reps'] !== undefined &&
      v['da-epochs'] !== undefined &&
      v['da-signals'] !== undefined &&
      variants.length > 0
        ? {
            ...da,
            repetitions: v['da-reps'],
            epochs: v['da-epochs'],
            signalsPerClass: v['da-signals'],
            variants,
          }
        : undefined;
    const blocked = options.isBusy() || v.seed === undefined;
    runMd.disabled = blocked || !mdConfig;
    runDa.disabled = blocked || !daConfig;
    return { seed: v.seed, md: mdConfig, da: daConfig };
  }

  return {
    root,
    backend: () => choice.backend as LabBackend,
    validate,
    setStoppable(stoppable) {
      stop.disabled = !stoppable;
    },
  };
}
