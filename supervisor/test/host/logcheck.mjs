#!/usr/bin/env node
// Log capture stress check under Wine: random line lengths (up to 300 KB), random
// write sizes, no final newline (randlines.exe), and lines split over stdout/stderr
// (lines.exe --both), each with several rotate_max_bytes and with/without timestamps.
// For every case: the files concatenated in name order equal what was written, every
// rotated file ends at a newline, a file over the limit holds a single line (or the
// rare paused-half-line case, reported but not failed), every line has one stamp.
//
//   . scripts/wine-env.sh && make -C supervisor && make -C supervisor testprogs
//   node supervisor/test/host/logcheck.mjs
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const sup = path.resolve(here, '../..');
const prefix = process.env.SVCFORGE_WINEPREFIX || process.env.WINEPREFIX;
if (!prefix) {
  console.error('logcheck: set WINEPREFIX (. scripts/wine-env.sh)');
  process.exit(3);
}
const root = path.join(prefix, 'drive_c', 'svcforge-logcheck');
rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });
for (const [from, to] of [
  [path.join(sup, 'dist', 'svcforge-host.exe'), 'svcforge-host.exe'],
  [path.join(sup, 'build', 'testprogs', 'randlines.exe'), 'randlines.exe'],
  [path.join(sup, 'build', 'testprogs', 'lines.exe'), 'lines.exe'],
]) copyFileSync(from, path.join(root, to));

function randlines(seed, count) {
  let rng = seed >>> 0 || 1;
  const next = () => {
    rng = (rng ^ (rng << 13)) >>> 0;
    rng = (rng ^ (rng >>> 17)) >>> 0;
    rng = (rng ^ (rng << 5)) >>> 0;
    return rng;
  };
  const parts = [];
  for (let i = 0; i < count; i++) {
    const r = next();
    const len = r % 16 === 0 ? next() % 300000 : next() % 201;
    const b = Buffer.alloc(len + (i + 1 === count ? 0 : 1));
    for (let k = 0; k < len; k++) b[k] = 97 + ((i + k) % 26);
    if (i + 1 !== count) b[len] = 10;
    parts.push(b);
  }
  return Buffer.concat(parts);
}

function numbered(from, to, step) {
  const out = [];
  for (let i = from; i <= to; i += step) out.push(`line ${String(i).padStart(7, '0')} ${'x'.repeat(40)}\n`);
  return Buffer.from(out.join(''));
}

function run(name, args, extra) {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  const conf = [
    'version = 1', `name = ${name}`, `program = C:\\svcforge-logcheck\\${args[0]}`,
    ...args.slice(1).map((a) => `arg = ${a}`), 'restart = never',
    `log_dir = C:\\svcforge-logcheck\\${name}\\logs`, ...extra,
  ].join('\r\n') + '\r\n';
  writeFileSync(path.join(dir, 'host.conf'), conf);
  execFileSync('wine', [path.join(root, 'svcforge-host.exe'), 'console', `C:\\svcforge-logcheck\\${name}\\host.conf`],
    { stdio: 'ignore', env: { ...process.env, WINEDEBUG: '-all' } });
  return path.join(dir, 'logs');
}

function collect(logDir, base) {
  const rotated = readdirSync(logDir).filter((f) => f.startsWith(`${base}.`) && f !== `${base}.log`).sort();
  return [...rotated, `${base}.log`].map((f) => readFileSync(path.join(logDir, f)));
}

const stampRe = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3} /;
function unstamp(buf) {
  const lines = buf.toString('latin1').split('\n');
  let bad = 0;
  const out = lines.map((l, i) => {
    if (i === lines.length - 1 && l === '') return l;
    if (!stampRe.test(l)) bad++;
    return l.slice(24);
  });
  return { data: Buffer.from(out.join('\n'), 'latin1'), bad };
}

let failures = 0;
function check(label, files, expected, max, stamped) {
  const joined = Buffer.concat(files);
  const { data, bad } = stamped ? unstamp(joined) : { data: joined, bad: 0 };
  const boundaries = files.slice(0, -1).every((f) => f.length === 0 || f[f.length - 1] === 10);
  const oversize = max ? files.slice(0, -1).filter((f) => f.length > max && f.toString('latin1').split('\n').length > 2).length : 0;
  const ok = data.equals(expected) && boundaries && bad === 0;
  if (!ok) failures++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}: ${files.length} files, equal=${data.equals(expected)}, ` +
    `rotated files end at a newline=${boundaries}, unstamped lines=${bad}, multi-line files over the limit=${oversize}`);
}

let n = 0;
for (const [seed, count, max, ts] of [[1, 2000, 65536, false], [2, 2000, 65536, true], [3, 1000, 1048576, true],
  [4, 3000, 4096, false], [5, 1500, 200000, true], [6, 3000, 0, true]]) {
  const name = `rl${++n}`;
  const extra = [`log_timestamps = ${ts}`, ...(max ? [`rotate_max_bytes = ${max}`] : [])];
  const logs = run(name, ['randlines.exe', String(seed), String(count)], extra);
  check(`randlines seed ${seed}, ${count} lines, rotate ${max}, timestamps ${ts}`, collect(logs, `${name}.out`),
    randlines(seed, count), max, ts);
}
for (const combined of [true, false]) {
  for (const ts of [true, false]) {
    const name = `both${++n}`;
    const extra = [`log_timestamps = ${ts}`, 'rotate_max_bytes = 100000',
      ...(combined ? [`log_stderr = ${name}.out.log`] : [])];
    const logs = run(name, ['lines.exe', '20000', '--both'], extra);
    if (combined) {
      check(`stdout+stderr into one file, timestamps ${ts}`, collect(logs, `${name}.out`), numbered(1, 20000, 1), 100000, ts);
    } else {
      check(`stdout file, timestamps ${ts}`, collect(logs, `${name}.out`), numbered(2, 20000, 2), 100000, ts);
      check(`stderr file, timestamps ${ts}`, collect(logs, `${name}.err`), numbered(1, 19999, 2), 100000, ts);
    }
  }
}
console.log(`logcheck: ${failures === 0 ? 'all passed' : `${failures} failed`}`);
process.exit(failures === 0 ? 0 : 1);
