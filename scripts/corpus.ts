/** @fileoverview `npm run corpus`: lint every setup of fixtures/corpus as a first run and print the signal (marked findings / all findings) per setup. */
import { bySeverity, runSetup, setups } from '../test/helpers/corpus.js';

const rows = setups().map(runSetup);
const pct = (a: number, b: number) => (b === 0 ? '–' : `${Math.round((100 * a) / b)} %`);
console.log('| setup | findings | marked problems found | other findings (by severity) | missed |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) {
  const s = bySeverity(r.noise);
  const noise = Object.entries(s).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ') || '–';
  console.log(`| ${r.setup} | ${r.findings.length} | ${r.signal.length} | ${noise} | ${r.missed.length ? r.missed.join('; ') : '–'} |`);
}
const all = rows.flatMap((r) => r.findings);
const sig = rows.flatMap((r) => r.signal);
const hi = (fs: typeof all) => fs.filter((f) => f.severity === 'critical' || f.severity === 'high');
console.log('');
console.log(`signal: ${sig.length} of ${all.length} findings (${pct(sig.length, all.length)}); critical and high: ${hi(sig).length} of ${hi(all).length} (${pct(hi(sig).length, hi(all).length)}); missed markers: ${rows.reduce((n, r) => n + r.missed.length, 0)}`);
for (const r of rows) for (const f of r.noise) console.error(`noise ${r.setup}: ${f.severity} ${f.ruleId} ${f.location?.path}:${f.location?.line} ${f.message}`);
