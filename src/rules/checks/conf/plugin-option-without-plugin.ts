/**
 * @fileoverview Plugin options before their plugin line: mosquitto keeps "the current plugin" per file (src/conf.c,
 * config__read_file_core's cur_auth_plugin_config), so an option with no plugin line above it in its own file stops
 * the broker, whatever other files hold (docs/lint.md, "Security settings").
 */
import type { Check } from '../../context.js';
import { canonicalKeyword } from '../../../common/keywords.js';
import type { ConfDirective, MosquittoVersion } from '../../../model/config.js';

/** The broker's own words, by version (2.0 says auth_opt_ even for plugin_opt_). */
function errorText(v: MosquittoVersion, keyword: string): string {
  if (v === '2.1') return `"Error: The '${keyword}' option requires plugin/global_plugin/plugin_load to be defined first."`;
  if (keyword === 'auth_plugin_deny_special_chars') return '"Error: An auth_plugin_deny_special_chars option exists in the config file without an auth_plugin."';
  return '"Error: An auth_opt_ option exists in the config file without an auth_plugin."';
}

const PLUGIN_LINES = new Set(['plugin', 'global_plugin', 'plugin_load']);

function isPluginOption(keyword: string): boolean {
  return /^(auth_opt_|plugin_opt_)./.test(keyword) || keyword === 'auth_plugin_deny_special_chars';
}

export const check: Check = {
  *config({ unit }, ctx) {
    const v = unit.version.version;
    const pls = unit.model.perListenerSettings;
    const pluginFiles = unit.files.filter((f) => f.directives.some((d) => PLUGIN_LINES.has(canonicalKeyword(d.keyword, v))));
    for (const file of unit.files) {
      let plugin: { d: ConfDirective; listener?: ConfDirective } | undefined;
      let listener: ConfDirective | undefined;
      for (const d of file.directives) {
        const key = canonicalKeyword(d.keyword, v);
        if (key === 'listener') listener = d;
        else if (PLUGIN_LINES.has(key)) plugin = { d, listener };
        else if (isPluginOption(d.keyword)) {
          if (!plugin) {
            const other = pluginFiles.find((f) => f !== file);
            const elsewhere = other ? `; the plugin line in ${ctx.show(other.path)} does not count here` : '';
            yield { at: ctx.loc(d), data: { keyword: d.keyword, error: errorText(v, d.keyword), elsewhere } };
          } else if (pls && plugin.listener !== listener && v !== '2.1') {
            const owner = plugin.listener ? `listener ${plugin.listener.value}` : 'the default listener';
            yield { at: ctx.loc(d), data: { keyword: d.keyword, owner, pluginLine: plugin.d.line }, variant: 'other-listener' };
          }
        }
      }
    }
  },
};
