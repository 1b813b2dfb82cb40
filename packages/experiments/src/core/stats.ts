/**
 * Arithmetic mean. @param x - values (non-empty). @returns Σx/n.
 */
export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] as number;
  return s / x.length;
}

/**
 * Population standard deviation (numpy's default ddof = 0): sqrt(Σ(x − mean)²/n).
 *
 * @param x - values (non-empty).
 * @returns the standard deviation, 0 for one value.
 */
export function std(x: ArrayLike<number>): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += ((x[i] as number) - m) ** 2;
  return Math.sqrt(s / x.length);
}

/** Mean and population std of a set of values. */
export interface MeanStd {
  /** Mean. */
  mean: number;
  /** Population standard deviation (ddof = 0). */
  std: number;
}

/**
 * Column-wise mean ± std over rows of equal length (e.g. repetitions × epochs).
 *
 * @param rows - one array per repetition.
 * @returns one {@link MeanStd} per column.
 */
export function meanStdColumns(rows: readonly ArrayLike<number>[]): MeanStd[] {
  const width = rows[0]?.length ?? 0;
  const out: MeanStd[] = [];
  for (let j = 0; j < width; j++) {
    const column = rows.map((r) => r[j] as number);
    out.push({ mean: mean(column), std: std(column) });
  }
  return out;
}

/**
 * Nearest-centroid classification from one scalar feature: class centroids from the `fit`
 * indices, accuracy on the `test` indices (ties go to the lower class).
 *
 * @param feature - one value per signal.
 * @param labels - class per signal, 0 … classes − 1.
 * @param classes - number of classes.
 * @param fit - indices used for the centroids.
 * @param test - indices scored.
 * @returns centroids and accuracy in [0, 1].
 */
export function nearestCentroid(
  feature: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
  fit: readonly number[],
  test: readonly number[],
): { centroids: number[]; accuracy: number } {
  const sum = new Array<number>(classes).fill(0);
  const count = new Array<number>(classes).fill(0);
  for (const i of fit) {
    const c = labels[i] as number;
    sum[c] = (sum[c] as number) + (feature[i] as number);
    count[c] = (count[c] as number) + 1;
  }
  const centroids = sum.map((s, c) => s / Math.max(1, count[c] as number));
  let correct = 0;
  for (const i of test) {
    let best = 0;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let c = 0; c < classes; c++) {
      const d = Math.abs((feature[i] as number) - (centroids[c] as number));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    if (best === labels[i]) correct += 1;
  }
  return { centroids, accuracy: correct / test.length };
}

/** Formats a fraction as a percentage with one decimal, e.g. `0.3412 → '34.1 %'`. */
export function percent(x: number): string {
  return `${(100 * x).toFixed(1)} %`;
}

/** Rounds to `digits` significant digits for claim texts. */
export function sig(x: number, digits = 3): string {
  return Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x);
}
