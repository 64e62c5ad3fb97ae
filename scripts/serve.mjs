// Serves the dashboard as static files on 127.0.0.1 (default port 8080):
//   /            → web/
//   /wasm/       → the package's JS and wasm (wasm/*.js, wasm/dist/*)
//   /vendor/uplot/ → uPlot from node_modules
//   /sw-manifest.json → the Service Worker's precache list and version, computed per request
// or, with --root <dir>, that one folder as it is (e.g. web-dist/ from `npm run build`).
// The database itself lives in the browser (IndexedDB); this server only hands out files.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { appFiles, MOUNTS, swManifest } from './web_files.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const host = opt('host', '127.0.0.1');
const port = Number(opt('port', process.env.PORT ?? 8080));

const staticRoot = opt('root', null);
const mounts = staticRoot ? [['/', resolve(staticRoot)]] : MOUNTS.map(([prefix, dir]) => [`/${prefix}`, dir]);

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.lp': 'text/plain; charset=utf-8', '.ico': 'image/x-icon',
};

async function resolveFile(urlPath) {
  for (const [prefix, dir] of mounts) {
    if (!urlPath.startsWith(prefix)) continue;
    let rel = urlPath.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(dir, rel));
    if (!file.startsWith(dir + sep)) return null;  // no escaping the mounted folder
    try {
      if ((await stat(file)).isFile()) return file;
    } catch {}
    return null;
  }
  return null;
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://localhost');
    if (!staticRoot && url.pathname === '/sw-manifest.json') {
      const body = JSON.stringify(await swManifest(await appFiles()));
      res.writeHead(200, { 'content-type': types['.json'], 'cache-control': 'no-cache' }).end(body);
      return;
    }
    const file = await resolveFile(decodeURIComponent(url.pathname));
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(file ? 405 : 404, { 'content-type': 'text/plain' }).end(file ? 'method not allowed' : 'not found');
      return;
    }
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (err) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
  }
});

server.listen(port, host, () => {
  const { port: bound } = server.address();
  console.log(`Tidewater dashboard: http://${host}:${bound}/`);
  console.log('First visit: set up your own database, or open ' + `http://${host}:${bound}/?sample=1` + ' (or click');
  console.log('"Load sample data") for the sample: user "admin", password "tidewater-sample", org "sample-org", bucket "sample".');
  if (process.send) process.send({ port: bound });
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
