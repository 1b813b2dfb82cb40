const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

/**
 * The sentences that go beside a claim's measured figure, in reading order: the accuracy (mean
 * ± std, in percent to 0.1) of each variant it names, a finding's relative error, why the
 * verdict is what it is, and the rule that decided it. Each is a plain sentence without a final
 * full stop, for a report to lay out (HTML, Markdown or a terminal).
 *
 * @param claim - a claim of a result (format 1 claims have no variants, error or reason).
 * @returns the lines; empty for a claim with nothing beside its figure and no rule.
 * @example
 * ```ts
 * claimContextLines(claim);
 * // ['Accuracy: relu 97.5 % ± 1.2 %, linear 50.0 %', 'Rule: one-sided paired test, α = 0.05']
 * ```
 */
export function claimContextLines(claim: {
  kind?: string;
  verdict: string;
  rule?: string | undefined;
  variants?: readonly { name: string; accuracy: number; std?: number | undefined }[];
  error?: { relative: number; of: string } | undefined;
  reason?: string | undefined;
}): string[] {
  const lines: string[] = [];
  if (claim.variants?.length) {
    const each = claim.variants.map(
      (v) => `${v.name} ${percent(v.accuracy)}${v.std !== undefined ? ` ± ${percent(v.std)}` : ''}`,
    );
    lines.push(`Accuracy: ${each.join(', ')}`);
  }
  if (claim.kind === 'finding' && claim.error)
    lines.push(
      `Finding: the paper's approximation is ${percent(claim.error.relative)} off ${claim.error.of}`,
    );
  if (claim.reason) lines.push(`Why ${claim.verdict}: ${claim.reason}`);
  if (claim.rule) lines.push(`Rule: ${claim.rule}`);
  return lines;
}
