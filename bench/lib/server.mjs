// A static server for the benchmarks: several folders under URL prefixes, plus a few
// in-memory pages, on 127.0.0.1 at a free port. Sends .wasm as application/wasm and .mjs as
// JavaScript, never caches (every page load fetches every byte), never serves outside a root.
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
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * @param {{mounts: {prefix: string, dir: string}[], pages?: Record<string, string>}} opts
 *   mounts: longest prefix wins; pages: URL path → HTML text served as is.
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 */
export async function startServer({ mounts, pages = {} }) {
  const sorted = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length).map((m) => ({ ...m, dir: path.resolve(m.dir) }));
  const server = createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url ?? '/', 'http://localhost');
      const send = (type, body) => {
        res.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      };
      if (Object.hasOwn(pages, pathname)) return send(TYPES['.html'], Buffer.from(pages[pathname]));
      const m = sorted.find((m) => pathname.startsWith(m.prefix));
      if (!m) throw new Error('no mount');
      let file = path.resolve(m.dir, '.' + path.posix.sep + decodeURIComponent(pathname.slice(m.prefix.length)));
      if (file !== m.dir && !file.startsWith(m.dir + path.sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = path.join(file, 'index.html');
      send(TYPES[path.extname(file)] ?? 'application/octet-stream', await readFile(file));
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
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
