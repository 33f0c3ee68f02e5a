/** @fileoverview Classify payloads in memory: what kind of sensitive data a topic carries (never the value). */
import type { SensitiveKind } from '../model/wire.js';


/** Only the start of a payload is looked at. */
const SCAN_BYTES = 4096;

const RULES: [SensitiveKind, RegExp][] = [
  ['private-key', /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/],
  ['credentials', /(?:"|'|\b)(?:pass(?:word|wd)?|pwd|secret|token|api[_-]?key|access[_-]?key|auth[_-]?key|client[_-]?secret)(?:"|')?\s*[:=]\s*(?:"|')?[^\s"',;}{]{4,}/i],
  ['credentials', /\bBearer\s+[A-Za-z0-9\-._~+/]{16,}=*/],
  ['credentials', /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/],
  ['credentials', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['wifi-password', /WIFI:(?:[^;]*;)*P:[^;]+;/],
  ['wifi-password', /(?:wifi|wlan|ssid)[^\n]{0,60}?(?:psk|pass(?:word|phrase)?|wpa[_-]?key)(?:"|')?\s*[:=]\s*(?:"|')?[^\s"',;}{]{4,}/i],
  ['email', /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}\b/],
  // OwnTracks and most trackers: JSON with a latitude and a longitude; NMEA sentences from GPS receivers.
  ['gps-position', /"(?:lat|latitude)"\s*:\s*-?\d{1,2}\.\d+[\s\S]{0,200}?"(?:lon|lng|long|longitude)"\s*:\s*-?\d{1,3}\.\d+/i],
  ['gps-position', /\$G[PNL](?:GGA|RMC|GLL),/],
];

/** The kinds of sensitive data a payload holds (in the order of the rules, each once). */
export function classifyPayload(payload: Buffer): SensitiveKind[] {
  const text = payload.subarray(0, SCAN_BYTES).toString('utf8');
  const out: SensitiveKind[] = [];
  for (const [kind, re] of RULES) if (!out.includes(kind) && re.test(text)) out.push(kind);
  return out;
}
