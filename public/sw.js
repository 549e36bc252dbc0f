// The village terminal's service worker: once the terminal holds a verified version (see
// docs/BUNDLES.md, "Browser terminals"), it answers this origin's requests from that version,
// stored by the sync worker in the Origin Private File System:
//
//   gongkai-terminal/active.json        {version, source, installed}: the version to serve
//   gongkai-terminal/versions/<n>.json  that version's signed manifest: path -> sha256, size
//   gongkai-terminal/objects/<sha256>   each file's bytes
//
// A bundle is the whole built site (app shell, scripts, wasm, data, search index, search worker),
// so the terminal opens, reads and searches with no network at all, and runs only signed code and
// data. Paths the stored version lacks go to the network. With nothing installed it changes
// nothing. Registered by the /sync page only; ordinary visitors never get it.
'use strict';

const ROOT = 'gongkai-terminal';

const TYPES = {
  html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8', wasm: 'application/wasm', json: 'application/json',
  css: 'text/css; charset=utf-8', txt: 'text/plain; charset=utf-8', svg: 'image/svg+xml',
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
  pdf: 'application/pdf', woff2: 'font/woff2', xml: 'application/xml',
  webmanifest: 'application/manifest+json',
};

self.addEventListener('install', (event) => event.waitUntil(self.skipWaiting()));
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname === '/sw.js') return;
  event.respondWith(answer(request, url));
});

// The manifest of the version last served, so a page's many requests parse it once.
let served = { version: null, files: null };

/** The active version's files (path -> entry) and its objects folder, or null when none. */
async function activeVersion() {
  try {
    const root = await (await navigator.storage.getDirectory()).getDirectoryHandle(ROOT);
    const active = JSON.parse(await readText(root, 'active.json'));
    if (served.version !== active.version) {
      const versions = await root.getDirectoryHandle('versions');
      const manifest = JSON.parse(await readText(versions, `${active.version}.json`));
      served = { version: active.version, files: new Map(manifest.files.map((f) => [f.path, f])) };
    }
    return { version: served.version, files: served.files, objects: await root.getDirectoryHandle('objects') };
  } catch {
    return null; // nothing installed yet (or storage unavailable): the network answers
  }
}

async function readText(dir, name) {
  return (await (await dir.getFileHandle(name)).getFile()).text();
}

async function answer(request, url) {
  const store = await activeVersion();
  const path = store && sitePath(store.files, url.pathname);
  if (path) {
    const response = await fromStore(store, path, 200, request.headers.get('Range'));
    if (response) return response;
  }
  try {
    return await fetch(request);
  } catch (err) {
    // Offline and not in the stored version: an app route still gets the app (as 404.html).
    if (store && request.mode === 'navigate' && store.files.has('404.html')) {
      const page = await fromStore(store, '404.html', 404);
      if (page) return page;
    }
    throw err;
  }
}

/** The stored file for a URL path, as a static host would pick it (`/x/` and `/x` -> `x/index.html`). */
function sitePath(files, pathname) {
  let path;
  try {
    path = decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    return null;
  }
  const candidates = path === '' || path.endsWith('/') ? [`${path}index.html`] : [path, `${path}/index.html`];
  return candidates.find((p) => files.has(p)) || null;
}

async function fromStore(store, path, status, range = null) {
  const entry = store.files.get(path);
  try {
    const file = await (await store.objects.getFileHandle(entry.sha256)).getFile();
    if (file.size !== entry.size) return null; // never serve a damaged object; the network may help
    const ext = path.includes('.') ? path.slice(path.lastIndexOf('.') + 1).toLowerCase() : '';
    const headers = {
      'Content-Type': TYPES[ext] || 'application/octet-stream',
      'Content-Length': String(file.size),
      'X-Content-Type-Options': 'nosniff',
      'X-Gongkai-Version': String(store.version),
    };
    const part = status === 200 && byteRange(range, file.size);
    if (part) {
      // As a static host answers Range, so the search worker reads a big stored index lazily.
      headers['Content-Range'] = `bytes ${part.start}-${part.end - 1}/${file.size}`;
      headers['Content-Length'] = String(part.end - part.start);
      return new Response(file.slice(part.start, part.end), { status: 206, headers });
    }
    return new Response(file, { status, headers });
  } catch {
    return null;
  }
}

/** `Range: bytes=a-b` (or `a-`) within a file of `size` bytes as {start, end} (end exclusive); else null (whole file). */
function byteRange(range, size) {
  const m = /^bytes=(\d+)-(\d*)$/.exec((range || '').trim());
  if (!m) return null;
  const start = Number(m[1]);
  const end = m[2] === '' ? size : Math.min(Number(m[2]) + 1, size);
  return start < end ? { start, end } : null;
}
