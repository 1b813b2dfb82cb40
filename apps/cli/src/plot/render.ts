import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { parse as parseVega, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { InterruptedError, RuntimeError, UsageError } from '../errors';

/** A Vega-Lite specification (any top-level spec vega-lite 6 compiles), as plain JSON. */
export type VegaLiteSpec = Record<string, unknown>;

const FONT_FILES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
];

/**
 * Render a Vega-Lite spec to SVG with vega's headless view (no browser, no canvas).
 *
 * @param spec - the Vega-Lite spec; data must be inline (`data.values`).
 * @returns the SVG document.
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
 * Rasterise an SVG to PNG with resvg (system fonts plus DejaVu/Liberation when present).
 *
 * @param svg - the SVG document.
 * @param scale - pixel density (1 = the SVG's own size).
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
 * Render a spec and write it as `.svg` or `.png`, chosen by the file extension.
 *
 * @param path - output file ending in `.svg` or `.png`.
 * @param spec - the Vega-Lite spec.
 * @param signal - when it has fired by the time the plot is rendered, nothing is written.
 * @throws UsageError for another extension; RuntimeError when the file cannot be written;
 *   InterruptedError when `signal` fired.
 */
export async function writePlot(
  path: string,
  spec: VegaLiteSpec,
  signal?: AbortSignal,
): Promise<void> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.svg' && ext !== '.png') {
    throw new UsageError(`--plot must end in .svg or .png, got '${path}'`);
  }
  const svg = await renderSvg(spec);
  const body = ext === '.svg' ? svg : svgToPng(svg);
  if (signal?.aborted) throw new InterruptedError(`interrupted (Ctrl-C); '${path}' not written`);
  // Written beside the target and renamed over it, so an interrupt never leaves half a file.
  const partial = `${path}.${process.pid}.partial`;
  try {
    // Missing parent folders are made, as `--out` does: `--plot out/va.png` works in a fresh checkout.
    await mkdir(dirname(path), { recursive: true });
    await writeFile(partial, body);
    await rename(partial, path);
  } catch (e) {
    await rm(partial, { force: true }).catch(() => undefined);
    throw new RuntimeError(
      `cannot write plot '${path}': ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
}
