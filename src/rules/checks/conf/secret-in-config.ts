/** @fileoverview Passwords and keys written into mosquitto.conf in clear, the bridge's and plugins' alike (the value is never reported). */
import type { Check } from '../../context.js';
import { canonicalKeyword, isPluginSecret } from '../../../common/keywords.js';

const SECRETS = new Set(['remote_password', 'local_password', 'bridge_psk', 'tls_engine_kpass_sha1']);

export const check: Check = {
  *directive({ d }, ctx) {
    if (d.value === '') return;
    if (SECRETS.has(canonicalKeyword(d.keyword)) || isPluginSecret(d.keyword)) yield { at: ctx.loc(d), data: { keyword: d.keyword }, key: `${d.keyword} <redacted>` };
  },
};
