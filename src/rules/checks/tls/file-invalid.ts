/** @fileoverview A certificate, CA or key file that is not usable PEM: the broker exits at start. */
import type { Check } from '../../context.js';
import { displayPath } from '../../../lint/paths.js';

export const check: Check = function* (ctx) {
  for (const pem of ctx.lint?.pems ?? []) {
    if (pem.error) yield { at: ctx.loc(pem.ref.d), data: { keyword: pem.ref.keyword, file: displayPath(pem.path, ctx.lint!.cwd), problem: pem.error } };
    else if (pem.keyFacts?.encrypted) yield { at: ctx.loc(pem.ref.d), data: { keyword: pem.ref.keyword, file: displayPath(pem.path, ctx.lint!.cwd), problem: 'the key is passphrase-protected and mosquitto 2.0 cannot ask for the passphrase' } };
  }
};
