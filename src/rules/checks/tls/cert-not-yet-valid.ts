/** @fileoverview A certificate whose notBefore lies in the future: clients refuse it until then. */
import type { Check } from '../../context.js';

export const check: Check = {
  *cert({ cert: c, disk }, ctx) {
    if (!disk || Date.parse(c.notBefore) <= ctx.now.getTime()) return;
    yield { at: ctx.loc(disk.ref.d), data: { subject: c.subject, notBefore: c.notBefore.slice(0, 10), file: ctx.show(disk.path) }, key: c.fingerprint256 };
  },
};
