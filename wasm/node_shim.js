// Prepended (--extern-pre-js) to the Emscripten glue so that ONE ES module runs in browsers
// and in Node: Emscripten 3.1.6's ES6 output reaches for `require`/`__dirname` and loads the
// .wasm with global fetch, none of which work for a file in a Node ES module.
// No top-level await here: it would stop `require()` of the package.
var require, __dirname, __filename;
var fetch = globalThis.fetch;
if (typeof process === 'object' && process.versions && process.versions.node) {
  const nodeModule = process.getBuiltinModule('module');
  require = nodeModule.createRequire(import.meta.url);
  const nodeUrl = require('url');
  const nodePath = require('path');
  __filename = nodeUrl.fileURLToPath(import.meta.url);
  __dirname = nodePath.dirname(__filename);
  const nodeFs = require('fs');
  fetch = async (resource) => {
    const href = typeof resource === 'string' ? resource : resource.href ?? String(resource);
    const file = href.startsWith('file:') ? nodeUrl.fileURLToPath(href) : href;
    const bytes = await nodeFs.promises.readFile(file);
    return new Response(bytes, { headers: { 'Content-Type': 'application/wasm' } });
  };
}
