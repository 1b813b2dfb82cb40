import {
  isResultFile,
  parseResultText,
  type ResultFile,
  type SkippedResultFile,
} from '@rectify/experiments';
import { readResultFiles } from '@rectify/experiments/report';
import {
  controlsForm,
  dropZone,
  errorLine,
  fieldset,
  fileField,
  h,
  type Page,
  replaceChildren,
  resultSection,
  skippedFilesList,
} from '@rectify/ui';
import { HANDOFF_KEY } from '../lab/protocol';

/** Mounts the report viewer: open result.json files (or a `rectify repro` folder) and see their claims and charts. */
export function mountReport(root: HTMLElement, query: URLSearchParams): Page {
  const files = fileField('report-files', 'result.json', {
    accept: '.json,application/json',
    multiple: true,
  });
  const folder = fileField('report-folder', 'repro folder', {
    webkitdirectory: true,
    multiple: true,
  });
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
      sections.push(await resultSection(entry, 'report'));
      if (ticket !== generation) return;
    }
    if (skipped.length > 0 && results.length > 0)
      sections.push(skippedFilesList(skipped, 'report-skipped'));
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
