import { createChart, createFields, createReadout, errorBox, h } from '@rectify/ui';

// A half-wave rectified cosine, max(0, a·cos(2π·5t)) over 1 s at 200 Hz, whose mean (its DC) is
// a/π: type an amplitude and see the signal and the measured DC.
const form = { amp: '1' };
const status = errorBox('status');
const dc = createReadout('dc', 'DC (mean)', 'mean of the rectified signal; a/π in theory');
const chart = createChart({
  testId: 'signal',
  title: 'max(0, a·cos(2π·5t))',
  xLabel: 't (s)',
  yLabel: 'amplitude',
  series: [{ label: 'rectified', stroke: '#1f6feb' }],
});
const fields = createFields([{ key: 'amp', label: 'a', unit: 'V' }], form, draw);
document.body.append(h('form', {}, fields.fields.amp.root), status.root, dc.root, chart.root);

function draw(): void {
  const amp = Number(form.amp);
  const bad = form.amp.trim() === '' || !Number.isFinite(amp) || amp < 0;
  fields.showErrors(bad ? { amp: `a must be a number ≥ 0, got "${form.amp}"` } : {});
  status.show(bad ? 'Fix the amplitude; the plot shows the last valid one.' : null);
  if (bad) return;
  const t = Array.from({ length: 200 }, (_, i) => i / 200);
  const y = t.map((s) => Math.max(0, amp * Math.cos(2 * Math.PI * 5 * s)));
  chart.setData([t, y]);
  dc.set(y.reduce((sum, v) => sum + v, 0) / y.length, `a/π = ${(amp / Math.PI).toFixed(5)}`);
}
draw();
