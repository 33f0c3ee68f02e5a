/** @fileoverview Rule id → code check, sorted by id; test/rules/catalog.test.ts keeps it in step with rules/ and this folder. */
import type { Check } from '../context.js';
import { check as aclAnonymousWideAccess } from './acl/anonymous-wide-access.js';
import { check as aclEmptyFile } from './acl/empty-file.js';
import { check as aclFilePermissions } from './acl/file-permissions.js';
import { check as aclParseError } from './acl/parse-error.js';
import { check as aclPatternDenyShadowed } from './acl/pattern-deny-shadowed.js';
import { check as aclPatternInUserBlock } from './acl/pattern-in-user-block.js';
import { check as aclPatternWildcardAll } from './acl/pattern-wildcard-all.js';
import { check as aclPatternWithoutSubstitution } from './acl/pattern-without-substitution.js';
import { check as aclSysWriteIneffective } from './acl/sys-write-ineffective.js';
import { check as aclUserDenyCancelsGrant } from './acl/user-deny-cancels-grant.js';
import { check as aclUserWildcardAll } from './acl/user-wildcard-all.js';
import { check as confAnonymousNetworkListener } from './conf/anonymous-network-listener.js';
import { check as confBridgeMirrorsAll } from './conf/bridge-mirrors-all.js';
import { check as confBridgeNoTls } from './conf/bridge-no-tls.js';
import { check as confBridgeOptionOutsideBridge } from './conf/bridge-option-outside-bridge.js';
import { check as confBridgeTopicComment } from './conf/bridge-topic-comment.js';
import { check as confClientAuthPublicCa } from './conf/client-auth-public-ca.js';
import { check as confClientCertWithoutCrl } from './conf/client-cert-without-crl.js';
import { check as confDeprecatedOption } from './conf/deprecated-option.js';
import { check as confDuplicateListener } from './conf/duplicate-listener.js';
import { check as confDuplicateOption } from './conf/duplicate-option.js';
import { check as confIdentityWithoutRequireCertificate } from './conf/identity-without-require-certificate.js';
import { check as confImplicitDefaultListener } from './conf/implicit-default-listener.js';
import { check as confIneffectiveOption } from './conf/ineffective-option.js';
import { check as confInlineComment } from './conf/inline-comment.js';
import { check as confInvalidValue } from './conf/invalid-value.js';
import { check as confListenerOptionsWithoutListener } from './conf/listener-options-without-listener.js';
import { check as confLocalOnlyMode } from './conf/local-only-mode.js';
import { check as confLoggingDisabled } from './conf/logging-disabled.js';
import { check as confNoAcl } from './conf/no-acl.js';
import { check as confPerListenerSettingsMisplaced } from './conf/per-listener-settings-misplaced.js';
import { check as confPlaintextNetworkListener } from './conf/plaintext-network-listener.js';
import { check as confPluginOptionWithoutPlugin } from './conf/plugin-option-without-plugin.js';
import { check as confReferencedFileMissing } from './conf/referenced-file-missing.js';
import { check as confRequireCertificateWithoutCa } from './conf/require-certificate-without-ca.js';
import { check as confSecretInConfig } from './conf/secret-in-config.js';
import { check as confTlsIncomplete } from './conf/tls-incomplete.js';
import { check as confUnknownOption } from './conf/unknown-option.js';
import { check as confWeakCiphers } from './conf/weak-ciphers.js';
import { check as driftAnonymousMismatch } from './drift/anonymous-mismatch.js';
import { check as driftCertMismatch } from './drift/cert-mismatch.js';
import { check as driftListenerClosed } from './drift/listener-closed.js';
import { check as driftTlsMismatch } from './drift/tls-mismatch.js';
import { check as driftUndeclaredPort } from './drift/undeclared-port.js';
import { check as dynsecAnonymousGroupWide } from './dynsec/anonymous-group-wide.js';
import { check as dynsecClientWithoutPassword } from './dynsec/client-without-password.js';
import { check as dynsecDefaultAccessAllows } from './dynsec/default-access-allows.js';
import { check as dynsecFilePermissions } from './dynsec/file-permissions.js';
import { check as dynsecLowIterations } from './dynsec/low-iterations.js';
import { check as dynsecParseError } from './dynsec/parse-error.js';
import { check as dynsecRoleWildcardAll } from './dynsec/role-wildcard-all.js';
import { check as lintSuppressionUnknownRule } from './lint/suppression-unknown-rule.js';
import { check as mqttAnonymousAccess } from './mqtt/anonymous-access.js';
import { check as mqttPlaintextListener } from './mqtt/plaintext-listener.js';
import { check as mqttPublishAllowed } from './mqtt/publish-allowed.js';
import { check as mqttSensitiveData } from './mqtt/sensitive-data.js';
import { check as mqttSysExposed } from './mqtt/sys-exposed.js';
import { check as mqttUnboundedPackets } from './mqtt/unbounded-packets.js';
import { check as mqttVulnerableVersion } from './mqtt/vulnerable-version.js';
import { check as mqttWeakCredentials } from './mqtt/weak-credentials.js';
import { check as mqttWildcardSubscribe } from './mqtt/wildcard-subscribe.js';
import { check as passwdDuplicateUser } from './passwd/duplicate-user.js';
import { check as passwdFilePermissions } from './passwd/file-permissions.js';
import { check as passwdLegacySha512 } from './passwd/legacy-sha512.js';
import { check as passwdLowPbkdf2Iterations } from './passwd/low-pbkdf2-iterations.js';
import { check as passwdMalformedEntry } from './passwd/malformed-entry.js';
import { check as passwdPlaintextPassword } from './passwd/plaintext-password.js';
import { check as pskWeakKey } from './psk/weak-key.js';
import { check as tlsCertExpired } from './tls/cert-expired.js';
import { check as tlsCertExpiring } from './tls/cert-expiring.js';
import { check as tlsCertKeyMismatch } from './tls/cert-key-mismatch.js';
import { check as tlsCertNotYetValid } from './tls/cert-not-yet-valid.js';
import { check as tlsCertUntrusted } from './tls/cert-untrusted.js';
import { check as tlsClientCertNotRequired } from './tls/client-cert-not-required.js';
import { check as tlsFileInvalid } from './tls/file-invalid.js';
import { check as tlsHostnameMismatch } from './tls/hostname-mismatch.js';
import { check as tlsKeyPermissions } from './tls/key-permissions.js';
import { check as tlsLegacyProtocol } from './tls/legacy-protocol.js';
import { check as tlsNoForwardSecrecy } from './tls/no-forward-secrecy.js';
import { check as tlsProfileMismatch } from './tls/profile-mismatch.js';
import { check as tlsWeakCipher } from './tls/weak-cipher.js';
import { check as tlsWeakKey } from './tls/weak-key.js';

