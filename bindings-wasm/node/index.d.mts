// Types of the Node.js ES-module entry: the functions and interfaces of the wasm-bindgen
// build, plus the no-op initializers that keep code portable between browsers and Node.
export * from '../pkg-node/openshift_image_wasm.js';

/** Resolves at once in Node (the module is instantiated on import); loads the `.wasm` in browsers. */
export default function init(moduleOrPath?: unknown): Promise<unknown>;
/** A no-op in Node; instantiates the module synchronously in browsers. */
export function initSync(module?: unknown): unknown;
