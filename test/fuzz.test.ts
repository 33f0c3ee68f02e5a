/** @fileoverview Property-based fuzzing (fast-check): parsers and target parsing never throw, every problem is positioned, outputs stay valid. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { AuditError } from '../src/common/errors.js';
import { parseAcl } from '../src/lint/parse/acl.js';
import { parseConf } from '../src/lint/parse/conf.js';
import { parsePasswd } from '../src/lint/parse/passwd.js';
import { runLint } from './helpers/lint.js';
import { knownNames } from '../src/common/keywords.js';
import type { Finding, Result, Severity } from '../src/model/types.js';
import { render } from '../src/report/index.js';
import { loadCatalog } from '../src/rules/load.js';
import { parseTarget } from '../src/targets/parse.js';
import { resultErrors, sarifErrors } from './helpers/schemas.js';

const RUNS = 300;
const catalog = loadCatalog();

/** Lines that look like mosquitto, ACL or password files, with hostile bytes mixed in. */
const hostileText = fc.string({ unit: fc.constantFrom(' ', '\t', '#', ':', '$', '/', '+', '\\', '"', '<', '\x1b', '\r', '\u202e', 'é', '0', '1', 'a', 'Z') , maxLength: 40 });
const confLine = fc.oneof(
  fc.tuple(fc.constantFrom(...knownNames(), 'listener', 'include_dir', 'port', '  #', 'user', 'plugin_opt_x'), hostileText).map(([k, v]) => `${k} ${v}`),
  hostileText,
  fc.constant(''),
  fc.constant('# mqtt-audit: ignore conf.run-as-root -- reason'),
);
const aclLine = fc.oneof(fc.tuple(fc.constantFrom('user', 'topic', 'pattern', 'topic read', 'topic rw', '  #'), hostileText).map(([k, v]) => `${k} ${v}`), hostileText);
const passwdLine = fc.oneof(fc.tuple(hostileText, fc.constantFrom('', '$6$', '$7$101$', '$7$x$y$z', '$argon2id$', 'plain')).map(([u, h]) => `${u}:${h}`), hostileText);

const positioned = (n: number, line: number, col?: number) => line >= 1 && line <= Math.max(1, n) && (col === undefined || col >= 1);

test('fuzz: parseConf never throws and positions every directive inside the text', () => {
  fc.assert(
    fc.property(fc.array(confLine, { maxLength: 30 }), (lines) => {
      const text = lines.join(lines.length % 2 ? '\n' : '\r\n');
      const c = parseConf('f.conf', text);
      for (const d of c.directives) assert.ok(positioned(c.lines.length, d.line, d.col) && d.valueCol >= d.col, JSON.stringify(d));
    }),
    { numRuns: RUNS },
  );
});

test('fuzz: parseAcl never throws; every rejected line is positioned', () => {
  fc.assert(
    fc.property(fc.array(aclLine, { maxLength: 30 }), (lines) => {
      const a = parseAcl('acl', lines.join('\n'));
      for (const p of a.problems) assert.ok(positioned(a.lines.length, p.line, p.col) && p.message.length > 0);
      for (const e of a.entries) assert.ok(positioned(a.lines.length, e.line, e.col));
    }),
    { numRuns: RUNS },
  );
});

test('fuzz: parsePasswd never throws; every entry is positioned and malformed ones say why', () => {
  fc.assert(
    fc.property(fc.array(passwdLine, { maxLength: 30 }), (lines) => {
      const p = parsePasswd('pw', lines.join('\n'));
      for (const e of p.entries) {
        assert.ok(positioned(p.lines.length, e.line, e.userCol));
        if (e.kind === 'malformed') assert.ok(e.problem);
      }
    }),
    { numRuns: RUNS },
  );
});

