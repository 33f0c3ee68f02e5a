/** @fileoverview The catalogue meta-test: rule, check, fixture and doc stay in step for every rule. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKS } from '../../src/rules/checks/index.js';
import { placeholders } from '../../src/rules/engine.js';
import { loadCatalog, ruleValidator, BUILTIN_RULES_DIR } from '../../src/rules/load.js';
import { README, readmeWithOptions, rulesDoc, RULES_DOC } from '../../scripts/build-docs.js';
import { FIXTURES, ROOT } from '../helpers/paths.js';

const catalog = loadCatalog();

test('the rule schema compiles (ajv meta-validates it) and every built-in rule validates', () => {
  const v = ruleValidator();
  const files = readdirSync(BUILTIN_RULES_DIR, { recursive: true }).map(String).filter((f) => f.endsWith('.yaml') && !f.startsWith('data/') && !f.startsWith('frameworks/'));
  assert.equal(files.length, catalog.rules.length);
  assert.ok(catalog.rules.length >= 50, `only ${catalog.rules.length} rules`);
  for (const r of catalog.rules) {
    const { source, ...data } = r;
    assert.ok(v(data), `${source.path}: ${JSON.stringify(v.errors)}`);
  }
});

test('every rule id equals its path, and every contract lint rule exists', () => {
  for (const r of catalog.rules) assert.equal(r.source.path.replace(/^.*rules\//, '').replace(/\.yaml$/, '').replace('/', '.'), r.id);
  const contract = [
    'conf.anonymous-network-listener', 'conf.plaintext-network-listener', 'conf.implicit-default-listener', 'conf.tls-incomplete', 'conf.no-acl',
    'conf.client-auth-public-ca', 'conf.run-as-root', 'conf.unknown-option', 'conf.invalid-value', 'conf.inline-comment', 'conf.duplicate-option',
    'conf.referenced-file-missing', 'conf.bridge-insecure', 'conf.bridge-no-tls', 'conf.logging-disabled', 'conf.max-connections-unlimited',
    'acl.parse-error', 'acl.pattern-wildcard-all', 'acl.anonymous-wide-access', 'acl.user-wildcard-all', 'acl.pattern-deny-shadowed',
    'passwd.plaintext-password', 'passwd.legacy-sha512', 'passwd.file-permissions', 'tls.key-permissions', 'tls.cert-key-mismatch',
    'tls.cert-expired', 'tls.cert-expiring', 'tls.legacy-protocol', 'tls.weak-key',
  ];
  for (const id of contract) assert.ok(catalog.get(id)?.foundBy.includes('lint'), `${id} missing or not a lint rule`);
  const severities: Record<string, string> = { 'conf.anonymous-network-listener': 'critical', 'conf.client-auth-public-ca': 'critical', 'acl.pattern-wildcard-all': 'critical', 'conf.inline-comment': 'medium', 'conf.logging-disabled': 'medium', 'conf.max-connections-unlimited': 'low', 'acl.pattern-deny-shadowed': 'medium', 'passwd.legacy-sha512': 'medium', 'tls.cert-expiring': 'medium' };
  for (const [id, sev] of Object.entries(severities)) assert.equal(catalog.get(id)?.severity, sev, id);
});

test('check: code rules have exactly one check module, and no check module is orphaned', () => {
  const code = catalog.rules.filter((r) => r.check === 'code').map((r) => r.id).sort();
  assert.deepEqual(Object.keys(CHECKS).sort(), code);
  const modules = readdirSync(join(ROOT, 'src', 'rules', 'checks'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(ROOT, 'src', 'rules', 'checks', d.name)).map((f) => `${d.name}.${f.replace(/\.ts$/, '')}`))
    .sort();
  assert.deepEqual(modules, code);
});

test('a code check visits exactly the subject kinds its rule names', () => {
  for (const r of catalog.rules.filter((x) => x.check === 'code')) {
    const kinds = Array.isArray(r.subject) ? r.subject : [r.subject];
    assert.deepEqual(Object.keys(CHECKS[r.id]).sort(), [...kinds].sort(), r.id);
  }
});

test('the check index is sorted by rule id', () => {
  const keys = Object.keys(CHECKS);
  assert.deepEqual(keys, [...keys].sort());
});

test('every lint rule has a bad and a good fixture, and every fixture folder names a rule', () => {
  for (const r of catalog.rules.filter((x) => x.foundBy.includes('lint'))) {
    const dir = join(FIXTURES, 'lint', r.id);
    assert.ok(existsSync(dir), `fixtures/lint/${r.id} is missing`);
    const files = readdirSync(dir);
    assert.ok(files.some((f) => f.startsWith('bad')), `${r.id} has no bad fixture`);
    assert.ok(files.some((f) => f.startsWith('good')), `${r.id} has no good fixture`);
  }
  for (const d of readdirSync(join(FIXTURES, 'lint'))) assert.ok(catalog.get(d), `fixtures/lint/${d} names no rule`);
});

test('declarative rules only use placeholders their subject provides', () => {
  const SUBJECT_FACTS: Record<string, RegExp> = {
    config: /^(localOnly|perListenerSettings|listeners|networkListeners|bridges|option\..+)$/,
    listener: /^(kind|port|bind|network|tls|protocol|allowAnonymous|hasAcl|hasPasswordFile|hasPlugin|identityAsUsername|requireCertificate|option\..+)$/,
    bridge: /^(name|address|port|tls|option\..+)$/,
    cert: /^(role|subject|issuer|daysLeft|keyType|keyBits|signatureAlgorithm|selfSigned|isCA)$/,
    target: /^(host|port|transport|state|anonymous|websocket|protocolVersion|product|brokerVersion|sysExposed|messagesReceived|publishDelivered|weakCredential|tlsProtocol|tlsCipher|tlsTrusted|tlsHostnameOk|clientCertRequired|certDaysLeft|tls12Suites|tls13Suites)$/,
  };
  for (const r of catalog.rules.filter((x) => x.when)) {
    for (const p of placeholders(r.message)) assert.match(p, SUBJECT_FACTS[r.subject as string], `${r.id}: {${p}}`);
  }
});

test('docs/rules.md is generated from rules/ and up to date (npm run docs)', () => {
  assert.equal(readFileSync(RULES_DOC, 'utf8'), rulesDoc(), 'docs/rules.md is stale: run npm run docs');
});

test('the README options table is generated from src/cli/options.ts and up to date (npm run docs)', () => {
  const text = readFileSync(README, 'utf8');
  assert.equal(text, readmeWithOptions(text), 'README.md options table is stale: run npm run docs');
});

test('dist/catalog.json (what runs start from) holds exactly the rules the YAML files define', async () => {
  const { compileCatalog, builtinRules, COMPILED_CATALOG } = await import('../../src/rules/load.js');
  const compiled = JSON.parse(readFileSync(COMPILED_CATALOG, 'utf8')) as { rules: unknown[] };
  assert.deepEqual(compiled.rules, JSON.parse(compileCatalog()).rules);
  assert.deepEqual(builtinRules(), compiled.rules);
});

test('every rule has in-memory table tests (ruleTester in test/rules/checks/), with valid and invalid cases', () => {
  const dir = join(ROOT, 'test', 'rules', 'checks');
  const tested = new Set<string>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.test.ts'))) {
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/ruleTester\('([\w.-]+)'/g)) tested.add(m[1]);
  }
  const missing = catalog.rules.filter((r) => !r.deprecated && !tested.has(r.id)).map((r) => r.id);
  assert.deepEqual(missing, [], 'rules without table tests');
});
