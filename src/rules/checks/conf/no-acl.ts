/** @fileoverview Clients authenticate but no ACL applies: every client may read and write every topic. */
import type { Check } from '../../context.js';
import { isOn } from '../../../lint/subjects.js';
import { listenerKey, listenerName, listeners } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const { l } of listeners(ctx)) {
    if (!l.network || !l.anchor) continue;
    const sec = l.security;
    if (sec.options.has('acl_file') || sec.plugins.length > 0) continue;
    const how = sec.options.has('password_file')
      ? 'password_file'
      : isOn(l.options.get('use_identity_as_username')) || isOn(l.options.get('use_subject_as_username'))
        ? 'client certificates'
        : sec.options.has('psk_file')
          ? 'psk_file'
          : undefined;
    if (!how) continue;
    yield { at: ctx.loc(l.anchor), data: { listener: listenerName(l), how }, key: `no-acl ${listenerKey(l)}` };
  }
};
