import { backend_util } from '@tensorflow/tfjs';

/** Explicit NHWC paddings `[[0, 0], [top, bottom], [left, right], [0, 0]]` (tfjs's type). */
export type ExplicitPadding = [
  [number, number],
  [number, number],
  [number, number],
  [number, number],
];

/** Attributes shared by Conv2D and its two gradient kernels (tfjs names; `dilations` optional). */
export interface ConvAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: [number, number] | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** Everything a conv gradient needs to know, resolved once (NHWC, all sizes in samples). */
export interface ConvGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  padTop: number;
  padLeft: number;
  padBottom: number;
  padRight: number;
}

/**
 * The geometry in the order the WebAssembly conv kernels of `assembly/conv.ts` take it after
 * their addresses: batch, input height/width/channels, output height/width/channels, filter
 * height/width, strides, dilations, padTop, padLeft.
 */
export function kernelGeometryArgs(g: ConvGeometry): number[] {
  return [
    g.batch,
    g.inHeight,
    g.inWidth,
    g.inChannels,
    g.outHeight,
    g.outWidth,
    g.outChannels,
    g.filterHeight,
    g.filterWidth,
    g.strideHeight,
    g.strideWidth,
    g.dilationHeight,
    g.dilationWidth,
    g.padTop,
    g.padLeft,
  ];
}

function pair(value: [number, number] | number): [number, number] {
  return typeof value === 'number' ? [value, value] : value;
}

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/**
 * Validates the attributes of a conv gradient kernel and resolves its geometry.
 *
 * @throws Error naming the attribute and the value when the combination is not one we compute:
 *   `dataFormat` other than 'NHWC', strides and dilations both above 1, non-positive or
 *   non-integer strides/dilations, inputs that are not rank 4 float32, channel mismatches.
 */
export function resolveConvGeometry(
  kernelName: string,
  xShape: readonly number[],
  filterShape: readonly number[],
  attrs: ConvAttrs,
): ConvGeometry {
  const where = `${kernelName} (wasm, @rectify/layers)`;
  const dataFormat = attrs.dataFormat ?? 'NHWC';
  if (dataFormat !== 'NHWC') {
    throw new Error(`${where}: dataFormat must be 'NHWC', got ${describe(dataFormat)}`);
  }
  if (xShape.length !== 4) {
    throw new Error(
      `${where}: input must be rank 4 [batch, height, width, channels], got shape ${describe(xShape)}`,
    );
  }
  if (filterShape.length !== 4) {
    throw new Error(
      `${where}: filterShape must be rank 4 [height, width, in, out], got ${describe(filterShape)}`,
    );
  }
  const strides = pair(attrs.strides);
  const dilations = pair(attrs.dilations ?? 1);
  for (const [name, values] of [
    ['strides', strides],
    ['dilations', dilations],
  ] as const) {
    if (!values.every((v) => Number.isInteger(v) && v >= 1)) {
      throw new Error(`${where}: ${name} must be integers >= 1, got ${describe(attrs[name])}`);
    }
  }
  if (strides.some((s) => s > 1) && dilations.some((d) => d > 1)) {
    throw new Error(
      `${where}: strides and dilations cannot both exceed 1, got strides ${describe(attrs.strides)} and dilations ${describe(attrs.dilations)}`,
    );
  }
  if (xShape[3] !== filterShape[2]) {
    throw new Error(
      `${where}: input channels (${xShape[3]}) must equal filterShape[2] (${filterShape[2]})`,
    );
  }
  const info = backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  if (info.outHeight <= 0 || info.outWidth <= 0) {
    throw new Error(
      `${where}: the filter (${info.effectiveFilterHeight}x${info.effectiveFilterWidth} with dilation) is wider than the padded input ${describe(xShape)} with pad ${describe(attrs.pad)}`,
    );
  }
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    dilationHeight: info.dilationHeight,
    dilationWidth: info.dilationWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
    padBottom: info.padInfo.bottom,
    padRight: info.padInfo.right,
  };
}

/** Checks that `dy` has the conv's output shape [batch, outHeight, outWidth, outChannels]. */
export function assertDyShape(
  kernelName: string,
  dyShape: readonly number[],
  g: ConvGeometry,
): void {
  const expected = [g.batch, g.outHeight, g.outWidth, g.outChannels];
  if (dyShape.length !== 4 || expected.some((v, i) => dyShape[i] !== v)) {
    throw new Error(
      `${kernelName} (wasm, @rectify/layers): dy must have shape ${describe(expected)}, got ${describe(dyShape)}`,
    );
  }
}

/** Throws unless the tensor is float32 (our gradient kernels compute in float32 only). */
export function assertFloat32(kernelName: string, name: string, dtype: string): void {
  if (dtype !== 'float32') {
    throw new Error(
      `${kernelName} (wasm, @rectify/layers): ${name} must be float32, got '${dtype}'`,
    );
  }
}
