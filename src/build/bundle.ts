// Build step (after tsc and prebuild): bundles the command line into dist/bundle/, which bin/adherence.js
// starts from. Node 20 has no compile cache, and most of a cold start went to resolving and loading
// about 130 modules one by one (our own and yaml's 72 CommonJS files); one ES module per command loads
// in a fraction of that. Commands stay separate chunks, so `check` never parses the fuzzer or the diff.
// Kept outside the bundle: Node's own modules; dist/paths.js, which finds the package folder from its
// own place; and what the code loads at run time through `createRequire` (ajv's validators and
// compiler, json-rules-engine, picomatch, tinyglobby), resolved from node_modules as before.
import { rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { rollup } from 'rollup';
import commonjsPlugin from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { packageRoot } from '../paths.js';

export const BUNDLE_DIR = join(packageRoot, 'dist', 'bundle');
const dist = join(packageRoot, 'dist');
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const pathsModule = join(dist, 'paths.js');
// The plugin's types describe a CommonJS module; imported as ES, its default export is the function.
const commonjs = commonjsPlugin as unknown as typeof commonjsPlugin.default;

await rm(BUNDLE_DIR, { recursive: true, force: true });
const bundle = await rollup({
  input: { main: join(dist, 'cli', 'main.js') },
  external: (id) => builtins.has(id) || id === pathsModule,
  plugins: [nodeResolve({ exportConditions: ['node', 'import', 'default'], preferBuiltins: true }), commonjs()],
  // The warnings rollup gives on these packages (circular imports inside yaml, `this` at the top of
  // CommonJS files) are about code that runs the same bundled or not.
  onwarn: (warning, warn) => {
    if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
});
// Names without a content hash: a build that runs while a check is running (a watcher, a second
// terminal) replaces the chunks under the same names, instead of leaving the running process to
// look for chunks that are gone.
await bundle.write({ dir: BUNDLE_DIR, format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name].js' });
await bundle.close();
process.stdout.write('bundle: dist/bundle/main.js\n');
