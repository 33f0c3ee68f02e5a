/** @fileoverview A certificate the config names has expired: clients refuse the handshake. */
import type { Check } from '../../context.js';
import { displayPath } from '../../../lint/paths.js';
import { judgedCerts, targets } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const { pem, cert } of judgedCerts(ctx.lint)) {
    if (Date.parse(cert.notAfter) >= ctx.now.getTime()) continue;
    yield {
      at: ctx.loc(pem.ref.d),
      data: { subject: cert.subject, notAfter: cert.notAfter.slice(0, 10), file: displayPath(pem.path, ctx.lint!.cwd) },
      key: `${cert.fingerprint256}`,
      evidence: { file: displayPath(pem.path, ctx.lint!.cwd), subject: cert.subject, notAfter: cert.notAfter },
    };
  }
  for (const { t, hit, endpoint } of targets(ctx)) {
    for (const [i, c] of (t.tls?.chain ?? []).entries()) {
      if (Date.parse(c.notAfter) >= ctx.now.getTime() || (i > 0 && c.selfSigned)) continue;
      yield { ...hit, data: { subject: c.subject, notAfter: c.notAfter.slice(0, 10), file: `the chain served by ${endpoint}` }, key: c.fingerprint256, evidence: { ...hit.evidence, subject: c.subject, notAfter: c.notAfter, position: i } };
    }
  }
};
