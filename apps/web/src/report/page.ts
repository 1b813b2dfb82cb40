import {
  type Claim,
  isResultFile,
  parseResultText,
  type ResultFile,
  resultCharts,
  type SkippedResultFile,
} from '@rectify/experiments';
import { readResultFiles } from '@rectify/experiments/report';
import { HANDOFF_KEY } from '../lab/protocol';
import type { Page } from '../main';
import {
  controlsForm,
  dropZone,
  errorLine,
  errorMessage,
  fieldset,
  h,
  replaceChildren,
} from '../ui/dom';
import { labelled } from '../ui/field';
import { claimsTable, renderCharts, resultBanners } from './vega';

/** A file input with its label, in a field row. */
function fileField(id: string, label: string, attrs: Record<string, string | boolean>) {
  const input = h('input', { type: 'file', id, 'data-testid': id, multiple: true, ...attrs });
  return { input, root: labelled(id, label, input) };
}

/** One result: where it comes from, its run, its banners, its claims and its charts. */
async function resultSection(entry: ResultFile): Promise<HTMLElement> {
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
  return section;
}

/** The skipped files, unfolded, each named with its reason. */
function skippedList(skipped: readonly SkippedResultFile[]): HTMLElement {
  // A reason starts with the file's name, which the list shows already.
  const reason = (s: SkippedResultFile) =>
    s.reason.startsWith(s.source)
      ? s.reason.slice(s.source.length).replace(/^[:\s]+/, '')
      : s.reason;
  return h(
    'details',
    { class: 'notes', 'data-testid': 'report-skipped', open: true },
    h('summary', {}, `${skipped.length} file(s) skipped, each with the reason:`),
    h(
      'ul',
      {},
      ...skipped.map((s) =>
        h('li', { 'data-source': s.source }, h('code', {}, s.source), ` ${reason(s)}`),
      ),
    ),
  );
}

/** Mounts the report viewer: open result.json files (or a `rectify repro` folder) and see their claims and charts. */
export function mountReport(root: HTMLElement, query: URLSearchParams): Page {
  const files = fileField('report-files', 'result.json', { accept: '.json,application/json' });
  const folder = fileField('report-folder', 'repro folder', { webkitdirectory: true });
  const error = errorLine('report-error', 'report-error');
  const empty = () => h('p', { class: 'notes' }, 'No result open yet.');
  const output = h('div', { class: 'outputs', 'data-testid': 'report-output' }, empty());
  replaceChildren(
    root,
    controlsForm(
      {},
      fieldset(
        'Open results',
        files.root,
        folder.root,
        error,
        dropZone('report-drop', 'Or drop result files here.', (list) => void readFiles(list)),
      ),
      h(
        'p',
        { class: 'notes' },
        'Files stay in this browser. The charts are the Vega-Lite specs of @rectify/experiments’ report, the same the CLI renders to HTML.',
      ),
    ),
    output,
  );
  let generation = 0;

  async function show(results: ResultFile[], skipped: SkippedResultFile[]): Promise<void> {
    const ticket = ++generation;
    error.textContent =
      results.length === 0 ? (skipped[0]?.reason ?? 'No result files found.') : '';
    const sections: HTMLElement[] = [];
    for (const entry of results) {
      sections.push(await resultSection(entry));
      if (ticket !== generation) return;
    }
    if (skipped.length > 0 && results.length > 0) sections.push(skippedList(skipped));
    replaceChildren(output, ...(sections.length ? sections : [empty()]));
    root.dataset.results = String(results.length);
  }

  async function readFiles(list: FileList | null): Promise<void> {
    const all = [...(list ?? [])];
    if (!all.some((f) => f.name.endsWith('.json'))) {
      error.textContent =
        'Choose at least one .json file (a result.json, or a repro folder that holds some).';
      return;
    }
    const chosen = await Promise.all(
      all.map(async (f) => ({
        source: f.webkitRelativePath || f.name,
        text: f.name.endsWith('.json') ? await f.text() : undefined,
      })),
    );
    const { results, skipped } = readResultFiles(chosen);
    await show(results, skipped);
  }

  for (const { input } of [files, folder])
    input.addEventListener('change', () => void readFiles(input.files));
  if (query.get('from') === 'lab') {
    const handed = sessionStorage.getItem(HANDOFF_KEY);
    const entry = handed === null ? null : parseResultText('lab run', handed);
    if (entry) void (isResultFile(entry) ? show([entry], []) : show([], [entry]));
  }
  return { unmount() {} };
}
