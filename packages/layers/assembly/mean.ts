// AssemblyScript source of our wasm `Mean` over a middle axis (compiled by scripts/build-wasm.mjs
// into src/backend/mean-module.ts; never edit that file). Imports the backend's heap as env.memory.

/**
 * out[o, i] = (Σ_r x[o, r, i]) / reduce for x [outer, reduce, inner] row-major (byte addresses):
 * each sum in float32 over r = 0, 1, … in order, then divided in float32, the stock kernel's
 * arithmetic in its order. Eight columns per pass in two f32x4 sums, the rest one at a time.
 */
export function meanOverMiddleAxis(
  x: usize,
  out: usize,
  outer: i32,
  reduce: i32,
  inner: i32,
): void {
  const row = (<usize>inner) << 2;
  const size = <f32>reduce;
  const sizes = f32x4.splat(size);
  for (let o = 0; o < outer; o++) {
    const from = x + <usize>o * <usize>reduce * row;
    const to = out + <usize>o * row;
    let i = 0;
    for (; i + 8 <= inner; i += 8) {
      let s0 = f32x4.splat(0);
      let s1 = f32x4.splat(0);
      let p = from + ((<usize>i) << 2);
      for (let r = 0; r < reduce; r++) {
        s0 = f32x4.add(s0, v128.load(p));
        s1 = f32x4.add(s1, v128.load(p, 16));
        p += row;
      }
      const q = to + ((<usize>i) << 2);
      v128.store(q, f32x4.div(s0, sizes));
      v128.store(q, f32x4.div(s1, sizes), 16);
    }
    for (; i < inner; i++) {
      let s: f32 = 0;
      let p = from + ((<usize>i) << 2);
      for (let r = 0; r < reduce; r++) {
        s += load<f32>(p);
        p += row;
      }
      store<f32>(to + ((<usize>i) << 2), s / size);
    }
  }
}
