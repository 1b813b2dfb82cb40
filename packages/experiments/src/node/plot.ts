// Charts to files in Node: Vega-Lite → SVG with vega's headless view, SVG → PNG with resvg.
// Its own build entry (`@rectify/experiments/node/plot`), so a command that only plots
// (`rectify analyze --plot`) does not load tfjs.
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { parse as parseVega, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** A Vega-Lite specification (any top-level spec vega-lite 6 compiles), as plain JSON. */
export type VegaLiteSpec = Record<string, unknown>;

/** Why {@link writePlot} refused or failed. */
export type PlotErrorCode = 'extension' | 'aborted' | 'unwritable';

/** A plot that was not written: a path without `.svg`/`.png`, an abort, or a file-system error. */
export class PlotError extends Error {
  override readonly name = 'PlotError';
  /**
   * @param code - `extension`, `aborted` or `unwritable`.
   * @param path - the plot's path.
   * @param message - what happened, naming the path.
   */
  constructor(
    readonly code: PlotErrorCode,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

const FONT_FILES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
];

/**
 * Renders a Vega-Lite spec to SVG with vega's headless view (no browser, no canvas).
 *
 * @param spec - the Vega-Lite spec; data must be inline (`data.values`).
 * @returns the SVG document.
 * @example
 * ```ts
 * const svg = await renderSvg(activationSpectrumChart(analysis, inputSpectrum, outputSpectrum));
 * ```
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const vegaSpec = compile(spec as unknown as TopLevelSpec).spec;
  const view = new View(parseVega(vegaSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Rasterises an SVG to PNG with resvg (system fonts plus DejaVu/Liberation when present).
 *
 * @param svg - the SVG document.
 * @param scale - pixel density (1 = the SVG's own size, in CSS pixels).
 * @returns the PNG bytes.
 */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: {
      loadSystemFonts: true,
      fontFiles: FONT_FILES.filter((f) => existsSync(f)),
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  });
  return resvg.render().asPng();
}

/**
 * Renders a spec and writes it as `.svg` or `.png`, chosen by the file extension. Missing parent
 * folders are made; the file is written beside the target and renamed over it, so an interrupt
 * never leaves half a file.
 *
 * @param path - output file ending in `.svg` or `.png` (any case).
 * @param spec - the Vega-Lite spec.
 * @param signal - when it has fired by the time the plot is rendered, nothing is written.
 * @throws {PlotError} `extension` for another extension, `aborted` when `signal` fired,
 *   `unwritable` (with the errno code in the message) when the file cannot be written.
 */
export async function writePlot(
  path: string,
  spec: VegaLiteSpec,
  signal?: AbortSignal,
): Promise<void> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.svg' && ext !== '.png')
    throw new PlotError('extension', path, `plot path must end in .svg or .png, got '${path}'`);
  const svg = await renderSvg(spec);
  const body = ext === '.svg' ? svg : svgToPng(svg);
  if (signal?.aborted) throw new PlotError('aborted', path, `interrupted; '${path}' not written`);
  const partial = `${path}.${process.pid}.partial`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(partial, body);
    await rename(partial, path);
  } catch (e) {
    await rm(partial, { force: true }).catch(() => undefined);
    throw new PlotError(
      'unwritable',
      path,
      `cannot write plot '${path}': ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
}
