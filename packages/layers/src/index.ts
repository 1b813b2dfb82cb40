/**
 * The `.` entry of @rectify/layers: runs in a browser (no Node built-ins, no HDF5 or zip
 * reader). The Keras import is the `./keras` entry; the Node file-system IO is `./node`.
 */
export {
  ACTIVATIONS,
  type ActivationName,
  type ConstraintIdentifier,
  type InitializerIdentifier,
  type LayerArgs,
  type RegularizerIdentifier,
  type SerializedObject,
} from './layers/common';
export {
  CausalConv1D,
  type CausalConv1DArgs,
  type CausalConv1DConfig,
  type Conv1DArgs,
  causalConv1d,
  conv1d,
} from './layers/causal-conv1d';
export {
  DC_MODES,
  type DCMode,
  DCReLU,
  type DCReLUArgs,
  type DCReLUConfig,
  dcRelu,
} from './layers/dc-relu';
export { LinearDC, type LinearDCArgs, type LinearDCConfig, linearDc } from './layers/linear-dc';
export {
  type AblateActivationsOptions,
  ablateActivations,
  type ReluSite,
  resolveReluLayers,
  reluSites,
} from './ablate/ablate';
export { DCOnlyReLU, dcOnlyRelu } from './ablate/dc-only-relu';
export {
  ABLATION_MODES,
  type AblationMode,
  type ParsedAblationMode,
  parseAblationMode,
} from './ablate/modes';
export {
  loadLayersModelWithCausal,
  mapCausalConv1D,
  modelFromKerasJson,
} from './io/causal-json';
export { activationLayerClassNames, isActivationLayerClass } from './probes/activation-layers';
export {
  type ProbeFields,
  type ProbeInput,
  type ProbeInputOptions,
  parseProbeFields,
  probeInput,
} from './probes/probe-input';
export {
  type ActivationSpectraOptions,
  type ActivationSpectraResult,
  activationSpectra,
  type ChannelSpectra,
  type LayerSpectra,
} from './probes/activation-spectra';
export {
  type ConvFrequencyResponseOptions,
  type ConvLayerResponse,
  convFrequencyResponse,
  type ResponseConvention,
} from './probes/frequency-response';
export {
  FrequencyResponseCallback,
  type FrequencyResponseCallbackOptions,
  type FrequencyResponseRecord,
  frequencyResponseCallback,
} from './callbacks/frequency-response';
export {
  WeightDistanceCallback,
  type WeightDistanceOptions,
  type WeightDistanceRecord,
  weightDistanceCallback,
} from './callbacks/weight-distance';
export {
  ADAM_UPDATE_KERNEL,
  type BackendChoice,
  FusedAdamOptimizer,
  fusedAdam,
  registerTrainingKernels,
  type SetupBackendOptions,
  setupBackend,
  TRAINING_GRADIENT_NAMES,
  TRAINING_KERNEL_NAMES,
  type TrainingFlopsOptions,
  trainingFlops,
  trainingKernelsInstalled,
} from './backend/index';
