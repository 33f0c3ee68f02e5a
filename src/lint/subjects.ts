/** @fileoverview Lint facts → the subjects declarative rules iterate over (config, listener, bridge, cert), with typed option values. */
import type { Location, SubjectKind } from '../model/types.js';
import type { FactValue, Facts } from '../rules/match.js';
import type { Subject } from '../rules/context.js';
import { lookupKeyword } from './keywords.js';
import type { LintFacts, ConfigUnit } from './load.js';
import { parseBool, parseIntLikeAtoi, type ListenerModel, type Setting } from './model.js';
import type { ConfDirective } from './parse/conf.js';

/** The value of a setting as its keyword's type reads it. */
export function typedValue(s: Setting): string | number | boolean | undefined {
  const def = lookupKeyword(s.d.keyword);
  if (!def) return s.value;
  if (def.type === 'bool') return parseBool(s.d);
  if (def.type === 'int') return parseIntLikeAtoi(s.d.tokens[0]?.text);
  if (def.type === 'enum') return s.d.tokens[0]?.text;
  return s.value;
}

function optionFacts(map: Map<string, Setting>, into: Facts, where: Map<string, ConfDirective>): void {
  for (const [k, s] of map) {
    into[`option.${k}`] = typedValue(s);
    where.set(`option.${k}`, s.d);
  }
}

/** Build the subjects of one kind for the lint facts. */
export function lintSubjects(facts: LintFacts, kind: SubjectKind, loc: (d: ConfDirective) => Location): Subject[] {
  const out: Subject[] = [];
  const subject = (f: Facts, where: Map<string, ConfDirective>, anchor: Location): Subject => ({
    facts: f,
    anchor,
    locate: (fact) => {
      const d = where.get(fact);
      return d ? loc(d) : undefined;
    },
  });
  for (const unit of facts.configs) {
    const m = unit.model;
    const top = firstLine(unit, loc);
    if (kind === 'config') {
      const where = new Map<string, ConfDirective>();
      const f: Facts = {
        localOnly: m.localOnly,
        perListenerSettings: m.perListenerSettings,
        listeners: m.listeners.length,
        networkListeners: m.listeners.filter((l) => l.network).length,
        bridges: m.bridges.length,
      };
      optionFacts(m.globals, f, where);
      optionFacts(m.globalSecurity.options, f, where);
      for (const [k, list] of m.globalLists) {
        f[`option.${k}`] = list.map((s) => s.d.tokens[0]?.text ?? s.value) as FactValue;
        where.set(`option.${k}`, list[0].d);
      }
      out.push(subject(f, where, top));
    } else if (kind === 'listener') {
      for (const l of m.listeners) {
        const where = new Map<string, ConfDirective>();
        const f = listenerFacts(l);
        optionFacts(l.options, f, where);
        optionFacts(l.security.options, f, where);
        out.push(subject(f, where, l.anchor ? loc(l.anchor) : top));
      }
    } else if (kind === 'bridge') {
      for (const b of m.bridges) {
        const where = new Map<string, ConfDirective>();
        const f: Facts = {
          name: b.name,
          address: b.addresses[0]?.host,
          port: b.addresses[0]?.port,
          tls: b.options.has('bridge_cafile') || b.options.has('bridge_capath') || b.options.has('bridge_psk'),
        };
        optionFacts(b.options, f, where);
        out.push(subject(f, where, loc(b.d)));
      }
    }
  }
  if (kind === 'cert') {
    for (const p of facts.pems) {
      for (const c of p.certs ?? []) {
        const f: Facts = {
          role: p.ref.kind === 'ca' ? 'ca' : p.ref.keyword.startsWith('bridge_') ? 'bridge' : 'server',
          subject: c.subject,
          issuer: c.issuer,
          daysLeft: Math.floor((Date.parse(c.notAfter) - Date.now()) / 86400000),
          keyType: c.keyType,
          keyBits: c.keyBits,
          signatureAlgorithm: c.signatureAlgorithm,
          selfSigned: c.selfSigned,
          isCA: c.isCA,
        };
        out.push(subject(f, new Map(), loc(p.ref.d)));
      }
    }
  }
  return out;
}

/** The facts of one listener that rules and rule packs may name. */
export function listenerFacts(l: ListenerModel): Facts {
  return {
    kind: l.kind,
    port: l.port,
    bind: l.socketPath ?? l.bind ?? '',
    network: l.network,
    tls: l.tls,
    protocol: l.options.get('protocol')?.d.tokens[0]?.text ?? 'mqtt',
    allowAnonymous: l.allowAnonymous,
    hasAcl: l.security.options.has('acl_file') || l.security.plugins.length > 0,
    hasPasswordFile: l.security.options.has('password_file'),
    hasPlugin: l.security.plugins.length > 0,
    identityAsUsername: isOn(l.options.get('use_identity_as_username')) || isOn(l.options.get('use_subject_as_username')),
    requireCertificate: isOn(l.options.get('require_certificate')),
  };
}

/** True when a bool setting is set to true. */
export function isOn(s: Setting | undefined): boolean {
  return s !== undefined && parseBool(s.d) === true;
}

/** Where "option absent" findings of a config point: its first directive, or line 1. */
export function firstLine(unit: ConfigUnit, loc: (d: ConfDirective) => Location): Location {
  const d = unit.main.directives[0];
  return d ? loc(d) : { path: loc({ path: unit.main.path, line: 1, keyword: '', col: 1, value: '', valueCol: 1, tokens: [] }).path, line: 1 };
}
