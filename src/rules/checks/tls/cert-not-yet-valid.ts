/** @fileoverview A certificate whose notBefore lies in the future: clients refuse it until then. */
import type { Check } from '../../context.js';
import { displayPath } from '../../../lint/paths.js';
import { judgedCerts } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const { pem, cert } of judgedCerts(ctx.lint)) {
    if (Date.parse(cert.notBefore) <= ctx.now.getTime()) continue;
    yield { at: ctx.loc(pem.ref.d), data: { subject: cert.subject, notBefore: cert.notBefore.slice(0, 10), file: displayPath(pem.path, ctx.lint!.cwd) }, key: cert.fingerprint256 };
  }
};
