/** @fileoverview A certificate, CA or key file a config names → its facts (or why it is not usable PEM). */
import { readFileSync } from 'node:fs';
import { describeFsError, MAX_INPUT_BYTES } from '../common/read-text.js';
import type { ConfigUnit, FileRef, PemUnit } from '../model/config.js';
import { readCertificates, readPrivateKey } from '../common/x509.js';

/** Read one PEM file named by a config; never throws (a problem is recorded in `error`). */
export function loadPem(ref: FileRef & { resolved: string }, config: ConfigUnit): PemUnit {
  const u: PemUnit = { path: ref.resolved, ref, config };
  let text: string;
  try {
    const buf = readFileSync(ref.resolved);
    if (buf.length > MAX_INPUT_BYTES) throw new Error('file is too large');
    text = buf.toString('latin1');
  } catch (e) {
    u.error = describeFsError(e);
    return u;
  }
  try {
    if (ref.kind === 'key') {
      const k = readPrivateKey(text);
      u.key = k.key;
      u.keyFacts = k.facts;
    } else {
      const certs = readCertificates(text);
      u.x509 = certs.map((c) => c.cert);
      u.certs = certs.map((c) => c.facts);
    }
  } catch (e) {
    u.error = (e as Error).message.replace(/^error:[0-9A-F]+:/, '');
  }
  return u;
}
