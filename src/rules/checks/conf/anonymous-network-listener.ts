/** @fileoverview Anonymous clients accepted on a network listener (critical; high when an ACL restricts them). */
import type { Check } from '../../context.js';
import { isOn } from '../../../lint/subjects.js';
import { listenerKey, listenerName, listeners } from '../helpers.js';

/** With use_identity_as_username and require_certificate every client has a certificate identity: none is anonymous. */
export const check: Check = function* (ctx) {
  for (const { l } of listeners(ctx)) {
    if (!l.network || !l.allowAnonymous) continue;
    const identity = isOn(l.options.get('use_identity_as_username')) || isOn(l.options.get('use_subject_as_username'));
    if (identity && isOn(l.options.get('require_certificate')) && l.tls) continue;
    const restricted = l.security.options.has('acl_file') || l.security.plugins.length > 0;
    const at = l.security.options.get('allow_anonymous')?.d ?? l.anchor;
    if (!at) continue;
    yield { at: ctx.loc(at), data: { listener: listenerName(l) }, variant: restricted ? 'acl-restricted' : undefined, key: `allow_anonymous ${listenerKey(l)}` };
  }
};
