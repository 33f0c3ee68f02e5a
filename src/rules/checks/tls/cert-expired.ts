/** @fileoverview A certificate the config names has expired: clients refuse the handshake. */
import type { Check } from '../../context.js';
import { targetHit } from '../../hits.js';

export const check: Check = {
  *cert({ cert: c, disk, wire }, ctx) {
    if (Date.parse(c.notAfter) >= ctx.now.getTime()) return;
    if (disk) {
      const file = ctx.show(disk.path);
      yield { at: ctx.loc(disk.ref.d), data: { subject: c.subject, notAfter: c.notAfter.slice(0, 10), file }, key: c.fingerprint256, evidence: { file, subject: c.subject, notAfter: c.notAfter } };
    } else if (wire && !(wire.position > 0 && c.selfSigned)) {
      const { hit, endpoint } = targetHit(wire.t, wire.origin);
      yield { ...hit, data: { subject: c.subject, notAfter: c.notAfter.slice(0, 10), file: `the chain served by ${endpoint}` }, key: c.fingerprint256, evidence: { ...hit.evidence, subject: c.subject, notAfter: c.notAfter, position: wire.position } };
    }
  },
};
