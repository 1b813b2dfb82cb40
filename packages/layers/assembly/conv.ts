// AssemblyScript source of our wasm conv kernels, the forward conv and the filter gradient
// (compiled by scripts/build-wasm.mjs into src/backend/conv-module.ts; never edit that file).
// The module imports the wasm backend's heap as env.memory and reads x and dy where they are.

/** Output pixels accumulated per pass over a row, so that its x and dy rows stay in L1. */
const CHUNK: i32 = 64;

/**
 * dW[i, j, c, o] = Σ_{b, oh, ow} x[b, oh·sH + i·dH − padTop, ow·sW + j·dW − padLeft, c] · dy[b, oh, ow, o]
 * (NHWC x and dy, HWIO dW, byte addresses on the heap; terms outside x are zero and skipped).
 * Every output element is one running float32 sum, each product rounded then added, over
 * (b, oh, ow) in increasing order: the order of a matMul whose contraction runs over them.
 */
export function filterGradient(
  x: usize,
  dy: usize,
  out: usize,
  batch: i32,
  inH: i32,
  inW: i32,
  cin: i32,
  outH: i32,
  outW: i32,
  cout: i32,
  kH: i32,
  kW: i32,
  sH: i32,
  sW: i32,
  dH: i32,
  dW: i32,
  padTop: i32,
  padLeft: i32,
): void {
  memory.fill(out, 0, (<usize>(kH * kW * cin * cout)) << 2);
  const xStep = (<usize>(sW * cin)) << 2;
  const dyStep = (<usize>cout) << 2;
  for (let b = 0; b < batch; b++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let start = 0; start < outW; start += CHUNK) {
        const end = min(start + CHUNK, outW);
        for (let i = 0; i < kH; i++) {
          const ih = oh * sH + i * dH - padTop;
          if (ih < 0 || ih >= inH) continue;
          for (let j = 0; j < kW; j++) {
            // iw = ow·sW + shift must lie in [0, inW).
            const shift = j * dW - padLeft;
            const last = inW - 1 - shift;
            if (last < 0) continue;
            const lo = shift < 0 ? max(start, (sW - 1 - shift) / sW) : start;
            const hi = min(end, last / sW + 1);
            if (lo >= hi) continue;
            const xRow = x + ((<usize>(((b * inH + ih) * inW + lo * sW + shift) * cin)) << 2);
            const dyRow = dy + ((<usize>(((b * outH + oh) * outW + lo) * cout)) << 2);
            const tap = out + ((<usize>((i * kW + j) * cin * cout)) << 2);
            accumulate(xRow, xStep, dyRow, dyStep, tap, hi - lo, cin, cout);
          }
        }
      }
    }
  }
}

/** tap[c, o] += Σ_t x[t·xStep + c] · dy[t·dyStep + o] for t < n, in blocks held in registers. */
function accumulate(
  x: usize,
  xStep: usize,
  dy: usize,
  dyStep: usize,
  tap: usize,
  n: i32,
  cin: i32,
  cout: i32,
): void {
  const row = (<usize>cout) << 2;
  let c = 0;
  for (; c + 4 <= cin; c += 4) {
    const xc = x + ((<usize>c) << 2);
    const w = tap + <usize>c * row;
    let o = 0;
    for (; o + 8 <= cout; o += 8) {
      block4x8(xc, xStep, dy + ((<usize>o) << 2), dyStep, w + ((<usize>o) << 2), row, n);
    }
    for (; o + 4 <= cout; o += 4) {
      block4x4(xc, xStep, dy + ((<usize>o) << 2), dyStep, w + ((<usize>o) << 2), row, n);
    }
    for (; o < cout; o++) {
      for (let k = 0; k < 4; k++) {
        scalar(
          xc + ((<usize>k) << 2),
          xStep,
          dy + ((<usize>o) << 2),
          dyStep,
          w + <usize>k * row + ((<usize>o) << 2),
          n,
        );
      }
    }
  }
  for (; c < cin; c++) {
    const xc = x + ((<usize>c) << 2);
    const w = tap + <usize>c * row;
    let o = 0;
    for (; o + 8 <= cout; o += 8) {
      block1x8(xc, xStep, dy + ((<usize>o) << 2), dyStep, w + ((<usize>o) << 2), n);
    }
    for (; o + 4 <= cout; o += 4) {
      block1x4(xc, xStep, dy + ((<usize>o) << 2), dyStep, w + ((<usize>o) << 2), n);
    }
    for (; o < cout; o++) {
      scalar(xc, xStep, dy + ((<usize>o) << 2), dyStep, w + ((<usize>o) << 2), n);
    }
  }
}

