/** @fileoverview Which mosquitto a config is judged for: --mosquitto-version, an image tag beside it, else 2.0 (docs/lint.md, "Mosquitto versions"). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { releaseLine } from '../../src/common/versions.js';
import { lookupKeyword } from '../../src/common/keywords.js';
import { versionFor } from '../../src/lint/version.js';

test('releaseLine: 1.x → 1.6, 2.0.x → 2.0, later 2.x → 2.1; others are not modelled', () => {
  const cases: [string, string | undefined][] = [
    ['1.6', '1.6'], ['1.6.15', '1.6'], ['1.5.8', '1.6'], ['2', '2.0'], ['2.0', '2.0'], ['2.0.18', '2.0'], ['v2.0.11', '2.0'],
    ['2.1', '2.1'], ['2.1.2', '2.1'], ['2.2', '2.1'], ['1.3', undefined], ['3.0', undefined], ['latest', undefined], ['2.0.18-openssl', undefined], ['', undefined],
  ];
  for (const [text, want] of cases) assert.equal(releaseLine(text), want, text);
});

test('keywords follow the release line', () => {
  assert.equal(lookupKeyword('plugin', '1.6'), undefined);
  assert.equal(lookupKeyword('plugin_opt_x', '1.6'), undefined);
  assert.ok(lookupKeyword('auth_opt_x', '1.6'));
  assert.equal(lookupKeyword('auth_plugin', '1.6')?.deprecatedFor, undefined);
  assert.ok(lookupKeyword('auth_plugin', '2.0')?.deprecatedFor);
  assert.ok(lookupKeyword('store_clean_interval', '1.6'));
  assert.equal(lookupKeyword('store_clean_interval', '2.0'), undefined);
  assert.equal(lookupKeyword('enable_proxy_protocol', '2.0'), undefined);
  assert.ok(lookupKeyword('enable_proxy_protocol', '2.1'));
  assert.ok(lookupKeyword('per_listener_settings', '2.1')?.deprecatedFor);
  assert.equal(lookupKeyword('per_listener_settings', '2.0')?.deprecatedFor, undefined);
});

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mqtt-audit-version-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

test('versionFor: a compose file in a parent folder names the image tag', () => {
  const root = repo({ 'docker-compose.yml': 'services:\n  broker:\n    image: eclipse-mosquitto:1.6.15\n', 'mosquitto/config/mosquitto.conf': 'listener 1883\n' });
  const v = versionFor(join(root, 'mosquitto/config/mosquitto.conf'), undefined, root);
  assert.deepEqual({ ...v, evidence: v.evidence && { ...v.evidence, path: v.evidence.path.slice(root.length) } }, {
    version: '1.6', label: '1.6.15', source: 'detected', evidence: { path: '/docker-compose.yml', line: 3, text: 'eclipse-mosquitto:1.6.15' },
  });
});

test('versionFor: Helm values with repository and tag; a Dockerfile FROM; registry prefixes', () => {
  const helm = repo({ 'chart/values.yaml': 'image:\n  tag: "2.0.15"\n  repository: docker.io/eclipse-mosquitto\n', 'chart/files/mosquitto.conf': 'listener 1883\n' });
  assert.equal(versionFor(join(helm, 'chart/files/mosquitto.conf'), undefined, helm).label, '2.0.15');
  const docker = repo({ Dockerfile: 'FROM docker.io/eclipse-mosquitto:2.1.2\nCOPY mosquitto.conf /mosquitto/config/\n', 'mosquitto.conf': 'listener 1883\n' });
  assert.equal(versionFor(join(docker, 'mosquitto.conf'), undefined, docker).version, '2.1');
});

test('versionFor: the option wins; comments, `latest` and folders above the repository do not count', () => {
  const root = repo({ 'compose.yaml': '# image: eclipse-mosquitto:1.6.15\nservices:\n  m:\n    image: eclipse-mosquitto:latest\n', 'inner/mosquitto.conf': 'listener 1883\n' });
  assert.deepEqual(versionFor(join(root, 'inner/mosquitto.conf'), undefined, root), { version: '2.0', label: '2.0', source: 'default' });
  assert.deepEqual(versionFor(join(root, 'inner/mosquitto.conf'), '2.1.2', root), { version: '2.1', label: '2.1.2', source: 'option' });
  // The repository is inner/: the compose file above it is not looked at.
  const above = repo({ 'docker-compose.yml': 'image: eclipse-mosquitto:1.6.15\n', 'inner/mosquitto.conf': 'listener 1883\n' });
  assert.equal(versionFor(join(above, 'inner/mosquitto.conf'), undefined, join(above, 'inner')).source, 'default');
});

test('versionFor: the nearest deploy file wins', () => {
  const root = repo({ 'docker-compose.yml': 'image: eclipse-mosquitto:1.6.15\n', 'edge/docker-compose.yml': 'image: eclipse-mosquitto:2.0.18\n', 'edge/mosquitto.conf': 'listener 1883\n' });
  assert.equal(versionFor(join(root, 'edge/mosquitto.conf'), undefined, root).label, '2.0.18');
});

test('versionFor: a file argument outside git looks two folders up (docker-compose.yml above mosquitto/config/)', () => {
  const root = repo({ 'docker-compose.yml': 'services:\n  m:\n    image: eclipse-mosquitto:1.6\n', 'mosquitto/config/mosquitto.conf': 'listener 1883\n' });
  assert.equal(versionFor(join(root, 'mosquitto/config/mosquitto.conf'), undefined, undefined).version, '1.6');
  const deep = repo({ 'docker-compose.yml': 'image: eclipse-mosquitto:1.6\n', 'a/b/c/mosquitto.conf': 'listener 1883\n' });
  assert.equal(versionFor(join(deep, 'a/b/c/mosquitto.conf'), undefined, undefined).source, 'default');
});
