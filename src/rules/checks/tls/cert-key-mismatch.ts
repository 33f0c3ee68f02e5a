/** @fileoverview certfile and keyfile that do not belong together: the broker exits ("certificate/key are inconsistent"). */
import type { Check } from '../../context.js';
import type { Setting } from '../../../model/config.js';

export const check: Check = {
  *config({ unit, facts }, ctx) {
    const pemOf = (s: Setting | undefined) => (s ? facts.pems.find((p) => p.ref.d === s.d) : undefined);
    const pairs: [Setting | undefined, Setting | undefined][] = [
      ...unit.model.listeners.map((l): [Setting | undefined, Setting | undefined] => [l.options.get('certfile'), l.options.get('keyfile')]),
      ...unit.model.bridges.map((b): [Setting | undefined, Setting | undefined] => [b.options.get('bridge_certfile'), b.options.get('bridge_keyfile')]),
    ];
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
  },
};
