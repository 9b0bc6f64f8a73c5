// A small static HTTP server on 127.0.0.1 for the browser test: the package's `--target web`
// build, the test page and harness, the conformance vectors (with an index of the files) and
// the README's wasm quickstart. GET only; nothing outside those folders is served.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

import { jsonlFiles } from './paths.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.jsonl': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.ts': 'text/plain; charset=utf-8',
};

/** `root` + `rel`, or null when `rel` leaves `root`. */
function inside(root, rel) {
  const p = normalize(join(root, decodeURIComponent(rel)));
  return p === root || p.startsWith(root + sep) ? p : null;
}

/**
 * Starts the server. `mounts`: URL prefix → folder; `quickstart`: the module text served at
 * /quickstart.mjs; `conformance`: the vectors folder (or null). Resolves to `{url, close}`.
 */
export function startServer({ mounts, quickstart, conformance }) {
  const server = createServer(async (req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    try {
      const path = new URL(req.url, 'http://127.0.0.1').pathname;
      if (req.method !== 'GET') return send(405, 'GET only');
      if (path === '/quickstart.mjs') return send(200, quickstart, TYPES['.mjs']);
      if (path === '/conformance/index.json') {
        return send(200, JSON.stringify(conformance ? jsonlFiles(conformance) : null), TYPES['.json']);
      }
      const table = conformance ? { '/conformance/': conformance, ...mounts } : mounts;
      for (const [prefix, root] of Object.entries(table)) {
        if (!path.startsWith(prefix)) continue;
        const file = inside(root, path.slice(prefix.length) || 'index.html');
        if (!file) return send(403, 'forbidden');
        const body = await readFile(file);
        return send(200, body, TYPES[extname(file)] ?? 'application/octet-stream');
      }
      return send(404, 'not found');
    } catch (e) {
      return send(e.code === 'ENOENT' || e.code === 'EISDIR' ? 404 : 500, String(e));
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolvePromise({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((r) => server.close(r)),
      });
    });
  });
}
