import { firstOrderDc, predictRelu, reluDc } from '@rectify/theory';

// The paper's V.A signal: four unit tones at 5, 10, 20 and 40 Hz.
const tones = [10, 5, 20, 40].map((freq) => ({ freq, amp: 1 }));

const spectrum = predictRelu(tones, { terms: 50 });
const strongest = spectrum
  .byFrequency()
  .filter((line) => line.freq > 0)
  .sort((a, b) => b.amplitude - a.amplitude)
  .slice(0, 6);
for (const line of strongest) {
  console.log(
    `${line.freq.toFixed(1).padStart(5)} Hz  ${line.amplitude.toFixed(4)}  ${line.labels[0]}`,
  );
}
console.log(`DC exact ${reluDc(tones).toFixed(6)}, first-order ${firstOrderDc(tones).toFixed(6)}`);
