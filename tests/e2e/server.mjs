// A tiny static file server for the built site (dist/), for the end-to-end tests.
// It sends .wasm as application/wasm (streaming compilation needs it), never lists folders,
// never serves outside its root, and answers unknown paths with 404.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `root` on 127.0.0.1 at a free port, at `prefix` (`/`, or a folder such as
 * `/synack/` as a static host's project site would: anything outside it is a 404).
 * @param {string} root folder to serve (absolute)
 * @param {{prefix?: string}} [opts]
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 */
export async function startServer(root, { prefix = '/' } = {}) {
  const base = path.resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const { pathname: full } = new URL(req.url ?? '/', 'http://localhost');
      if (!full.startsWith(prefix)) throw new Error('outside the prefix');
      const pathname = '/' + full.slice(prefix.length);
      let file = path.resolve(base, '.' + decodeURIComponent(pathname));
      if (file !== base && !file.startsWith(base + path.sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
