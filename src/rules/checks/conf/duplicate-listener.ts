/**
 * @fileoverview Two listeners on one port whose addresses overlap: the second bind fails ("Address already in use") and the
 * broker exits. Seen on mosquitto 2.0.11: no address vs 127.0.0.1, 0.0.0.0 vs 127.0.0.1, localhost vs 127.0.0.1 all clash;
 * 127.0.0.1 vs 127.0.0.2 do not.
 */
import { isIP } from 'node:net';
import type { Check } from '../../context.js';
import type { ListenerModel } from '../../../model/config.js';
import { listenerName } from '../../hits.js';

/** The sockets a bind address opens: `*` for every address of both families, `v4:*`/`v6:*` for one family's wildcard. */
function sockets(bind: string | undefined): string[] {
  if (bind === undefined) return ['*'];
  const b = bind.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (b === 'localhost') return ['v4:127.0.0.1', 'v6:::1'];
  if (b === '0.0.0.0') return ['v4:*'];
  if (b === '::') return ['v6:*'];
  const fam = isIP(b);
  return fam === 4 ? [`v4:${b}`] : fam === 6 ? [`v6:${b}`] : [`name:${b}`];
}

function overlaps(a: ListenerModel, b: ListenerModel): boolean {
  if (a.port !== b.port) return false;
  for (const x of sockets(a.bind)) {
    for (const y of sockets(b.bind)) {
      if (x === '*' || y === '*' || x === y) return true;
      const [fx] = x.split(':');
      const [fy] = y.split(':');
      if (fx === fy && (x === `${fx}:*` || y === `${fy}:*`)) return true;
    }
  }
  return false;
}

export const check: Check = {
  *config({ unit }, ctx) {
    const ls = unit.model.listeners.filter((l) => l.kind !== 'local-only' && !l.socketPath && !l.options.has('bind_interface') && l.anchor);
    for (let i = 1; i < ls.length; i++) {
      const l = ls[i];
      const clash = ls.slice(0, i).find((o) => overlaps(o, l));
      if (clash) yield { at: ctx.loc(l.anchor!), data: { listener: listenerName(l), other: listenerName(clash) } };
    }
  },
};
