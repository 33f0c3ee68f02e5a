/** @fileoverview Values mosquitto refuses (bad bool, port, enum, range) or silently misreads (a word where a number goes). */
import type { Check } from '../../context.js';
import { lookupKeyword, type Keyword } from '../../../common/keywords.js';
import type { ConfDirective } from '../../../model/config.js';

const LOG_DEST = ['stderr', 'stdout', 'syslog', 'topic', 'file', 'dlt', 'none'];

export const check: Check = {
  *directive({ d, unit }, ctx) {
    const def = lookupKeyword(d.keyword, unit.version.version);
    const problem = def && validate(d, def);
    if (problem) yield { at: ctx.loc(d), data: { keyword: d.keyword, problem } };
  },
};

/** Why mosquitto would refuse or misread this value, or undefined. */
export function validate(d: ConfDirective, def: Keyword): string | undefined {
  const first = d.tokens[0]?.text;
  if (d.value === '' || first === undefined) return 'the value is empty';
  switch (def.type) {
    case 'bool':
      return ['true', 'false', '1', '0'].includes(first) ? undefined : `"${first}" is not a boolean (true or false)`;
    case 'int':
      return intProblem(first, def);
    case 'enum':
      return def.values!.includes(first) ? undefined : `"${first}" is not one of ${def.values!.join(', ')}`;
    case 'special':
      return special(d);
    default:
      return undefined;
  }
}

function intProblem(text: string, def: Keyword): string | undefined {
  if (!/^[+-]?\d+$/.test(text)) return `"${text}" is not a number: mosquitto reads it as 0`;
  const n = Number(text);
  if (def.min !== undefined && n < def.min) return `${n} is below the minimum ${def.min}`;
  if (def.max !== undefined && n > def.max) return `${n} is above the maximum ${def.max}`;
  return undefined;
}

function special(d: ConfDirective): string | undefined {
  const t = d.tokens.map((x) => x.text);
  switch (d.keyword) {
    case 'listener': {
      if (!/^\d+$/.test(t[0])) return `port "${t[0]}" is not a number`;
      const port = Number(t[0]);
      if (port > 65535) return `port ${port} is above 65535`;
      if (port === 0 && (!t[1] || t[1].startsWith('#'))) return 'port 0 needs a unix socket path';
      return undefined;
    }
    case 'log_dest':
      if (!LOG_DEST.includes(t[0])) return `"${t[0]}" is not one of ${LOG_DEST.join(', ')}`;
      if (t[0] === 'file' && (!t[1] || t[1].startsWith('#'))) return 'log_dest file needs a path';
      return undefined;
    case 'persistent_client_expiration':
      return /^\d+[hdwmy]$/.test(t[0]) ? undefined : `"${t[0]}" is not a duration such as 14d (h, d, w, m or y)`;
    case 'restart_timeout':
      return t.slice(0, 2).every((x) => /^\d+$/.test(x) || x.startsWith('#')) ? undefined : 'expects one or two numbers of seconds';
    case 'topic': {
      const dir = t[1];
      if (dir !== undefined && !dir.startsWith('#') && !['in', 'out', 'both'].includes(dir)) return `direction "${dir}" is not in, out or both`;
      const qos = t[2];
      if (qos !== undefined && !qos.startsWith('#') && !['0', '1', '2'].includes(qos)) return `qos "${qos}" is not 0, 1 or 2`;
      return undefined;
    }
    case 'address':
    case 'addresses':
      for (const a of t) {
        if (a.startsWith('#')) break;
        const m = /:(\d*)$/.exec(a.replace(/^\[[^\]]*\]/, ''));
        if (m && a.split(':').length === 2 && (m[1] === '' || Number(m[1]) < 1 || Number(m[1]) > 65535)) return `address "${a}" has an invalid port`;
      }
      return undefined;
    default:
      return undefined;
  }
}
