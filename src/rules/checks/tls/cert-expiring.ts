/** @fileoverview A certificate expires within --expiry-days (default 30). */
import type { Check } from '../../context.js';
import { displayPath } from '../../../lint/paths.js';
import { judgedCerts, targets } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const { pem, cert } of judgedCerts(ctx.lint)) {
    const ms = Date.parse(cert.notAfter) - ctx.now.getTime();
    if (ms < 0 || ms >= ctx.expiryDays * 86400000) continue;
    const days = Math.floor(ms / 86400000);
    yield {
      at: ctx.loc(pem.ref.d),
      data: { subject: cert.subject, days, notAfter: cert.notAfter.slice(0, 10), file: displayPath(pem.path, ctx.lint!.cwd) },
      key: `${cert.fingerprint256}`,
      evidence: { file: displayPath(pem.path, ctx.lint!.cwd), subject: cert.subject, notAfter: cert.notAfter, daysLeft: days },
    };
  }
  for (const { t, hit, endpoint } of targets(ctx)) {
    for (const [i, c] of (t.tls?.chain ?? []).entries()) {
      const ms = Date.parse(c.notAfter) - ctx.now.getTime();
      if (ms < 0 || ms >= ctx.expiryDays * 86400000 || (i > 0 && c.selfSigned)) continue;
      const days = Math.floor(ms / 86400000);
      yield { ...hit, data: { subject: c.subject, days, notAfter: c.notAfter.slice(0, 10), file: `the chain served by ${endpoint}` }, key: c.fingerprint256, evidence: { ...hit.evidence, subject: c.subject, notAfter: c.notAfter, daysLeft: days } };
    }
  }
};
