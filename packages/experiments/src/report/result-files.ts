import {
  isResultFile,
  parseResultText,
  type ResultFile,
  type SkippedResultFile,
} from '../core/result-file';
import { experimentNames } from '../core/types';

/** A file chosen to be read as a result: its name and, for a `.json` file, its text. */
export interface ChosenFile {
  /** File name, with its folder inside a chosen directory when there is one. */
  source: string;
  /** The file's text (UTF-8); only `.json` files are read, so it may be absent for others. */
  text?: string;
}

/** The results among chosen files, in the report's order, and the files skipped with their reason. */
export interface ResultFiles {
  /** The results, in `experimentNames` order (the order `rectify repro` runs and reports them), then by source. */
  results: ResultFile[];
  /** Every other file, in the order given, each with the reason it is not a result. */
  skipped: SkippedResultFile[];
}

/**
 * Reads chosen files as results, as a report viewer opens a `rectify repro` folder: each `.json`
 * file through `parseResultText` (a chart spec or a checkpoint unit record is skipped with its
 * reason), any other file skipped as not a result; the results in the report's order, not the
 * folder's.
 *
 * @param files - the files' names and, for `.json` files, their text.
 * @returns the results and the skipped files.
 * @throws TypeError when a `.json` file comes without its text.
 * @example
 * ```ts
 * const { results, skipped } = readResultFiles([{ source: 'summary.md' }, { source: 'a/result.json', text }]);
 * ```
 */
export function readResultFiles(files: readonly ChosenFile[]): ResultFiles {
  const entries = files.map(({ source, text }): ResultFile | SkippedResultFile => {
    if (!source.endsWith('.json'))
      return { source, reason: `${source} is not a result file (results are .json)` };
    if (typeof text !== 'string')
      throw new TypeError(`${source} must come with its text (a .json file), got none`);
    return parseResultText(source, text);
  });
  const order = (r: ResultFile) => experimentNames.indexOf(r.experiment);
  return {
    results: entries
      .filter(isResultFile)
      .sort((a, b) => order(a) - order(b) || a.source.localeCompare(b.source)),
    skipped: entries.filter((e): e is SkippedResultFile => !isResultFile(e)),
  };
}
