/** @fileoverview A bridge to a remote broker without TLS or PSK: its credentials and all bridged data travel in clear. */
import type { Check } from '../../context.js';
import { isLoopback } from '../../../lint/model.js';

export const check: Check = function* (ctx) {
  for (const unit of ctx.lint?.configs ?? []) {
    for (const b of unit.model.bridges) {
      if (['bridge_cafile', 'bridge_capath', 'bridge_psk'].some((k) => b.options.has(k))) continue;
      const remote = b.addresses.find((a) => !isLoopback(a.host));
      if (!remote) continue;
      yield { at: ctx.loc(remote.d), data: { name: b.name, address: `${remote.host}:${remote.port}` } };
    }
  }
};
