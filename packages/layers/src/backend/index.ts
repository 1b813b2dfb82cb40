export {
  ADAM_UPDATE_KERNEL,
  FusedAdamOptimizer,
  fusedAdam,
} from './fused-adam';
export { type TrainingFlopsOptions, trainingFlops } from './flops';
export {
  registerTrainingKernels,
  TRAINING_GRADIENT_NAMES,
  TRAINING_KERNEL_NAMES,
  trainingKernelsInstalled,
} from './register';
export { type BackendChoice, type SetupBackendOptions, setupBackend } from './setup-backend';