/** acc + a·b, the product rounded to float32 before the sum (no fused multiply-add). */
function madd(acc: v128, a: v128, b: v128): v128 {
  return f32x4.add(acc, f32x4.mul(a, b));
}

/** Four input channels × eight output channels: eight accumulators. */
function block4x8(
  x: usize,
  xStep: usize,
  dy: usize,
  dyStep: usize,
  w: usize,
  row: usize,
  n: i32,
): void {
  const w1 = w + row;
  const w2 = w1 + row;
  const w3 = w2 + row;
  let a00 = v128.load(w);
  let a01 = v128.load(w, 16);
  let a10 = v128.load(w1);
  let a11 = v128.load(w1, 16);
  let a20 = v128.load(w2);
  let a21 = v128.load(w2, 16);
  let a30 = v128.load(w3);
  let a31 = v128.load(w3, 16);
  for (let t = 0; t < n; t++) {
    const d0 = v128.load(dy);
    const d1 = v128.load(dy, 16);
    const s0 = v128.load32_splat(x);
    a00 = madd(a00, s0, d0);
    a01 = madd(a01, s0, d1);
    const s1 = v128.load32_splat(x, 4);
    a10 = madd(a10, s1, d0);
    a11 = madd(a11, s1, d1);
    const s2 = v128.load32_splat(x, 8);
    a20 = madd(a20, s2, d0);
    a21 = madd(a21, s2, d1);
    const s3 = v128.load32_splat(x, 12);
    a30 = madd(a30, s3, d0);
    a31 = madd(a31, s3, d1);
    x += xStep;
    dy += dyStep;
  }
  v128.store(w, a00);
  v128.store(w, a01, 16);
  v128.store(w1, a10);
  v128.store(w1, a11, 16);
  v128.store(w2, a20);
  v128.store(w2, a21, 16);
  v128.store(w3, a30);
  v128.store(w3, a31, 16);
}

/** Four input channels × four output channels. */
function block4x4(
  x: usize,
  xStep: usize,
  dy: usize,
  dyStep: usize,
  w: usize,
  row: usize,
  n: i32,
): void {
  const w1 = w + row;
  const w2 = w1 + row;
  const w3 = w2 + row;
  let a0 = v128.load(w);
  let a1 = v128.load(w1);
  let a2 = v128.load(w2);
  let a3 = v128.load(w3);
  for (let t = 0; t < n; t++) {
    const d = v128.load(dy);
    a0 = madd(a0, v128.load32_splat(x), d);
    a1 = madd(a1, v128.load32_splat(x, 4), d);
    a2 = madd(a2, v128.load32_splat(x, 8), d);
    a3 = madd(a3, v128.load32_splat(x, 12), d);
    x += xStep;
    dy += dyStep;
  }
  v128.store(w, a0);
  v128.store(w1, a1);
  v128.store(w2, a2);
  v128.store(w3, a3);
}

/** One input channel × eight output channels. */
function block1x8(x: usize, xStep: usize, dy: usize, dyStep: usize, w: usize, n: i32): void {
  let a0 = v128.load(w);
  let a1 = v128.load(w, 16);
  for (let t = 0; t < n; t++) {
    const s = v128.load32_splat(x);
    a0 = madd(a0, s, v128.load(dy));
    a1 = madd(a1, s, v128.load(dy, 16));
    x += xStep;
    dy += dyStep;
  }
  v128.store(w, a0);
  v128.store(w, a1, 16);
}

