/**
 * Keras `.h5` files for the CLI's tests, written from the layers package's Keras fixtures by its
 * test writer (Keras 2.x layout, keras/saving/legacy/hdf5_format.py; see keras-h5-writer.ts).
 */
import { fixtureModelH5 } from '../../../packages/layers/test/keras/keras-h5-writer';

/**
 * The bytes of a Keras `.h5` file holding one fixture model.
 *
 * @param name - the fixture model's name (e.g. `'attention'`).
 * @returns the file's bytes.
 */
export function kerasH5FromFixture(name: string): Promise<Uint8Array> {
  return fixtureModelH5(name);
}
