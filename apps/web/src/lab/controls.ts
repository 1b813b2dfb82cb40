import {
  DC_ABLATION_VARIANTS,
  dcAblationPresets,
  minimalDcPresets,
  seedRange,
} from '@rectify/experiments';
import { parseNumberText } from '@rectify/signal';
import { h } from '../ui/dom';
import { createField, createSelect, type Field } from '../ui/field';
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

/** Creates the lab's form. */
export function createLabControls(options: LabControlsOptions): LabControls {
  const validateSoon = () => void validate();
  const backend = createSelect<LabBackend>({
    id: 'lab-backend',
    label: 'tfjs backend',
    choices: [
      ['wasm', 'wasm (our training kernels)'],
      ['cpu', 'cpu (slow)'],
    ],
    value: 'wasm',
    onChange: () => undefined,
  });
  const seed = createField({ id: 'lab-seed', label: 'seed', value: '0', onInput: validateSoon });
  const mdSignals = createField({
    id: 'lab-md-signals',
    label: 'signals / class',
    value: String(minimalDcPresets.quick.signalsPerClass),
    onInput: validateSoon,
  });
  const mdEpochs = createField({
    id: 'lab-md-epochs',
    label: 'train epochs',
    value: String(minimalDcPresets.quick.trainEpochs),
    onInput: validateSoon,
  });
  const daReps = createField({
    id: 'lab-da-reps',
    label: 'repetitions',
    value: String(dcAblationPresets.quick.repetitions),
    onInput: validateSoon,
  });
  const daEpochs = createField({
    id: 'lab-da-epochs',
    label: 'epochs',
    value: String(dcAblationPresets.quick.epochs),
    onInput: validateSoon,
  });
  const daSignals = createField({
    id: 'lab-da-signals',
    label: 'signals / class',
    value: String(dcAblationPresets.quick.signalsPerClass),
    onInput: validateSoon,
  });
  const variantBoxes = DC_ABLATION_VARIANTS.map((variant) => {
    const box = h('input', {
      type: 'checkbox',
      id: `lab-variant-${variant}`,
      'data-testid': `lab-variant-${variant}`,
      checked: true,
    });
    box.addEventListener('change', validateSoon);
    return { variant, box, root: h('label', { class: 'inline' }, box, variant) };
  });
  const variantsError = h('div', {
    class: 'field-error',
    'data-testid': 'lab-variants-error',
    role: 'alert',
  });

  const runButton = (experiment: LabExperiment, text: string) =>
    h(
      'button',
      {
        type: 'button',
        class: 'primary',
        'data-testid': `lab-run-${experiment}`,
        onclick: () => options.onRun(experiment),
      },
      text,
    );
  const runMd = runButton('minimal-dc', 'Run minimalDc (quick)');
  const runDa = runButton('dc-ablation', 'Run dcAblation (small)');
  const stop = h(
    'button',
    { type: 'button', 'data-testid': 'lab-stop', disabled: true, onclick: () => options.onStop() },
    'Stop',
  );

  const root = h(
    'form',
    { class: 'controls', onsubmit: (e: Event) => e.preventDefault() },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Run'),
      backend.root,
      seed.root,
      h('div', { class: 'inline' }, stop),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'minimalDc (V.D): 2-tap conv → ReLU → GAP'),
      mdSignals.root,
      mdEpochs.root,
      runMd,
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'dcAblation (V.C, extended)'),
      daReps.root,
      daEpochs.root,
      daSignals.root,
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

  function intField(field: Field, name: string, min: number, max: number): number | undefined {
    const parsed = parseNumberText(name, field.input.value, { min, max, integer: true });
    field.setError(parsed.ok ? null : parsed.error);
    return parsed.ok ? parsed.value : undefined;
  }

  function validate(): LabChoices {
    const s = intField(seed, 'seed', seedRange.min, seedRange.max);
    const signals = intField(mdSignals, 'signals per class', 2, 4096);
    const trainEpochs = intField(mdEpochs, 'train epochs', 1, 200);
    const repetitions = intField(daReps, 'repetitions', 1, 20);
    const epochs = intField(daEpochs, 'epochs', 1, 60);
    const perClass = intField(daSignals, 'signals per class', 1, 1024);
    const variants = variantBoxes.filter((v) => v.box.checked).map((v) => v.variant);
    variantsError.textContent =
      variants.length === 0 ? 'variants must include at least one variant, got none' : '';
    const busy = options.isBusy();
    runMd.disabled = busy || s === undefined || signals === undefined || trainEpochs === undefined;
    runDa.disabled =
      busy ||
      s === undefined ||
      repetitions === undefined ||
      epochs === undefined ||
      perClass === undefined ||
      variants.length === 0;
    return {
      seed: s,
      md:
        signals !== undefined && trainEpochs !== undefined
          ? { ...minimalDcPresets.quick, signalsPerClass: signals, trainEpochs }
          : undefined,
      da:
        repetitions !== undefined &&
        epochs !== undefined &&
        perClass !== undefined &&
        variants.length > 0
          ? { ...dcAblationPresets.quick, repetitions, epochs, signalsPerClass: perClass, variants }
          : undefined,
    };
  }

  return {
    root,
    backend: () => backend.select.value as LabBackend,
    validate,
    setStoppable(stoppable) {
      stop.disabled = !stoppable;
    },
  };
}
