/** @fileoverview certfile and keyfile that do not belong together: the broker exits ("certificate/key are inconsistent"). */
import type { Check } from '../../context.js';
import type { Setting } from '../../../lint/model.js';

export const check: Check = function* (ctx) {
  const lint = ctx.lint;
  if (!lint) return;
  const pemOf = (s: Setting | undefined) => (s ? lint.pems.find((p) => p.ref.d === s.d) : undefined);
  const pairs: [Setting | undefined, Setting | undefined][] = [];
  for (const unit of lint.configs) {
    for (const l of unit.model.listeners) pairs.push([l.options.get('certfile'), l.options.get('keyfile')]);
    for (const b of unit.model.bridges) pairs.push([b.options.get('bridge_certfile'), b.options.get('bridge_keyfile')]);
  }
  for (const [c, k] of pairs) {
    const cert = pemOf(c)?.x509?.[0];
    const key = pemOf(k)?.key;
    if (!cert || !key || !k) continue;
    let ok = false;
    try {
      ok = cert.checkPrivateKey(key);
    } catch {
      ok = false;
    }
    if (!ok) yield { at: ctx.loc(k.d), data: { keyfile: k.value, certfile: c!.value } };
  }
};