/** Every code check, keyed by the id of its rule. */
export const CHECKS: Record<string, Check> = {
  'acl.anonymous-wide-access': aclAnonymousWideAccess,
  'acl.empty-file': aclEmptyFile,
  'acl.file-permissions': aclFilePermissions,
  'acl.parse-error': aclParseError,
  'acl.pattern-deny-shadowed': aclPatternDenyShadowed,
  'acl.pattern-in-user-block': aclPatternInUserBlock,
  'acl.pattern-wildcard-all': aclPatternWildcardAll,
  'acl.pattern-without-substitution': aclPatternWithoutSubstitution,
  'acl.sys-write-ineffective': aclSysWriteIneffective,
  'acl.user-deny-cancels-grant': aclUserDenyCancelsGrant,
  'acl.user-wildcard-all': aclUserWildcardAll,
  'conf.anonymous-network-listener': confAnonymousNetworkListener,
  'conf.bridge-mirrors-all': confBridgeMirrorsAll,
  'conf.bridge-no-tls': confBridgeNoTls,
  'conf.bridge-option-outside-bridge': confBridgeOptionOutsideBridge,
  'conf.bridge-topic-comment': confBridgeTopicComment,
  'conf.client-auth-public-ca': confClientAuthPublicCa,
  'conf.client-cert-without-crl': confClientCertWithoutCrl,
  'conf.deprecated-option': confDeprecatedOption,
  'conf.duplicate-listener': confDuplicateListener,
  'conf.duplicate-option': confDuplicateOption,
  'conf.identity-without-require-certificate': confIdentityWithoutRequireCertificate,
  'conf.implicit-default-listener': confImplicitDefaultListener,
  'conf.ineffective-option': confIneffectiveOption,
  'conf.inline-comment': confInlineComment,
  'conf.invalid-value': confInvalidValue,
  'conf.listener-options-without-listener': confListenerOptionsWithoutListener,
  'conf.local-only-mode': confLocalOnlyMode,
  'conf.logging-disabled': confLoggingDisabled,
  'conf.no-acl': confNoAcl,
  'conf.per-listener-settings-misplaced': confPerListenerSettingsMisplaced,
  'conf.plaintext-network-listener': confPlaintextNetworkListener,
  'conf.plugin-option-without-plugin': confPluginOptionWithoutPlugin,
  'conf.referenced-file-missing': confReferencedFileMissing,
  'conf.require-certificate-without-ca': confRequireCertificateWithoutCa,
  'conf.secret-in-config': confSecretInConfig,
  'conf.tls-incomplete': confTlsIncomplete,
  'conf.unknown-option': confUnknownOption,
  'conf.weak-ciphers': confWeakCiphers,
  'drift.anonymous-mismatch': driftAnonymousMismatch,
  'drift.cert-mismatch': driftCertMismatch,
  'drift.listener-closed': driftListenerClosed,
  'drift.tls-mismatch': driftTlsMismatch,
  'drift.undeclared-port': driftUndeclaredPort,
  'dynsec.anonymous-group-wide': dynsecAnonymousGroupWide,
  'dynsec.client-without-password': dynsecClientWithoutPassword,
  'dynsec.default-access-allows': dynsecDefaultAccessAllows,
  'dynsec.file-permissions': dynsecFilePermissions,
  'dynsec.low-iterations': dynsecLowIterations,
  'dynsec.parse-error': dynsecParseError,
  'dynsec.role-wildcard-all': dynsecRoleWildcardAll,
  'lint.suppression-unknown-rule': lintSuppressionUnknownRule,
  'mqtt.anonymous-access': mqttAnonymousAccess,
  'mqtt.plaintext-listener': mqttPlaintextListener,
  'mqtt.publish-allowed': mqttPublishAllowed,
  'mqtt.sensitive-data': mqttSensitiveData,
  'mqtt.sys-exposed': mqttSysExposed,
  'mqtt.unbounded-packets': mqttUnboundedPackets,
  'mqtt.vulnerable-version': mqttVulnerableVersion,
  'mqtt.weak-credentials': mqttWeakCredentials,
  'mqtt.wildcard-subscribe': mqttWildcardSubscribe,
  'passwd.duplicate-user': passwdDuplicateUser,
  'passwd.file-permissions': passwdFilePermissions,
  'passwd.legacy-sha512': passwdLegacySha512,
  'passwd.low-pbkdf2-iterations': passwdLowPbkdf2Iterations,
  'passwd.malformed-entry': passwdMalformedEntry,
  'passwd.plaintext-password': passwdPlaintextPassword,
  'psk.weak-key': pskWeakKey,
  'tls.cert-expired': tlsCertExpired,
  'tls.cert-expiring': tlsCertExpiring,
  'tls.cert-key-mismatch': tlsCertKeyMismatch,
  'tls.cert-not-yet-valid': tlsCertNotYetValid,
  'tls.cert-untrusted': tlsCertUntrusted,
  'tls.client-cert-not-required': tlsClientCertNotRequired,
  'tls.file-invalid': tlsFileInvalid,
  'tls.hostname-mismatch': tlsHostnameMismatch,
  'tls.key-permissions': tlsKeyPermissions,
  'tls.legacy-protocol': tlsLegacyProtocol,
  'tls.no-forward-secrecy': tlsNoForwardSecrecy,
  'tls.profile-mismatch': tlsProfileMismatch,
  'tls.weak-cipher': tlsWeakCipher,
  'tls.weak-key': tlsWeakKey,
};
