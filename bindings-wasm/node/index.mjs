// Node.js ES-module entry of openshift-image-wasm: the `wasm-bindgen --target nodejs` build
// (which instantiates the module synchronously when loaded) with the same default export as
// the browser build, so `import init, { parse } from 'openshift-image-wasm'; await init();`
// runs unchanged in browsers and in Node.
import { createRequire } from 'node:module';

export * from '../pkg-node/openshift_image_wasm.js';

const wasm = createRequire(import.meta.url)('../pkg-node/openshift_image_wasm.js');

/** The browser build's initializer; in Node the module is ready on import, so this resolves at once. */
export default async function init() {
  return wasm;
}

/** The browser build's synchronous initializer; a no-op in Node. */
export function initSync() {
  return wasm;
}