/** One input channel × four output channels. */
function block1x4(x: usize, xStep: usize, dy: usize, dyStep: usize, w: usize, n: i32): void {
  let a = v128.load(w);
  for (let t = 0; t < n; t++) {
    a = madd(a, v128.load32_splat(x), v128.load(dy));
    x += xStep;
    dy += dyStep;
  }
  v128.store(w, a);
}

/** One input channel × one output channel (the edges). */
function scalar(x: usize, xStep: usize, dy: usize, dyStep: usize, w: usize, n: i32): void {
  let a = load<f32>(w);
  for (let t = 0; t < n; t++) {
    a += load<f32>(x) * load<f32>(dy);
    x += xStep;
    dy += dyStep;
  }
  store<f32>(w, a);
}

/**
 * y[b, oh, ow, o] = act(bias[o] + Σ_{i, j} Σ_c x[b, oh·sH + i·dH − padTop, ow·sW + j·dW − padLeft, c] · w[i, j, c, o])
 * (NHWC x and y, HWIO w, byte addresses; `bias` 0 for none; terms outside x are zero and
 * skipped; act = identity, or with `relu` ≠ 0, y = acc where 0 < acc, else 0). Every output is
 * one running float32 sum that starts at the bias and adds each product, rounded, over the taps
 * (i, j) in order and the input channels in order: the order of XNNPACK's convolution kernels.
 */
export function conv2d(
  x: usize,
  w: usize,
  bias: usize,
  out: usize,
  batch: i32,
  inH: i32,
  inW: i32,
  cin: i32,
  outH: i32,
  outW: i32,
  cout: i32,
  kH: i32,
  kW: i32,
  sH: i32,
  sW: i32,
  dH: i32,
  dW: i32,
  padTop: i32,
  padLeft: i32,
  relu: i32,
): void {
  const pixel = (<usize>(sW * cin)) << 2;
  const tapRow = (<usize>(cin * cout)) << 2;
  // ow in [first, last) has every tap j inside x: ow·sW − padLeft ≥ 0, ow·sW + (kW − 1)·dW − padLeft < inW.
  const first = padLeft > 0 ? (padLeft + sW - 1) / sW : 0;
  const reach = inW - 1 + padLeft - (kW - 1) * dW;
  const last = reach < 0 ? 0 : min(outW, max(first, reach / sW + 1));
  for (let b = 0; b < batch; b++) {
    for (let oh = 0; oh < outH; oh++) {
      // Taps i inside x for this row: [iLo, iHi).
      let iLo = 0;
      while (iLo < kH && oh * sH + iLo * dH - padTop < 0) iLo++;
      let iHi = kH;
      while (iHi > iLo && oh * sH + (iHi - 1) * dH - padTop >= inH) iHi--;
      const xRow = x + ((<usize>((b * inH + oh * sH - padTop) * inW - padLeft) * cin) << 2);
      const yRow = out + ((<usize>((b * outH + oh) * outW) * cout) << 2);
      let o = 0;
      for (; o + 16 <= cout; o += 16) {
        const ob = (<usize>o) << 2;
        let ow = 0;
        for (; ow < first && ow < outW; ow++) {
          pixel1x8(
            x,
            w + ob,
            bias === 0 ? 0 : bias + ob,
            yRow + <usize>ow * cout * 4 + ob,
            b,
            oh,
            ow,
            inH,
            inW,
            cin,
            cout,
            kH,
            kW,
            sH,
            sW,
            dH,
            dW,
            padTop,
            padLeft,
            relu,
          );
          pixel1x8(
            x,
            w + ob + 32,
            bias === 0 ? 0 : bias + ob + 32,
            yRow + <usize>ow * cout * 4 + ob + 32,
            b,
            oh,
            ow,
            inH,
            inW,
            cin,
            cout,
            kH,
            kW,
            sH,
            sW,
            dH,
            dW,
            padTop,
            padLeft,
            relu,
          );
        }
        for (; ow + 2 <= last; ow += 2) {
          tile2x16(
            xRow + <usize>ow * pixel,
            pixel,
            w + ob,
            bias === 0 ? 0 : bias + ob,
            yRow + <usize>ow * cout * 4 + ob,
            (<usize>cout) << 2,
            iLo,
            iHi,
            kW,
            cin,
            (<usize>(dH * inW * cin)) << 2,
            (<usize>(dW * cin)) << 2,
            tapRow,
            relu,
          );
        }
        for (; ow < outW; ow++) {
          pixel1x8(
            x,
            w + ob,
            bias === 0 ? 0 : bias + ob,
            yRow + <usize>ow * cout * 4 + ob,
            b,
            oh,
            ow,
            inH,
            inW,
            cin,
            cout,
            kH,
            kW,
            sH,
            sW,
            dH,
            dW,
            padTop,
            padLeft,
            relu,
          );
          pixel1x8(
            x,
            w + ob + 32,
            bias === 0 ? 0 : bias + ob + 32,
            yRow + <usize>ow * cout * 4 + ob + 32,
            b,
            oh,
            ow,
            inH,
            inW,
            cin,
            cout,
            kH,
            kW,
            sH,
            sW,
            dH,
            dW,
            padTop,
            padLeft,
            relu,
          );
        }
      }
      // Eight channels past the last multiple of 16: one pixel at a time (keeps the module
      // under 4 KB, the size a browser's main thread may compile synchronously).
      for (; o + 8 <= cout; o += 8) {
        const ob = (<usize>o) << 2;
        for (let ow = 0; ow < outW; ow++) {
          pixel1x8(
            x,
            w + ob,
            bias === 0 ? 0 : bias + ob,
            yRow + <usize>ow * cout * 4 + ob,
            b,
            oh,
            ow,
            inH,
            inW,
            cin,
            cout,
            kH,
            kW,
            sH,
            sW,
            dH,
            dW,
            padTop,
            padLeft,
            relu,
          );
        }
      }
      for (; o < cout; o++) {
        const ob = (<usize>o) << 2;
        for (let ow = 0; ow < outW; ow++) {
          pixel1x1(
            x,
            w + ob,
            bias === 0 ? 0 : bias + ob,
            yRow + <usize>ow * cout * 4 + ob,
            b,
            oh,
            ow,
            inH,
            inW,
            cin,
            cout,
            kH,
            kW,
            sH,
            sW,
            dH,
            dW,
            padTop,
            padLeft,
            relu,
          );
        }
      }
    }
  }
}

