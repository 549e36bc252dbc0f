// The search index's manifest as the benches read it, refused as core::search::Manifest::check
// refuses it: a format other than this checkout's INDEX_FORMAT (read from core's source, where it
// is defined), or a file name that is not plain (is_plain_name's rule), or a size that is not a count.
import fs from 'node:fs';
import path from 'node:path';

const SEARCH_RS = new URL('../../core/src/search/mod.rs', import.meta.url);

/** `pub const INDEX_FORMAT: u32 = N;` in core/src/search/mod.rs. */
export function indexFormat(source = fs.readFileSync(SEARCH_RS, 'utf8')) {
  const m = /^pub const INDEX_FORMAT: u32 = (\d+);$/m.exec(source);
  if (!m) throw new Error('no INDEX_FORMAT in core/src/search/mod.rs');
  return Number(m[1]);
}

/** core::search::is_plain_name: 1 to 255 ASCII letters, digits, `.`, `_`, `-`; not only dots. */
export function isPlainName(name) {
  return typeof name === 'string' && /^[A-Za-z0-9._-]{1,255}$/.test(name) && !/^\.+$/.test(name);
}

/** The manifest's total size; throws, naming `where`, when the manifest would be refused. */
export function checkManifest(manifest, where = 'manifest.json') {
  const format = indexFormat();
  if (manifest?.format !== format) {
    throw new Error(`${where}: the index has format ${manifest?.format}; this checkout reads only ${format} (rebuild the site)`);
  }
  const files = manifest.files;
  if (!Array.isArray(files)) throw new Error(`${where}: no list of files`);
  const bad = files.find((f) => !isPlainName(f?.name));
  if (bad) throw new Error(`${where}: the manifest names an unsafe file ${JSON.stringify(bad.name)}`);
  if (!files.every((f) => Number.isSafeInteger(f.size) && f.size >= 0)) throw new Error(`${where}: a file size is not a count`);
  return files.reduce((sum, f) => sum + f.size, 0);
}

/** `search-index/manifest.json` of the index folder `dir`, checked: the manifest and its total size. */
export function readManifest(dir) {
  const where = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(where, 'utf8'));
  return { manifest, bytes: checkManifest(manifest, where) };
}
