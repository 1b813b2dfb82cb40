import { decodeRecording, type Recording } from '@rectify/signal';
import { errorMessage, formatHz, type Page, replaceChildren } from '@rectify/ui';
import { createExplorerControls } from './controls';
import { computeExplorer, type ExplorerView } from './model';
import { createExplorerOutputs } from './outputs';
import { createConvergenceRenderer, renderView, showLineAt } from './render';
import { formFromQuery, formToQuery, MAX_SAMPLES, parseExplorerForm } from './state';

declare global {
  interface Window {
    /** Milliseconds from each input change to the updated plots, newest last (read by the benchmark). */
    __rectifyRenderTimes?: number[];
  }
}

/** Mounts the explorer: tones, activation and expansion in; time, spectrum, DC and error out. */
export function mountExplorer(root: HTMLElement, query: URLSearchParams): Page {
  let lastView: ExplorerView | null = null;
  /** The open recording (analysed instead of the tones), with its file name. */
  let recording: { name: string; data: Recording } | null = null;
  const outputs = createExplorerOutputs({
    yLog: formFromQuery(query).log,
    onSpectrumCursor: (freq) => showLineAt(outputs, lastView, freq),
  });
  const controls = createExplorerControls(formFromQuery(query), {
    changed,
    logChanged: (log) => outputs.spectrum.setYLog(log),
    recordingChosen: (file, column) => void openRecording(file, column),
  });
  const convergence = createConvergenceRenderer(outputs);
  replaceChildren(root, controls.root, outputs.root);

  async function openRecording(file: File | null, column: string): Promise<void> {
    recording = null;
    if (file) {
      try {
        const fs = Number(controls.form.fs);
        const data = decodeRecording(new Uint8Array(await file.arrayBuffer()), {
          name: file.name,
          column: column.trim(),
          ...(Number.isFinite(fs) && fs > 0 ? { fs } : {}),
        });
        if (data.samples.length > MAX_SAMPLES) {
          throw new RangeError(
            `${file.name} holds ${data.samples.length} samples; the explorer analyses at most ${MAX_SAMPLES}`,
          );
        }
        recording = { name: file.name, data };
      } catch (error) {
        outputs.status.show(errorMessage(error));
        return;
      }
    }
    changed();
  }

  function changed(): void {
    const started = performance.now();
    const form = controls.form;
    history.replaceState(null, '', `#/explorer?${formToQuery(form).toString()}`);
    const parsed = parseExplorerForm(form);
    controls.showErrors(parsed.errors);
    const rec = recording?.data;
    controls.setSamples(
      rec
        ? `${recording?.name} (${rec.source}): ${rec.samples.length} samples at ${formatHz(rec.fs)}, analysed instead of the tones`
        : parsed.ok
          ? `${parsed.value.n} samples, Nyquist ${formatHz(parsed.value.fs / 2)}`
          : '',
    );
    root.dataset.valid = String(parsed.ok);
    if (!parsed.ok) {
      outputs.status.show(
        `Fix the highlighted field${Object.keys(parsed.errors).length > 1 ? 's' : ''}; the plots show the last valid input.`,
      );
      return;
    }
    try {
      const view = computeExplorer(parsed.value, rec);
      lastView = view;
      renderView(outputs, parsed.value, view);
      convergence.render(parsed.value, view, rec);
      requestAnimationFrame(() => {
        const ms = performance.now() - started;
        outputs.readouts.renderTime.set(ms, 'input change → plots', `${ms.toFixed(1)} ms`);
        window.__rectifyRenderTimes = [...(window.__rectifyRenderTimes ?? []), ms].slice(-1000);
        root.dataset.renders = String(Number(root.dataset.renders ?? 0) + 1);
      });
      outputs.status.show(null);
    } catch (error) {
      outputs.status.show(errorMessage(error));
    }
  }

  changed();

  return {
    update(next) {
      const nextForm = formFromQuery(next);
      if (formToQuery(nextForm).toString() === formToQuery(controls.form).toString()) return;
      controls.setForm(nextForm);
      changed();
    },
    unmount() {
      convergence.cancel();
      outputs.destroy();
    },
  };
}
