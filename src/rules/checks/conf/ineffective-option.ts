/** @fileoverview Options that mosquitto reads but never applies: say so, since the author expects them to work. */
import type { Check } from '../../context.js';
import { isOn } from '../../../common/conf-values.js';
import { listenerName } from '../../hits.js';

/** TLS options a websockets listener does not apply (mosquitto.conf(5) `protocol`). */
const WS_IGNORED = ['tls_version', 'crlfile', 'capath', 'dhparamfile'];

export const check: Check = {
  *config({ unit }, ctx) {
    for (const d of unit.ignoredIncludes) yield { at: ctx.loc(d), data: { keyword: d.keyword, why: 'include_dir is only read in the main configuration file, not in included files' } };
    const ls = unit.model.listeners;
    for (const l of ls) {
      const identity = [l.options.get('use_identity_as_username'), l.options.get('use_subject_as_username')].find(isOn);
      if (identity && !l.tls) {
        yield { at: ctx.loc(identity.d), data: { keyword: identity.d.keyword, why: `${listenerName(l)} has no TLS, so there is no certificate to take the identity from` } };
      }
      const pw = l.security.options.get('password_file');
      if (identity && l.tls && pw) {
        // With shared security settings the file still serves listeners without identity mapping.
        const sharers = unit.model.perListenerSettings ? [l] : ls.filter((x) => x.kind !== 'local-only');
        const allIdentity = sharers.every((x) => isOn(x.options.get('use_identity_as_username')) || isOn(x.options.get('use_subject_as_username')));
        // Shared settings: report once, at the first listener that maps identities over TLS, whatever the order.
        const reporter = sharers.find((x) => x.tls && [x.options.get('use_identity_as_username'), x.options.get('use_subject_as_username')].some(isOn));
        if (allIdentity && (unit.model.perListenerSettings || l === reporter)) {
          yield { at: ctx.loc(pw.d), data: { keyword: 'password_file', why: `${identity.d.keyword} is set, so ${unit.model.perListenerSettings ? listenerName(l) : 'every listener'} takes usernames from certificates and never consults the password file` } };
        }
      }
      if (l.options.get('protocol')?.d.tokens[0]?.text === 'websockets') {
        for (const k of WS_IGNORED) {
          const s = l.options.get(k);
          if (s) yield { at: ctx.loc(s.d), data: { keyword: k, why: `${listenerName(l)} speaks websockets, which does not apply ${k}` } };
        }
      }
    }
  },
};
