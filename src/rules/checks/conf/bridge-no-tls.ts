/** @fileoverview A bridge to a remote broker without TLS or PSK: its credentials and all bridged data travel in clear. */
import type { Check } from '../../context.js';
import { isLoopback } from '../../../common/conf-values.js';

export const check: Check = {
  *bridge({ b }, ctx) {
    if (['bridge_cafile', 'bridge_capath', 'bridge_psk'].some((k) => b.options.has(k))) return;
    const remote = b.addresses.find((a) => !isLoopback(a.host));
    if (remote) yield { at: ctx.loc(remote.d), data: { name: b.name, address: `${remote.host}:${remote.port}` } };
  },
};