/** max(acc, 0) as XNNPACK clamps (0 where acc is not greater than 0, NaN included). */
function clamp(acc: v128, relu: i32): v128 {
  return relu !== 0 ? f32x4.pmax(f32x4.splat(0), acc) : acc;
}

/** One output pixel × eight output channels, taps outside x skipped. */
function pixel1x8(
  x: usize,
  w: usize,
  bias: usize,
  y: usize,
  b: i32,
  oh: i32,
  ow: i32,
  inH: i32,
  inW: i32,
  cin: i32,
  cout: i32,
  kH: i32,
  kW: i32,
  sH: i32,
  sW: i32,
  dH: i32,
  dW: i32,
  padTop: i32,
  padLeft: i32,
  relu: i32,
): void {
  let a0 = bias === 0 ? f32x4.splat(0) : v128.load(bias);
  let a1 = bias === 0 ? f32x4.splat(0) : v128.load(bias, 16);
  const wStep = (<usize>cout) << 2;
  for (let i = 0; i < kH; i++) {
    const ih = oh * sH + i * dH - padTop;
    if (ih < 0 || ih >= inH) continue;
    for (let j = 0; j < kW; j++) {
      const iw = ow * sW + j * dW - padLeft;
      if (iw < 0 || iw >= inW) continue;
      let xp = x + ((<usize>(((b * inH + ih) * inW + iw) * cin)) << 2);
      let wp = w + <usize>((i * kW + j) * cin) * wStep;
      for (let c = 0; c < cin; c++) {
        const s = v128.load32_splat(xp);
        a0 = madd(a0, s, v128.load(wp));
        a1 = madd(a1, s, v128.load(wp, 16));
        xp += 4;
        wp += wStep;
      }
    }
  }
  v128.store(y, clamp(a0, relu));
  v128.store(y, clamp(a1, relu), 16);
}

