// Index-building figures, each run under GNU time (`/usr/bin/time -v`): wall time and peak memory
// (maximum resident set size), medians over RUNS, and the index's size and file count.
//
//   node tests/bench/build.mjs full        BIN CONTENT OUT APP RUNS OUT.json   full gongkai build (no cache, no output)
//   node tests/bench/build.mjs incremental BIN CONTENT OUT APP RUNS OUT.json   one content file's body changed, rebuilt
//   node tests/bench/build.mjs pagefind    PAGEFIND SITE RUNS OUT.json         Pagefind over an HTML site
//
// `incremental` works on a copy of CONTENT (OUT.content), builds it once untimed to fill the
// render cache, then appends a new sentence to one content file before each timed rebuild.
//
// `full` moves the previous run's output (site, render and shard cache, staging) aside before
// each run, so every run is a build from nothing, and deletes those copies after the last run.
// It does not delete them before a run because on an ext4 without a journal (this VM's root
// file system), ext4 skips recently freed inodes when it picks one for a new file
// (`recently_deleted`: freed less than 60 s ago, or 360 s while their inode-table block is
// dirty, which the new files make it), scanning the whole group when every free inode in it is
// recent: 60,000 new files took 39 s right after 60,000 were deleted, 2.5 s after `sync` and
// 370 s. A 100,000-item site and its cache free about 900,000 inodes, so a build right after
// deleting one paid that scan for most of the files it wrote (210 s instead of 128 s). That is
// the bench's own deletion, not the build's work. SETTLE_S=N still syncs and waits N seconds
// before each run. Each run's phase times (`gongkai build` prints them over 500 items) are kept
// in the JSON.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { median, writeJson } from './lib.mjs';
import { readManifest } from './manifest.mjs';

/** Runs a command under GNU time; { wall_s, peak_rss_mib, user_s, sys_s, phases }. Throws with its stderr if it fails. */
function timed(cmd, args) {
  const run = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
  const err = run.stderr ?? '';
  if (run.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${run.status ?? run.error}): ${err.slice(-2000)}`);
  const wall = err.match(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/);
  const rss = err.match(/Maximum resident set size \(kbytes\): (\d+)/);
  const [h, m, s] = [Number(wall[1] || 0), Number(wall[2]), Number(wall[3])];
  const cpu = (name) => Number(err.match(new RegExp(`${name} time \\(seconds\\): ([\\d.]+)`))?.[1]);
  const [user_s, sys_s] = [cpu('User'), cpu('System')];
  return { wall_s: h * 3600 + m * 60 + s, peak_rss_mib: Number(rss[1]) / 1024, user_s, sys_s, phases: phases(err) };
}

/** The build's `  <phase>: <seconds> s` lines, as { phase: seconds }. */
function phases(stderr) {
  const out = {};
  for (const m of stderr.matchAll(/^ {2}([^:\n]+): ([\d.]+) s$/gm)) out[m[1]] = Number(m[2]);
  return out;
}

function repeat(runs, before, cmd, args, label) {
  const out = [];
  for (let i = 1; i <= runs; i += 1) {
    before(i);
    const r = timed(cmd, args);
    console.log(`  ${label} run ${i}: ${r.wall_s.toFixed(2)} s, peak ${r.peak_rss_mib.toFixed(0)} MiB`);
    out.push(r);
  }
  return { wall_s: median(out.map((r) => r.wall_s)), peak_rss_mib: median(out.map((r) => r.peak_rss_mib)), runs: out };
}

/** Files and bytes under a folder (recursively unless `flat`); `skip` leaves out names. */
function tally(dir, skip = () => false, flat = false) {
  let files = 0;
  let bytes = 0;
  if (!fs.existsSync(dir)) return { files, bytes };
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: !flat })) {
    if (!e.isFile() || skip(e.name)) continue;
    files += 1;
    bytes += fs.statSync(path.join(e.parentPath ?? e.path, e.name)).size;
  }
  return { files, bytes };
}

/**
 * Our index: `folder` is what a Range-capable host serves (search-index/ itself, without the
 * .gz/.br twins and without chunks/, the fallback copy for hosts without Range); `chunks` that
 * copy; `all` every file, twins included.
 */
function ourIndex(site) {
  const dir = path.join(site, 'search-index');
  const { manifest, bytes } = readManifest(dir);
  return {
    items: manifest.items,
    manifest_files: manifest.files.length,
    manifest_bytes: bytes,
    folder: tally(dir, (n) => /\.(gz|br)$/.test(n), true),
    chunks: tally(path.join(dir, 'chunks')),
    all: tally(dir),
  };
}

/** The output folder and its siblings a build makes: render and shard cache, staging. */
const outputs = (out) => [out, path.join(path.dirname(out), `.${path.basename(out)}.cache`), path.join(path.dirname(out), `.${path.basename(out)}.staging`)];

const clean = (out) => () => {
  for (const p of outputs(out)) fs.rmSync(p, { recursive: true, force: true });
};

/** Moves the output folders aside (renames, freeing no inodes); `dropAside` deletes them. */
const setAside = (out, i) => {
  for (const p of outputs(out)) if (fs.existsSync(p)) fs.renameSync(p, `${p}.aside-${i}`);
};
const dropAside = (out, runs) => {
  for (let i = 1; i <= runs; i += 1) for (const p of outputs(out)) fs.rmSync(`${p}.aside-${i}`, { recursive: true, force: true });
};

/** Syncs and waits SETTLE_S seconds, so the file system forgets earlier deletions (see the header). */
function settle() {
  const seconds = Number(process.env.SETTLE_S ?? 0);
  if (!(seconds > 0)) return;
  spawnSync('sync');
  spawnSync('sleep', [String(seconds)]);
}

function full([bin, content, out, app, runs, json]) {
  dropAside(out, Number(runs));
  const before = (i) => {
    setAside(out, i);
    settle();
  };
  const r = repeat(Number(runs), before, bin, ['build', '--content', content, '--out', out, '--app', app], 'full build');
  writeJson(json, { ...r, index: ourIndex(out) });
  dropAside(out, Number(runs));
}

/** The first content file in name order; the one every incremental run edits. */
function firstContentFile(dir) {
  const all = fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.md')).sort();
  return path.join(dir, all[0]);
}

function incremental([bin, content, out, app, runs, json]) {
  const copy = `${out}.content`;
  fs.rmSync(copy, { recursive: true, force: true });
  fs.cpSync(content, copy, { recursive: true });
  clean(out)();
  const args = ['build', '--content', copy, '--out', out, '--app', app];
  timed(bin, args);
  const file = firstContentFile(copy);
  const edit = (i) => fs.appendFileSync(file, `\n基准测试第${i}次修改追加的一句话。\n`);
  const r = repeat(Number(runs), edit, bin, args, 'one-file rebuild');
  writeJson(json, { ...r, edited: path.relative(copy, file) });
  fs.rmSync(copy, { recursive: true, force: true });
  clean(out)();
}

function pagefind([binary, site, runs, json]) {
  const dir = path.join(site, 'pagefind');
  const r = repeat(Number(runs), () => fs.rmSync(dir, { recursive: true, force: true }), binary, ['--site', site], 'Pagefind index');
  const pages = tally(site, (n) => !n.endsWith('.html')).files - 1; // less the harness page
  writeJson(json, { ...r, pages, index: { folder: tally(dir) } });
}

const [command, ...args] = process.argv.slice(2);
const commands = { full, incremental, pagefind };
if (!commands[command]) throw new Error('usage: build.mjs full|incremental|pagefind ...');
commands[command](args);
