// The village terminal's service worker: once the terminal holds a verified version (see
// docs/BUNDLES.md, "Browser terminals"), it answers this origin's requests from that version,
// stored by the sync worker in the Origin Private File System, in the one terminal layout of
// `gongkai_core::bundle::terminal::layout` (the native store's too):
//
//   gongkai-terminal/active.json        {version, source, installed}: the version to serve
//   gongkai-terminal/versions/<n>.json  that version's signed manifest: path -> sha256, size
//   gongkai-terminal/objects/<sha256>   each file's bytes
//
// When active.json or its manifest is damaged, the newest version whose manifest still reads is
// served (the last good one); /sync/ says so.
//
// A bundle is the whole built site (app shell, scripts, wasm, data, search index, search worker),
// so the terminal opens, reads and searches with no network at all, and runs only signed code and
// data. It serves exactly what was verified:
// - a path the version lists comes only from its object, and only after the object's bytes hashed
//   to the manifest's SHA-256; a missing or damaged object is an error page, never the network;
// - any other page gets the stored 404 page, and any other file a plain 404;
// - only the sync worker's own requests (marked `X-Gongkai-Sync`) reach the network, for the
//   feed and the site's newer trust root, which it verifies itself.
// An object is hashed when first served by this worker and again whenever its file changed
// (size or last-modified time): every write to OPFS sets the time, so a forged object is never
// served, and a page does not pay a full hash of the search index on each range read.
// With nothing installed it changes nothing. Registered by the /sync page only; ordinary
// visitors never get it.
'use strict';

const ROOT = 'gongkai-terminal';
/** The header the sync worker puts on its same-origin requests: they go to the network. */
const SYNC_HEADER = 'X-Gongkai-Sync';

// The Rust server's table (builder/src/serve/mime.rs); tests/e2e/sw-rules.test.mjs keeps them equal.
const TYPES = {
  html: 'text/html; charset=utf-8', htm: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8', wasm: 'application/wasm', json: 'application/json',
  css: 'text/css; charset=utf-8', txt: 'text/plain; charset=utf-8', svg: 'image/svg+xml',
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
  pdf: 'application/pdf', woff: 'font/woff', woff2: 'font/woff2', xml: 'application/xml',
  webmanifest: 'application/manifest+json', ico: 'image/x-icon', md: 'text/plain; charset=utf-8',
  map: 'application/json', csv: 'text/csv; charset=utf-8', atom: 'application/atom+xml',
};

self.addEventListener('install', (event) => event.waitUntil(self.skipWaiting()));
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname === '/sw.js') return;
  if (request.headers.has(SYNC_HEADER)) return;
  event.respondWith(answer(request, url));
});

// The manifest of the version last served, so a page's many requests parse it once; `stamp`
// (size and last-modified of its file) notices when that file is replaced or damaged.
let served = { version: null, stamp: null, files: null };

/** The version to serve (path -> entry) and its objects folder; null when nothing is installed;
 * `{ broken: true }` when the store's records cannot be read at all. The rule is
 * `gongkai_core::bundle::terminal::layout::serving`: the active version when its manifest reads,
 * else the newest version whose manifest still reads (the last good one). */
async function activeVersion() {
  let root;
  try {
    root = await (await navigator.storage.getDirectory()).getDirectoryHandle(ROOT);
  } catch {
    return null; // nothing installed yet (or storage unavailable): the network answers
  }
  let active = null;
  try {
    active = JSON.parse(await readText(root, 'active.json')).version;
  } catch {
    active = null; // missing or damaged: fall back below
  }
  try {
    const versions = await root.getDirectoryHandle('versions');
    const version = active !== null && (await loadManifest(versions, active)) ? active : await lastGood(versions);
    if (version === null) return active === null ? null : { broken: true };
    return { version, files: served.files, objects: await root.getDirectoryHandle('objects') };
  } catch {
    return active === null ? null : { broken: true };
  }
}

