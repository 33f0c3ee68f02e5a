/** @fileoverview Cipher lists that enable NULL, anonymous (aNULL, ADH-, AECDH-), export, RC4, DES, MD5 or everything (OpenSSL cipher-list semantics). */
import type { Check } from '../../context.js';

const WEAK = /^(eNULL|aNULL|NULL|COMPLEMENTOFALL|COMPLEMENTOFDEFAULT|EXPORT\w*|EXP|LOW|RC4|DES|3DES|MD5|SSLv3|ADH|AECDH|kEDH\+aNULL|.*RC4.*|.*-DES-.*|DES-.*|.*EXP-.*|.*NULL.*|.*-MD5|ADH-.*|AECDH-.*)$/i;

/** The weak parts a cipher list enables (tokens excluded with ! or - are ignored). */
export function weakCiphers(list: string): string[] {
  const tokens = list.split(/[:, ]+/).filter(Boolean);
  const excluded = new Set(tokens.filter((t) => t.startsWith('!') || t.startsWith('-')).map((t) => t.slice(1).toUpperCase()));
  const out: string[] = [];
  for (const t of tokens) {
    if (t.startsWith('!') || t.startsWith('-') || t.startsWith('@')) continue;
    const name = t.replace(/^\+/, '');
    if (name.toUpperCase() === 'ALL' && !(excluded.has('ANULL') && excluded.has('ENULL'))) out.push('ALL without !aNULL:!eNULL');
    else if (name.split('+').some((p) => WEAK.test(p)) && !excluded.has(name.toUpperCase())) out.push(name);
  }
  return out;
}

export const check: Check = {
  *listener({ l }, ctx) {
    const s = l.options.get('ciphers');
    const weak = s ? weakCiphers(s.value) : [];
    if (weak.length) yield { at: ctx.loc(s!.d), data: { weak: weak.join(', ') } };
  },
};
