/** @fileoverview Copy a fixture config repo out of git with the test PKI under certs/ and deployment-like file modes. */
import { chmodSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testPki } from './harness.js';

/** A staged copy of fixtures/<rel> with certs/ and the given modes; returns its path. */
export function stageRepo(src: string, modes: Record<string, number> = {}): string {
  const tmp = mkdtempSync(join(tmpdir(), 'mqtt-audit-repo-'));
  cpSync(src, tmp, { recursive: true });
  cpSync(testPki(), join(tmp, 'certs'), { recursive: true });
  for (const [f, m] of Object.entries(modes)) chmodSync(join(tmp, f), m);
  return tmp;
}
