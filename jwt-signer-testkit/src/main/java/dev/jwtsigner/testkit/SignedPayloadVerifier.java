package dev.jwtsigner.testkit;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.Violation;
import dev.jwtsigner.apto.AptoPolicy;
import dev.jwtsigner.internal.DecodedJws;
import dev.jwtsigner.internal.JwsDecoder;
import dev.jwtsigner.internal.StrictJson;
import dev.jwtsigner.internal.TrustedKey;
import dev.jwtsigner.internal.rules.AptoRules;
import java.security.PublicKey;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Checks a signed payload the way an Apto-style Mobile API does: a compact RS256 JWS whose {@code kid}
 * selects one of at most two registered public keys (no {@code kid}: each key is tried), whose payload is
 * one strict JSON object within the policy's size and depth limits, and whose {@code iat}, {@code exp} and
 * {@code nbf}, when present, are whole-second numbers no later than year 9999, with {@code exp} in the
 * future and {@code nbf} not. {@link #verify(String)} never throws; the {@link Verdict} lists every broken
 * rule, and its {@link Verdict#claims()} is the payload.
 *
 * <pre>{@code
 * Verdict v = SignedPayloadVerifier.create()
 *     .trust("key_1", publicKey)
 *     .trust("key_2", nextPublicKey)
 *     .verify(signedBody);
 * assertThat(v.accepted()).as(v.toString()).isTrue();
 * Object dataPoints = v.claims().get("data_points");
 * }</pre>
 *
 * <p>Immutable and thread-safe: {@link #trust} and {@link #clock} return new verifiers.
 */
public final class SignedPayloadVerifier implements TokenVerifier {

  /** The latest instant a time claim may name: 9999-12-31T23:59:59Z. */
  static final long MAX_EPOCH_SECOND = AptoRules.MAX_EPOCH_SECOND;

  private final AptoPolicy policy;
  private final List<TrustedKey> keys;
  private final InstantSource clock;
  private final JwsDecoder decoder;

  private SignedPayloadVerifier(AptoPolicy policy, InstantSource clock) {
    this.policy = policy;
    this.clock = clock;
    List<TrustedKey> trusted = new ArrayList<>();
    policy.registeredKeys().forEach((kid, key) -> trusted.add(TrustedKey.of(kid, key)));
    this.keys = List.copyOf(trusted);
    this.decoder = JwsDecoder.create(EnumSet.of(AptoPolicy.ALGORITHM),
        StrictJson.create(policy.maxPayloadBytes(), policy.maxDepth()));
  }

  /** A verifier with the default limits (64 KiB, depth 100) that trusts no key yet. */
  public static SignedPayloadVerifier create() {
    return create(AptoPolicy.defaults());
  }

  /**
   * A verifier trusting the policy's registered keys, with its size and depth limits.
   *
   * @throws JwtSignerException with {@link Reason#INVALID_ARGUMENT} if {@code policy} is null
   */
  public static SignedPayloadVerifier create(AptoPolicy policy) {
    if (policy == null) {
      throw new JwtSignerException(Reason.INVALID_ARGUMENT,
          "policy is null. Fix: pass AptoPolicy.defaults() or one built with AptoPolicy.builder().");
    }
    return new SignedPayloadVerifier(policy, InstantSource.system());
  }

  /**
   * This verifier also trusting {@code publicKey} under {@code kid}, as the platform registers an uploaded
   * key: the checks and messages are {@link AptoPolicy.Builder#registerKey}'s.
   *
   * @throws JwtSignerException with {@link Reason#INVALID_ARGUMENT} for a third key (the platform holds
   *     two), a blank or repeated kid, or a key that is not RSA of 2048 bits or more
   */
  public SignedPayloadVerifier trust(String kid, PublicKey publicKey) {
    return new SignedPayloadVerifier(policy.toBuilder().registerKey(kid, publicKey).build(), clock);
  }

  /** This verifier reading the time from {@code clock} (a {@link TestClock}, say) instead of the system clock. */
  public SignedPayloadVerifier clock(InstantSource clock) {
    if (clock == null) {
      throw new JwtSignerException(Reason.INVALID_ARGUMENT,
          "clock is null. Fix: pass an InstantSource such as TestClock.create().");
    }
    return new SignedPayloadVerifier(policy, clock);
  }

  /** The policy this verifier applies, with every trusted key registered in it. */
  public AptoPolicy policy() {
    return policy;
  }

  @Override
  public Verdict verify(String token) {
    DecodedJws jws = decoder.decode(token, keys);
    List<Violation> violations = new ArrayList<>(jws.violations());
    if (jws.claimsDecoded()) {
      violations.addAll(AptoRules.timeClaims(jws.claims(), clock.instant().getEpochSecond()));
    }
    return Verdict.of(violations, jws, null);
  }

  @Override
  public String toString() {
    return "SignedPayloadVerifier[" + policy + "]";
  }
}
