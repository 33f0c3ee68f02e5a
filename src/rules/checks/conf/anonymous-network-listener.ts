/** @fileoverview Anonymous clients accepted on a network listener (critical; high when an ACL restricts them). */
import type { Check } from '../../context.js';
import { isOn } from '../../../common/conf-values.js';
import type { ConfDirective, ListenerModel } from '../../../model/config.js';
import { listenerKey, listenerName } from '../../hits.js';

/**
 * One finding per allow_anonymous line (a global one covers every listener), naming the network listeners it opens.
 * With use_identity_as_username and require_certificate every client has a certificate identity: none is anonymous.
 */
export const check: Check = {
  *config({ unit }, ctx) {
    const groups = new Map<ConfDirective, ListenerModel[]>();
    for (const l of unit.model.listeners) {
      if (!l.network || !l.allowAnonymous) continue;
      const identity = isOn(l.options.get('use_identity_as_username')) || isOn(l.options.get('use_subject_as_username'));
      if (identity && isOn(l.options.get('require_certificate')) && l.tls) continue;
      // TLS-PSK only (no certificate): the handshake needs a PSK identity, which becomes the username.
      if (identity && l.options.has('psk_hint') && !l.options.has('certfile')) continue;
      const at = l.options.get('listener_allow_anonymous')?.d ?? l.security.options.get('allow_anonymous')?.d ?? l.anchor;
      if (!at) continue;
      groups.set(at, [...(groups.get(at) ?? []), l]);
    }
    for (const [at, ls] of groups) {
      const restricted = ls.every((l) => l.security.options.has('acl_file') || l.security.plugins.length > 0);
      yield { at: ctx.loc(at), data: { listener: ls.map(listenerName).join(', ') }, variant: restricted ? 'acl-restricted' : undefined, key: `allow_anonymous ${ls.map(listenerKey).join(' ')}` };
    }
  },
};