/** Makes `version`'s manifest the one in `served`; false when it is missing or unreadable. */
async function loadManifest(versions, version) {
  try {
    const file = await (await versions.getFileHandle(`${version}.json`)).getFile();
    const stamp = `${file.size}/${file.lastModified}`;
    if (served.version === version && served.stamp === stamp) return true;
    const manifest = JSON.parse(await file.text());
    if (manifest.version !== version || !Array.isArray(manifest.files)) return false;
    served = { version, stamp, files: new Map(manifest.files.map((f) => [f.path, f])) };
    return true;
  } catch {
    return false;
  }
}

/** The newest stored version whose manifest reads, loaded into `served`; null if none. */
async function lastGood(versions) {
  const numbers = [];
  for await (const name of versions.keys()) {
    const m = /^(0|[1-9][0-9]*)\.json$/.exec(name);
    if (m) numbers.push(Number(m[1]));
  }
  numbers.sort((a, b) => b - a);
  for (const version of numbers) {
    if (await loadManifest(versions, version)) return version;
  }
  return null;
}

async function readText(dir, name) {
  return (await (await dir.getFileHandle(name)).getFile()).text();
}

async function answer(request, url) {
  const store = await activeVersion();
  if (!store) return fetch(request); // nothing installed: the network, as without this worker
  if (store.broken) return damaged(request, `versions/`);
  const path = sitePath(store.files, url.pathname);
  if (path) return (await fromStore(store, path, 200, request.headers.get('Range'))) || damaged(request, path);
  if (request.mode === 'navigate' && store.files.has('404.html')) {
    return (await fromStore(store, '404.html', 404)) || damaged(request, '404.html');
  }
  return new Response('not in the installed version', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** What a page or file whose stored object is missing or fails its hash gets instead. */
function damaged(request, path) {
  const text = `本机存储的文件 ${path} 已损坏或缺失，终端不会显示未经验证的内容。请打开“离线同步”页面重新导入数据包。`;
  if (request.mode !== 'navigate') return new Response(text, { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const escaped = text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>本机数据已损坏</title><main><h1>本机数据已损坏</h1><p role="alert">${escaped}</p><p><a href="/sync/">离线同步</a></p></main></html>`;
  return new Response(html, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
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

/** A Response of the stored, verified object for `path`, or null when it is missing or damaged. */
async function fromStore(store, path, status, range = null) {
  const entry = store.files.get(path);
  let file;
  try {
    file = await verifiedObject(store.objects, entry);
  } catch {
    return null;
  }
  if (!file) return null;
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
}

// sha256 -> {size, lastModified} of the object file last hashed and found right.
const verified = new Map();

/** The object's File when its bytes hash to `entry.sha256` (checked again whenever the file changed). */
async function verifiedObject(objects, entry) {
  const file = await (await objects.getFileHandle(entry.sha256)).getFile();
  if (file.size !== entry.size) return null;
  const seen = verified.get(entry.sha256);
  if (seen && seen.size === file.size && seen.lastModified === file.lastModified) return file;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  if (hex !== entry.sha256) {
    verified.delete(entry.sha256);
    return null;
  }
  verified.set(entry.sha256, { size: file.size, lastModified: file.lastModified });
  return file;
}

/** `Range: bytes=a-b`, `a-` or `-n` (the last n) within a file of `size` bytes as {start, end}
 * (end exclusive); else null (the whole file, where `gongkai serve` may answer 416). The same
 * choice of bytes as builder/src/serve/range.rs: tests/e2e/sw-rules.test.mjs checks it. */
function byteRange(range, size) {
  const m = /^bytes=(\d*)-(\d*)$/.exec((range || '').trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') return Number(m[2]) > 0 && size > 0 ? { start: Math.max(0, size - Number(m[2])), end: size } : null;
  const start = Number(m[1]);
  const end = m[2] === '' ? size : Math.min(Number(m[2]) + 1, size);
  return start < end ? { start, end } : null;
}