test('fuzz: the whole lint never throws on a config, ACL and password file it can read; findings point inside them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-fuzz-'));
  const rules = catalog.rules;
  fc.assert(
    fc.property(fc.array(confLine, { maxLength: 20 }), fc.array(aclLine, { maxLength: 10 }), fc.array(passwdLine, { maxLength: 10 }), (conf, acl, pw) => {
      writeFileSync(join(dir, 'mosquitto.conf'), `${conf.join('\n')}\nacl_file acl\npassword_file passwd\n`);
      writeFileSync(join(dir, 'acl'), acl.join('\n'));
      writeFileSync(join(dir, 'passwd'), pw.join('\n'));
      let res: Result;
      try {
        res = runLint({ paths: [join(dir, 'mosquitto.conf')], cwd: dir, fileModes: 'ignore' }, rules, { now: new Date(), expiryDays: 30, adminUsers: [] }, '0.0.0');
      } catch (e) {
        // A malformed suppression comment is the user's input error (exit 2), nothing else may escape.
        assert.ok(e instanceof AuditError, String(e));
        return;
      }
      assert.deepEqual(resultErrors(res), []);
      const sizes: Record<string, number> = { 'mosquitto.conf': conf.length + 3, acl: acl.length + 1, passwd: pw.length + 1 };
      for (const f of res.findings) assert.ok(f.location && f.location.line >= 1 && f.location.line <= (sizes[f.location.path] ?? 1e9), JSON.stringify(f.location));
    }),
    { numRuns: 150 },
  );
});

test('fuzz: parseTarget returns a target or throws a UsageError, never anything else', () => {
  const targetish = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300), fc.option(fc.nat(40)), fc.option(fc.nat(70000))).map(([a, b, c, d, m, p]) => `${a}.${b}.${c}.${d}${m !== null ? `/${m}` : ''}${p !== null ? `:${p}` : ''}`),
    fc.tuple(fc.constantFrom('mqtt://', 'mqtts://', 'http://', ''), fc.domain(), fc.option(fc.nat(70000))).map(([s, h, p]) => `${s}${h}${p !== null ? `:${p}` : ''}`),
    fc.ipV6().map((a) => `[${a}]:1883`),
  );
  fc.assert(
    fc.property(targetish, (text) => {
      try {
        const t = parseTarget(text);
        assert.ok(t.kind === 'name' || (t.kind === 'range' && t.start <= t.end));
      } catch (e) {
        assert.ok(e instanceof AuditError, `${JSON.stringify(text)}: ${String(e)}`);
        assert.ok(!/\n/.test((e as Error).message));
      }
    }),
    { numRuns: 1000 },
  );
});

test('fuzz: JSON and SARIF stay valid and text output holds no control character, whatever the strings', async () => {
  const sev = fc.constantFrom<Severity>('critical', 'high', 'medium', 'low', 'info');
  const str = fc.string({ unit: fc.oneof(fc.constantFrom('\x00', '\x1b', '\n', '\r', '\u2028', '\ud800', '<', '&', '"', '|', '`'), fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c))), minLength: 1, maxLength: 30 });
  const finding = fc.record({ ruleId: fc.constantFrom('conf.run-as-root', 'mqtt.wildcard-subscribe', 'tls.cert-expired'), severity: sev, message: str, path: str, line: fc.integer({ min: 1, max: 9999 }), host: fc.constantFrom('127.0.0.1', '::1'), net: fc.boolean(), snippet: str });
  await fc.assert(
    fc.asyncProperty(fc.array(finding, { minLength: 1, maxLength: 8 }), async (fs) => {
      const findings: Finding[] = fs.map((f, i) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        title: 'title',
        message: f.message,
        ...(f.net ? { target: { host: f.host, port: 1883 } } : { location: { path: f.path, line: f.line, snippet: f.snippet } }),
        fingerprint: i.toString(16).padStart(32, '0'),
      }));
      const result: Result = { tool: { name: 'mqtt-audit', version: '0.0.0' }, command: 'scan', startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:01.000Z', targets: [], files: [], findings, summary: { critical: 0, high: 0, medium: 0, low: 0, info: 0 } };
      assert.deepEqual(JSON.parse(await render('json', result, catalog)), result);
      assert.deepEqual(sarifErrors(JSON.parse(await render('sarif', result, catalog))), []);
      const text = await render('text', result, catalog);
      assert.doesNotMatch(text, /[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e]/);
      const md = await render('markdown', result, catalog);
      assert.doesNotMatch(md, /[\x00-\x08\x0b-\x1f\x7f]/);
    }),
    { numRuns: 200 },
  );
});
