// Build step (after tsc and prebuild): bundles the command line into dist/bundle/, which bin/adherence.js
// starts from. Node 20 has no compile cache, and most of a cold start went to resolving and loading
// about 130 modules one by one (our own and yaml's 72 CommonJS files); one chunk per command loads
// in a fraction of that. Commands stay separate chunks, so `check` never parses the fuzzer or the diff.
// The chunks are CommonJS scripts (.cjs), so that src/codecache.ts can run them through `vm.Script`
// with V8's code cache, which the next step (src/build/codecache.ts) makes; ES modules cannot take one.
// Kept outside the bundle: Node's own modules; dist/paths.js, which finds the package folder from its
// own place; dist/codecache.js, which runs the chunks (and the validators); and what the code loads at
// run time through `createRequire` (ajv's compiler, json-rules-engine, picomatch, tinyglobby),
// resolved from node_modules as before.
import { rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { rollup } from 'rollup';
import commonjsPlugin from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { packageRoot } from '../paths.js';
import { BUNDLE_DIR, LOADER } from '../codecache.js';

const dist = join(packageRoot, 'dist');
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
// The loader that runs the chunks is one module for them and for the launcher.
const ownModules = new Set([join(dist, 'paths.js'), join(dist, 'codecache.js')]);
// The plugin's types describe a CommonJS module; imported as ES, its default export is the function.
const commonjs = commonjsPlugin as unknown as typeof commonjsPlugin.default;

await rm(BUNDLE_DIR, { recursive: true, force: true });
await rm(LOADER, { force: true });
const bundle = await rollup({
  input: { main: join(dist, 'cli', 'main.js') },
  external: (id) => builtins.has(id) || ownModules.has(id),
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
await bundle.write({ dir: BUNDLE_DIR, format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name].cjs' });
await bundle.close();

// The loader itself, with dist/paths.js inside, as one CommonJS file beside them, which the launcher
// requires: a start with no ES module at all is cheaper (Node's ES loader, and ES namespaces of its own
// modules such as node:crypto, cost about a tenth of a cold start).
const loader = await rollup({
  input: join(dist, 'codecache.js'),
  external: (id) => builtins.has(id),
  onwarn: (warning, warn) => warning.code !== 'CIRCULAR_DEPENDENCY' && warn(warning), // it imports itself, for the chunks
});
await loader.write({ file: LOADER, format: 'cjs' });
await loader.close();
process.stdout.write('bundle: dist/bundle/main.cjs, loaded by dist/codecache.cjs\n');
