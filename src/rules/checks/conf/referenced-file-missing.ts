/**
 * @fileoverview A file or directory the config names does not exist: the broker would not start. In a repository, files
 * made at deploy time (password and PSK files, keys, certificates) are usually absent: low, saying what went unchecked
 * (docs/lint.md, "Linting a repository").
 */
import type { Check } from '../../context.js';
import type { FileRef } from '../../../model/config.js';

/** What lint would have checked in a file of each deploy-time kind. */
const UNCHECKED: Partial<Record<FileRef['kind'], string>> = {
  passwd: 'its password hashes and permissions',
  psk: 'its key lengths and permissions',
  key: 'its size, permissions and whether it matches the certificate',
  cert: 'its expiry, key size and signature',
  ca: 'its expiry and whether it is a public trust store',
  crl: 'its dates',
  dhparam: 'its size',
  dynsec: 'its clients, roles and default access',
};

export const check: Check = {
  *config({ unit }, ctx) {
    for (const ref of unit.refs) {
      if (ref.resolved) continue;
      const looked = ref.candidates.map((c) => ctx.show(c)).join(', ');
      const unchecked = unit.root ? UNCHECKED[ref.kind] : undefined;
      const data = { keyword: ref.keyword, path: ref.d.value, looked, unchecked: unchecked ?? '' };
      yield { at: ctx.loc(ref.d), data, group: ref.kind, ...(unchecked ? { variant: 'deploy-time' } : {}) };
    }
  },
};
