/** @fileoverview Client certificates are the identity but cafile/capath is a public trust store: any public CA can mint logins (mosquitto.conf(5)). */
import type { Check } from '../../context.js';
import { isOn } from '../../../common/conf-values.js';
import { listenerName } from '../../hits.js';

const PUBLIC_STORE = [/^\/etc\/ssl\/certs\/?$/, /ca-certificates\.crt$/, /ca-bundle(\.trust)?\.crt$/, /^\/etc\/pki\/tls\/certs\/?/, /^\/etc\/pki\/ca-trust\//, /tls-ca-bundle\.pem$/, /\/etc\/ssl\/cert\.pem$/, /^\/usr\/share\/ca-certificates\/?/];
/** A CA file with more roots than this is a trust store, not a private client CA. */
const MANY_ROOTS = 20;

export const check: Check = {
  *listener({ l, facts }, ctx) {
    if (!isOn(l.options.get('require_certificate'))) return;
    if (!isOn(l.options.get('use_identity_as_username')) && !isOn(l.options.get('use_subject_as_username'))) return;
    for (const key of ['cafile', 'capath']) {
      const s = l.options.get(key);
      if (!s) continue;
      const pem = facts.pems.find((p) => p.ref.d === s.d);
      const count = pem?.certs?.length ?? 0;
      if (PUBLIC_STORE.some((re) => re.test(s.value)) || count > MANY_ROOTS) {
        yield { at: ctx.loc(s.d), data: { listener: listenerName(l), keyword: key, path: s.value, why: count > MANY_ROOTS ? `it holds ${count} CA certificates` : 'it is the system trust store' } };
      }
    }
  },
};