/** One output pixel × one output channel (channels past the last multiple of 8). */
function pixel1x1(
  x: usize,
  w: usize,
  bias: usize,
  y: usize,
  b: i32,
  oh: i32,
  ow: i32,
  inH: i32,
  inW: i32,
  cin: i32,
  cout: i32,
  kH: i32,
  kW: i32,
  sH: i32,
  sW: i32,
  dH: i32,
  dW: i32,
  padTop: i32,
  padLeft: i32,
  relu: i32,
): void {
  let a: f32 = bias === 0 ? 0 : load<f32>(bias);
  const wStep = (<usize>cout) << 2;
  for (let i = 0; i < kH; i++) {
    const ih = oh * sH + i * dH - padTop;
    if (ih < 0 || ih >= inH) continue;
    for (let j = 0; j < kW; j++) {
      const iw = ow * sW + j * dW - padLeft;
      if (iw < 0 || iw >= inW) continue;
      let xp = x + ((<usize>(((b * inH + ih) * inW + iw) * cin)) << 2);
      let wp = w + <usize>((i * kW + j) * cin) * wStep;
      for (let c = 0; c < cin; c++) {
        a += load<f32>(xp) * load<f32>(wp);
        xp += 4;
        wp += wStep;
      }
    }
  }
  store<f32>(y, relu !== 0 ? (a > 0 ? a : 0) : a);
}

/** Two consecutive output pixels × sixteen output channels, every tap inside x. */
function tile2x16(
  x: usize,
  pixel: usize,
  w: usize,
  bias: usize,
  y: usize,
  yPixel: usize,
  iLo: i32,
  iHi: i32,
  kW: i32,
  cin: i32,
  xTapRow: usize,
  xTap: usize,
  wTapRow: usize,
  relu: i32,
): void {
  let a00 = bias === 0 ? f32x4.splat(0) : v128.load(bias);
  let a01 = bias === 0 ? f32x4.splat(0) : v128.load(bias, 16);
  let a02 = bias === 0 ? f32x4.splat(0) : v128.load(bias, 32);
  let a03 = bias === 0 ? f32x4.splat(0) : v128.load(bias, 48);
  let a10 = a00;
  let a11 = a01;
  let a12 = a02;
  let a13 = a03;
  const wStep = wTapRow / <usize>cin;
  for (let i = iLo; i < iHi; i++) {
    for (let j = 0; j < kW; j++) {
      let xp = x + <usize>i * xTapRow + <usize>j * xTap;
      let wp = w + <usize>(i * kW + j) * wTapRow;
      const end = xp + ((<usize>cin) << 2);
      while (xp < end) {
        const w0 = v128.load(wp);
        const w1 = v128.load(wp, 16);
        const w2 = v128.load(wp, 32);
        const w3 = v128.load(wp, 48);
        const s0 = v128.load32_splat(xp);
        a00 = madd(a00, s0, w0);
        a01 = madd(a01, s0, w1);
        a02 = madd(a02, s0, w2);
        a03 = madd(a03, s0, w3);
        const s1 = v128.load32_splat(xp + pixel);
        a10 = madd(a10, s1, w0);
        a11 = madd(a11, s1, w1);
        a12 = madd(a12, s1, w2);
        a13 = madd(a13, s1, w3);
        xp += 4;
        wp += wStep;
      }
    }
  }
  v128.store(y, clamp(a00, relu));
  v128.store(y, clamp(a01, relu), 16);
  v128.store(y, clamp(a02, relu), 32);
  v128.store(y, clamp(a03, relu), 48);
  y += yPixel;
  v128.store(y, clamp(a10, relu));
  v128.store(y, clamp(a11, relu), 16);
  v128.store(y, clamp(a12, relu), 32);
  v128.store(y, clamp(a13, relu), 48);
}
