package dev.jwtsigner.atomic;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.internal.PreparedSigners;
import dev.jwtsigner.internal.rules.AtomicRules;
import dev.jwtsigner.keys.KeySource;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

/**
 * The state of one {@link AtomicTokenBuilder}: copied on every change (see {@link #copy()}) and never
 * modified once a builder holds it. The same mechanism as {@code SignedPayloadBuilder}'s settings.
 */
final class AtomicSettings {
  KeySource keys;
  PreparedSigners signers;
  JwsAlgorithm algorithm;
  String unknownAlgorithm;
  AtomicPolicy policy;
  /** The policy's rulebook, made once per {@link AtomicTokenBuilder#policy} call, not per token. */
  AtomicRules rules;
  String issuer;
  InstantSource clock;
  String keyId;
  String subject;
  boolean subjectSet;
  String atomicSubject;
  boolean atomicSubjectSet;
  Duration expiresIn;
  Instant expiresAt;
  Map<String, JsonValue> profile;
  Map<String, JsonValue> custom;
  Map<String, JsonValue> extra;

  AtomicSettings() {}

  private AtomicSettings(AtomicSettings o) {
    keys = o.keys;
    signers = o.signers;
    algorithm = o.algorithm;
    unknownAlgorithm = o.unknownAlgorithm;
    policy = o.policy;
    rules = o.rules;
    issuer = o.issuer;
    clock = o.clock;
    keyId = o.keyId;
    subject = o.subject;
    subjectSet = o.subjectSet;
    atomicSubject = o.atomicSubject;
    atomicSubjectSet = o.atomicSubjectSet;
    expiresIn = o.expiresIn;
    expiresAt = o.expiresAt;
    profile = o.profile;
    custom = o.custom;
    extra = o.extra;
  }

  /** A field-by-field copy (the maps are immutable, so they are shared). */
  AtomicSettings copy() {
    return new AtomicSettings(this);
  }

  /** The rulebook of {@code policy}. */
  static AtomicRules rulesOf(AtomicPolicy policy) {
    return AtomicRules.of(policy.maxTokenExpiry(), policy.sdkExpiryInterval(), policy.allowedIssuers(),
        policy.userIdClaims());
  }
}
