import {
  type Claim,
  experimentNames,
  isResultFile,
  parseResultText,
  type ResultFile,
  resultCharts,
  type SkippedResultFile,
} from '@rectify/experiments';
import { HANDOFF_KEY } from '../lab/protocol';
import type { Page } from '../main';
import { errorMessage, h, replaceChildren } from '../ui/dom';
import { claimsTable, renderCharts, resultBanners } from './vega';

/** Mounts the report viewer: open result.json files (or a `rectify repro` folder) and see their claims and charts. */
export function mountReport(root: HTMLElement, query: URLSearchParams): Page {
  const files = h('input', {
    type: 'file',
    id: 'report-files',
    'data-testid': 'report-files',
    accept: '.json,application/json',
    multiple: true,
  });
  const folder = h('input', {
    type: 'file',
    id: 'report-folder',
    'data-testid': 'report-folder',
    multiple: true,
  });
  folder.setAttribute('webkitdirectory', '');
  const error = h('div', {
    class: 'field-error',
    id: 'report-error',
    'data-testid': 'report-error',
    role: 'alert',
  });
  const drop = h(
    'div',
    { class: 'readout', 'data-testid': 'report-drop' },
    'Or drop result files here.',
  );
  const controls = h(
    'form',
    { class: 'controls', onsubmit: (e: Event) => e.preventDefault() },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Open results'),
      h('div', { class: 'field' }, h('label', { for: 'report-files' }, 'result.json'), files),
      h('div', { class: 'field' }, h('label', { for: 'report-folder' }, 'repro folder'), folder),
      error,
      drop,
    ),
    h(
      'p',
      { class: 'notes' },
      'Files stay in this browser. The charts are the Vega-Lite specs of @rectify/experiments’ report, the same the CLI renders to HTML.',
    ),
  );
  const output = h(
    'div',
    { class: 'outputs', 'data-testid': 'report-output' },
    h('p', { class: 'notes' }, 'No result open yet.'),
  );
  replaceChildren(root, controls, output);
  let generation = 0;

  async function show(entries: (ResultFile | SkippedResultFile)[]): Promise<void> {
    const ticket = ++generation;
    // The report's order (the order `rectify repro` runs and reports them), not the file order.
    const loaded = entries
      .filter(isResultFile)
      .sort(
        (a, b) =>
          experimentNames.indexOf(a.experiment) - experimentNames.indexOf(b.experiment) ||
          a.source.localeCompare(b.source),
      );
    const skipped = entries.filter((e): e is SkippedResultFile => !isResultFile(e));
    error.textContent = loaded.length === 0 ? (skipped[0]?.reason ?? 'No result files found.') : '';
    const sections: HTMLElement[] = [];
    for (const entry of loaded) {
      const r = entry.result;
      const section = h(
        'section',
        { class: 'outputs', 'data-testid': `report-${entry.experiment}` },
        h('h2', {}, `${entry.experiment} — ${entry.source}`),
        h(
          'p',
          { class: 'notes' },
          `seed ${String(r.seed ?? '—')}, backend ${String(r.backend ?? '—')}, units ${String(r.units ?? '—')}, config hash ${String(r.configHash ?? '—').slice(0, 12)}…`,
        ),
        ...resultBanners(entry),
        claimsTable(
          Array.isArray(r.claims) ? (r.claims as Claim[]) : [],
          `report-claims-${entry.experiment}`,
        ),
      );
      sections.push(section);
      try {
        section.append(await renderCharts(resultCharts(entry.experiment, r)));
      } catch (e) {
        section.append(
          h(
            'p',
            { class: 'error-box' },
            `Could not build the charts of ${entry.source}: ${errorMessage(e)}`,
          ),
        );
      }
      if (ticket !== generation) return;
    }
    if (skipped.length > 0 && loaded.length > 0) {
      sections.push(
        h(
          'details',
          { class: 'notes', 'data-testid': 'report-skipped', open: true },
          h('summary', {}, `${skipped.length} file(s) skipped, each with the reason:`),
          h(
            'ul',
            {},
            ...skipped.map((s) =>
              h(
                'li',
                { 'data-source': s.source },
                h('code', {}, s.source),
                ` ${s.reason.startsWith(s.source) ? s.reason.slice(s.source.length).replace(/^[:\s]+/, '') : s.reason}`,
              ),
            ),
          ),
        ),
      );
    }
    replaceChildren(
      output,
      ...(sections.length ? sections : [h('p', { class: 'notes' }, 'No result open yet.')]),
    );
    root.dataset.results = String(loaded.length);
  }

  async function readFiles(list: FileList | null): Promise<void> {
    const all = [...(list ?? [])];
    const chosen = all.filter((f) => f.name.endsWith('.json'));
    const notJson: SkippedResultFile[] = all
      .filter((f) => !f.name.endsWith('.json'))
      .map((f) => {
        const source = f.webkitRelativePath || f.name;
        return { source, reason: `${source} is not a result file (results are .json)` };
      });
    if (chosen.length === 0) {
      error.textContent =
        'Choose at least one .json file (a result.json, or a repro folder that holds some).';
      return;
    }
    const entries = await Promise.all(
      chosen.map(async (f) => parseResultText(f.webkitRelativePath || f.name, await f.text())),
    );
    await show([...entries, ...notJson]);
  }

  files.addEventListener('change', () => void readFiles(files.files));
  folder.addEventListener('change', () => void readFiles(folder.files));
  drop.addEventListener('dragover', (e) => e.preventDefault());
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    void readFiles(e.dataTransfer?.files ?? null);
  });

  if (query.get('from') === 'lab') {
    const handed = sessionStorage.getItem(HANDOFF_KEY);
    if (handed) void show([parseResultText('lab run', handed)]);
  }
  return { unmount() {} };
}
