/** @fileoverview Clients authenticate but no ACL applies: every client may read and write every topic. */
import type { Check } from '../../context.js';
import { isOn } from '../../../common/conf-values.js';
import { listenerKey, listenerName } from '../../hits.js';

export const check: Check = {
  *listener({ l }, ctx) {
    if (!l.network || !l.anchor) return;
    const sec = l.security;
    if (sec.options.has('acl_file') || sec.plugins.length > 0) return;
    // A TLS-PSK listener (psk_hint, no certificate) maps the PSK identity, not a certificate, with use_identity_as_username.
    const pskOnly = l.options.has('psk_hint') && !l.options.has('certfile');
    const how = sec.options.has('password_file')
      ? 'password_file'
      : pskOnly && sec.options.has('psk_file')
        ? 'psk_file'
        : isOn(l.options.get('use_identity_as_username')) || isOn(l.options.get('use_subject_as_username'))
          ? 'client certificates'
          : sec.options.has('psk_file')
            ? 'psk_file'
            : undefined;
    if (how) yield { at: ctx.loc(l.anchor), data: { listener: listenerName(l), how }, key: `no-acl ${listenerKey(l)}` };
  },
};
