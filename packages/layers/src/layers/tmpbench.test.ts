import * as tf from '@tensorflow/tfjs';
import { it } from 'vitest';
import { setupBackend } from '../backend/index';
it('bench', async () => {
  for (const backend of ['wasm', 'cpu'] as const) {
    await setupBackend({ backend });
    const x = tf.randomNormal([64, 256, 32]) as tf.Tensor3D;
    const w = tf.variable(tf.randomNormal([3, 32, 32])) as unknown as tf.Tensor3D;
    const viaPad = () => tf.conv1d(tf.pad(x, [[0, 0], [2, 0], [0, 0]]), w, 1, 'valid');
    const viaExplicit = () => tf.conv1d(x, w, 1, [[0, 0], [0, 0], [2, 0], [0, 0]] as never);
    const a = viaPad(); const b = viaExplicit();
    console.log(backend, 'maxdiff', tf.max(tf.abs(tf.sub(a, b))).dataSync()[0], b.shape);
    for (const [name, f] of [['pad', viaPad], ['explicit', viaExplicit]] as const) {
      const g = tf.grads((xx: tf.Tensor, ww: tf.Tensor) => tf.sum(name === 'pad' ? tf.conv1d(tf.pad(xx as tf.Tensor3D, [[0, 0], [2, 0], [0, 0]]), ww as tf.Tensor3D, 1, 'valid') : tf.conv1d(xx as tf.Tensor3D, ww as tf.Tensor3D, 1, [[0, 0], [0, 0], [2, 0], [0, 0]] as never)));
      const reps = backend === 'wasm' ? 20 : 2;
      g([x, w]).forEach((t) => t.dispose());
      const t0 = performance.now();
      for (let i = 0; i < reps; i++) { const r = g([x, w]); await r[1]!.data(); r.forEach((t) => t.dispose()); }
      console.log(backend, name, ((performance.now() - t0) / reps).toFixed(2), 'ms fwd+bwd');
    }
    void f;
  }
}, 600000);
const f = 0;
