/** @fileoverview The facts declarative rules (and rule packs) read, per subject: typed option values, listener and target facts (docs/rule-packs.md). */
import { isOn, parseBool, parseIntLikeAtoi } from '../common/conf-values.js';
import { lookupKeyword } from '../common/keywords.js';
import type { ConfDirective, ListenerModel, Setting } from '../model/config.js';
import type { Hit, SubjectKind } from '../model/types.js';
import type { CheckContext } from './context.js';
import { targetHit } from './hits.js';
import type { FactValue, Facts } from './match.js';
import type { Subjects } from './subjects.js';

/** What a declarative rule sees of one subject: its facts, where a finding on it points, where each option fact was set. */
export interface FactView {
  facts: Facts;
  /** The hit a finding starts from: the subject's line, or its target. */
  anchor: Hit;
  /** Where a fact was set: one line for a single value, one per element (same order) for a repeated option. */
  where: Map<string, ConfDirective[]>;
}

/** Repeatable global options of which only the last line counts. */
const LAST_WINS = new Set(['user']);

/** The subject kinds declarative rules may use. */
export const DECLARATIVE_SUBJECTS = ['config', 'listener', 'bridge', 'cert', 'target'] as const;

/** The value of a setting as its keyword's type reads it. */
export function typedValue(s: Setting): string | number | boolean | undefined {
  const def = lookupKeyword(s.d.keyword, '2.1') ?? lookupKeyword(s.d.keyword, '1.6');
  if (!def) return s.value;
  if (def.type === 'bool') return parseBool(s.d);
  if (def.type === 'int') return parseIntLikeAtoi(s.d.tokens[0]?.text);
  if (def.type === 'enum') return s.d.tokens[0]?.text;
  return s.value;
}

function optionFacts(map: Map<string, Setting>, into: Facts, where: Map<string, ConfDirective[]>): void {
  for (const [k, s] of map) {
    into[`option.${k}`] = typedValue(s);
    where.set(`option.${k}`, [s.d]);
  }
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

/** The facts of one scanned target that rules and rule packs may name. */
export function targetFacts(t: Subjects['target']['t']): Facts {
  const m = t.mqtt;
  const tls = t.tls;
  return {
    host: t.host,
    port: t.port,
    transport: t.transport,
    state: t.state,
    anonymous: m?.anonymous ?? false,
    websocket: t.websocket !== undefined,
    protocolVersion: m?.protocolVersion,
    product: m?.product?.name,
    brokerVersion: m?.product?.version ?? m?.brokerVersion,
    sysExposed: (m?.listen?.sysMessages ?? 0) > 0,
    messagesReceived: m?.listen?.messages,
    publishDelivered: m?.publish?.delivered,
    weakCredential: m?.weakCredential !== undefined,
    tlsProtocol: tls?.protocol,
    tlsCipher: tls?.cipher,
    tlsTrusted: tls?.trusted,
    tlsHostnameOk: tls?.hostnameOk,
    clientCertRequired: tls?.clientCertRequired,
    certDaysLeft: tls?.cert?.daysLeft,
    tls12Suites: tls?.ciphers?.['TLSv1.2'],
    tls13Suites: tls?.ciphers?.['TLSv1.3'],
  };
}

const DAY = 86400000;

/** The fact view of a subject of a declarative kind. */
export function factView<K extends (typeof DECLARATIVE_SUBJECTS)[number]>(kind: K, s: Subjects[K], ctx: CheckContext): FactView {
  const where = new Map<string, ConfDirective[]>();
  switch (kind) {
    case 'config': {
      const { unit } = s as Subjects['config'];
      const m = unit.model;
      const facts: Facts = {
        localOnly: m.localOnly,
        perListenerSettings: m.perListenerSettings,
        listeners: m.listeners.length,
        networkListeners: m.listeners.filter((l) => l.network).length,
        bridges: m.bridges.length,
        mosquittoVersion: unit.version.version,
      };
      // A finding about something absent points at what makes it matter: the first network listener (or bridge).
      const net = m.listeners.find((l) => l.network && l.anchor);
      if (net?.anchor) where.set('networkListeners', [net.anchor]);
      if (m.bridges[0]) where.set('bridges', [m.bridges[0].d]);
      optionFacts(m.globals, facts, where);
      optionFacts(m.globalSecurity.options, facts, where);
      for (const [k, list] of m.globalLists) {
        // `user` may be repeated without error, but the last one wins (src/conf.c frees and replaces it): a single value.
        if (LAST_WINS.has(k)) continue;
        facts[`option.${k}`] = list.map((x) => x.d.tokens[0]?.text ?? x.value) as FactValue;
        where.set(`option.${k}`, list.map((x) => x.d));
      }
      return { facts, where, anchor: { at: firstLine(unit.main.directives[0], unit.main.path, ctx) } };
    }
    case 'listener': {
      const { l, unit } = s as Subjects['listener'];
      const facts = listenerFacts(l);
      optionFacts(l.options, facts, where);
      optionFacts(l.security.options, facts, where);
      return { facts, where, anchor: { at: l.anchor ? ctx.loc(l.anchor) : firstLine(unit.main.directives[0], unit.main.path, ctx) } };
    }
    case 'bridge': {
      const { b } = s as Subjects['bridge'];
      const facts: Facts = {
        name: b.name,
        address: b.addresses[0]?.host,
        port: b.addresses[0]?.port,
        tls: b.options.has('bridge_cafile') || b.options.has('bridge_capath') || b.options.has('bridge_psk'),
      };
      optionFacts(b.options, facts, where);
      return { facts, where, anchor: { at: ctx.loc(b.d) } };
    }
    case 'cert': {
      const { cert: c, disk, wire } = s as Subjects['cert'];
      const role = disk ? (disk.ref.kind === 'ca' ? 'ca' : disk.ref.keyword.startsWith('bridge_') ? 'bridge' : 'server') : wire!.position === 0 ? 'server' : 'ca';
      const facts: Facts = {
        role,
        subject: c.subject,
        issuer: c.issuer,
        daysLeft: Math.floor((Date.parse(c.notAfter) - ctx.now.getTime()) / DAY),
        keyType: c.keyType,
        keyBits: c.keyBits,
        signatureAlgorithm: c.signatureAlgorithm,
        selfSigned: c.selfSigned,
        isCA: c.isCA,
      };
      return { facts, where, anchor: disk ? { at: ctx.loc(disk.ref.d) } : targetHit(wire!.t, wire!.origin).hit };
    }
    case 'target': {
      const { t, origin } = s as Subjects['target'];
      return { facts: targetFacts(t), where, anchor: targetHit(t, origin).hit };
    }
  }
  throw new Error(`subject ${kind} has no facts for declarative rules`);
}

/** Where "option absent" findings of a config point: its first directive, or line 1. */
export function firstLine(d: ConfDirective | undefined, path: string, ctx: CheckContext) {
  return d ? ctx.loc(d) : ctx.fileLoc(path, 1);
}
