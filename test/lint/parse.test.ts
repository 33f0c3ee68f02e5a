/** @fileoverview Parsers: positions for every value, and mosquitto's own reading of spaces, tabs and comments. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConf } from '../../src/lint/parse/conf.js';
import { parseAcl, filterProblem } from '../../src/lint/parse/acl.js';
import { parsePasswd } from '../../src/lint/parse/passwd.js';

test('conf: comments only in column 1, keyword split on spaces only, positions of keyword and value', () => {
  const c = parseConf('m.conf', '# comment\n\nlistener 1883 127.0.0.1\n  password_file   /etc/pw  \r\nmax_connections\t10\n  # indented\n   \n');
  assert.deepEqual(
    c.directives.map((d) => [d.line, d.keyword, d.col, d.value, d.valueCol]),
    [
      [3, 'listener', 1, '1883 127.0.0.1', 10],
      [4, 'password_file', 3, '/etc/pw', 19],
      [5, 'max_connections\t10', 1, '', 19],
      [6, '#', 3, 'indented', 5],
    ],
  );
  assert.deepEqual(c.directives[0].tokens.map((t) => [t.text, t.col]), [['1883', 10], ['127.0.0.1', 15]]);
});

test('conf: CRLF files and a missing final newline parse like LF files', () => {
  const a = parseConf('a', 'listener 1883\r\nallow_anonymous false');
  assert.deepEqual(a.directives.map((d) => [d.keyword, d.value]), [['listener', '1883'], ['allow_anonymous', 'false']]);
});

test('acl: user blocks, the anonymous section, access defaults and every rejected line with its column', () => {
  const a = parseAcl('acl', 'topic read public/#\nuser alice smith\ntopic sensors/#\npattern write dev/%u/#\ntopic rw x\n  # c\ntopic a/#/b\nuser\nfoo bar\n');
  assert.deepEqual(
    a.entries.map((e) => [e.kind, e.access, e.filter, e.user ?? null, e.line]),
    [
      ['topic', 'read', 'public/#', null, 1],
      ['topic', 'readwrite', 'sensors/#', 'alice smith', 3],
      ['pattern', 'write', 'dev/%u/#', null, 4],
    ],
  );
  assert.deepEqual(a.problems.map((p) => [p.line, p.col]), [[5, 7], [6, 3], [7, 7], [8, 1], [9, 1]]);
  assert.match(a.problems[0].message, /unknown access type "rw"/);
  assert.match(a.problems[1].message, /indented comment/);
});

test('acl: a filter may hold spaces after an access word', () => {
  const a = parseAcl('acl', 'user u\ntopic read a b/c\n');
  assert.equal(a.entries[0].filter, 'a b/c');
  assert.equal(a.problems.length, 0);
});

test('acl: topic filter validity follows MQTT 3.1.1 §4.7.1', () => {
  for (const ok of ['#', 'a/#', '+', '+/+/#', 'a/+/b', '$SYS/#', 'dev/%u/#']) assert.equal(filterProblem(ok), undefined, ok);
  for (const bad of ['a/#/b', 'a#', 'a/b+', '#/a']) assert.ok(filterProblem(bad), bad);
});

test('passwd: hash kinds, iterations, positions; malformed lines never throw', () => {
  const salt = Buffer.alloc(12, 1).toString('base64');
  const hash = Buffer.alloc(64, 2).toString('base64');
  const p = parsePasswd('pw', `# c\nalice:$7$101$${salt}$${hash}\nbob:$6$${salt}$${hash}\ncarol:plain\ndave\n  erin : $7$x$y$z\nfrank:$argon2id$v=19$m=1,t=1,p=1$a$b\n:nouser\n`);
  assert.deepEqual(
    p.entries.map((e) => [e.user, e.kind, e.line, e.iterations ?? null]),
    [
      ['alice', 'sha512-pbkdf2', 2, 101],
      ['bob', 'sha512', 3, null],
      ['carol', 'plaintext', 4, null],
      ['(a line without user name)', 'malformed', 5, null],
      ['erin', 'malformed', 6, null],
      ['frank', 'argon2id', 7, null],
      ['', 'malformed', 8, null],
    ],
  );
  assert.equal(p.entries[4].userCol, 3);
  assert.equal(p.entries[2].secretCol, 7);
});

test('readText keeps a UTF-8 byte-order mark: mosquitto reads it as part of the first word', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { readText } = await import('../../src/common/read-text.js');
  const f = join(mkdtempSync(join(tmpdir(), 'mqtt-audit-bom-')), 'bom.conf');
  writeFileSync(f, Buffer.from('\xef\xbb\xbflistener 1883\n', 'latin1'));
  assert.equal(readText(f, 'bom.conf'), '\uFEFFlistener 1883\n');
});
