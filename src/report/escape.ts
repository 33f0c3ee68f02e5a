/** @fileoverview The one place untrusted text is made safe, per medium: terminal text and HTML. */

// C0/C1 controls and DEL, except tab and newline; ESC sequences (CSI, OSC, …) are removed whole.
const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_])/g;
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
// A lone UTF-16 surrogate is not a character: it cannot be encoded (URIs, files) and shows as garbage.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Replace lone surrogates with U+FFFD, so the text can be encoded. */
export function wellFormed(s: string): string {
  return s.replace(LONE_SURROGATE, '\ufffd');
}

/** Strip terminal escapes, control characters and bidi overrides; newlines become spaces (one finding, one line). */
export function sanitizeText(s: string): string {
  return wellFormed(s).replace(ANSI, '').replace(/[\r\n\t\u2028\u2029]+/g, ' ').replace(CONTROL, '').replace(BIDI, '');
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return wellFormed(s).replace(/[&<>"']/g, (c) => HTML[c]).replace(CONTROL, '');
}

/** Escape text for a Markdown table cell. */
export function escapeMarkdownCell(s: string): string {
  return sanitizeText(s).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')).replace(/([`*_[\]])/g, '\\$1');
}
