package dev.jwtsigner.apto;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TokenRejectedException;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.internal.JoseSigner;
import dev.jwtsigner.internal.PreparedSigners;
import dev.jwtsigner.internal.StrictJson;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.SigningKey;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Signs a JSON request body as an RS256 JWT, the way an Apto-style Mobile API wants it: the body itself is
 * the claims set, with {@code iat} added as Node's {@code jsonwebtoken} adds it. The client sends the
 * token as the raw request body with {@code Content-Type: }{@value #CONTENT_TYPE}.
 *
 * <pre>{@code
 * SignedPayloadBuilder signer = SignedPayloadBuilder.create(KeySource.fromPemText(System.getenv("APTO_PRIVATE_KEY")))
 *     .keyId("key_1")
 *     .policy(AptoPolicy.builder().registerKey("key_1", publicKey).build());
 * String token = signer.payload(createUserJson).sign();   // throws TokenRejectedException, nothing signed
 * }</pre>
 *
 * <p>Every rule is checked before signing and every broken one is reported at once in a
 * {@link TokenRejectedException} with {@link Reason#PAYLOAD_REJECTED}: the payload must be exactly one
 * strict JSON object (no duplicate member names, valid Unicode, within the policy's size and depth
 * limits), the key must be RSA, a kid must not be blank, and when the policy registers keys, the kid must
 * be registered and the signing key must be the private half of the key registered under it. The
 * caller's JSON text is signed byte for byte, with {@code ,"iat":N} (and {@code exp}) inserted before its
 * final brace.
 *
 * <p>Immutable and thread-safe: every method returns a new builder, so a configured builder is shared
 * across threads. The prepared signer is cached per {@link SigningKey}, and shared by derived builders.
 */
public final class SignedPayloadBuilder {

  /** The content type of a request whose body is a signed payload: {@code application/jwt}. */
  public static final String CONTENT_TYPE = "application/jwt";

  private static final String PAYLOAD = "payload";

  private final KeySource keys;
  private final PreparedSigners signers;
  private final String keyId;
  private final boolean keyIdSet;
  private final Payload payload;
  private final boolean issuedAt;
  private final Duration expiresIn;
  private final InstantSource clock;
  private final AptoPolicy policy;
  private final StrictJson json;

  private SignedPayloadBuilder(KeySource keys, PreparedSigners signers, String keyId, boolean keyIdSet, Payload payload,
      boolean issuedAt, Duration expiresIn, InstantSource clock, AptoPolicy policy, StrictJson json) {
    this.keys = keys;
    this.signers = signers;
    this.keyId = keyId;
    this.keyIdSet = keyIdSet;
    this.payload = payload;
    this.issuedAt = issuedAt;
    this.expiresIn = expiresIn;
    this.clock = clock;
    this.policy = policy;
    this.json = json;
  }

  /**
   * A builder signing with the keys of {@code keys}, with {@code iat} on, no {@code exp}, the system clock
   * and {@link AptoPolicy#defaults()}.
   *
   * @throws JwtSignerException with {@code INVALID_ARGUMENT} if {@code keys} is null
   */
  public static SignedPayloadBuilder create(KeySource keys) {
    requireArgument(keys, "create: keys is null. Fix: pass a KeySource, such as KeySource.fromPemText(pem).");
    AptoPolicy policy = AptoPolicy.defaults();
    return new SignedPayloadBuilder(keys, new PreparedSigners(), null, false, Payload.NOT_SET, true, null,
        InstantSource.system(), policy, jsonFor(policy));
  }

  /**
   * Writes {@code keyId} as the {@code kid} header instead of the signing key's own kid. A blank kid is
   * reported by {@link #sign()}.
   */
  public SignedPayloadBuilder keyId(String keyId) {
    return new SignedPayloadBuilder(keys, signers, keyId, true, payload, issuedAt, expiresIn, clock, policy, json);
  }

  /** The payload as JSON text: one JSON object, such as a create-user body. Checked by {@link #sign()}. */
  public SignedPayloadBuilder payload(String json) {
    return new SignedPayloadBuilder(keys, signers, keyId, keyIdSet, Payload.ofText(json), issuedAt, expiresIn, clock,
        policy, this.json);
  }

  /**
   * The payload as a map, serialized now (so later changes to the map do not show): keys must be strings,
   * values {@code null}, strings, booleans, finite numbers, lists and maps of the same. Anything else is
   * reported by {@link #sign()}.
   */
  public SignedPayloadBuilder payload(Map<String, ?> payload) {
    return new SignedPayloadBuilder(keys, signers, keyId, keyIdSet, Payload.ofMap(payload),
        issuedAt, expiresIn, clock, policy, json);
  }

  /** Whether to add {@code iat} (the clock's current second); on by default, as in Node's {@code jsonwebtoken}. */
  public SignedPayloadBuilder issuedAt(boolean issuedAt) {
    return new SignedPayloadBuilder(keys, signers, keyId, keyIdSet, payload, issuedAt, expiresIn, clock, policy, json);
  }

  /**
   * Adds {@code exp}, {@code lifetime} after the clock's current second, so a captured token cannot be
   * replayed forever.
   *
   * @throws JwtSignerException with {@code INVALID_ARGUMENT} if {@code lifetime} is null or under one second
   */
  public SignedPayloadBuilder expiresIn(Duration lifetime) {
    requireArgument(lifetime, "expiresIn: the lifetime is null. Fix: pass a Duration such as Duration.ofMinutes(5).");
    if (lifetime.getSeconds() < 1) {
      throw new JwtSignerException(Reason.INVALID_ARGUMENT, "expiresIn: the lifetime is " + lifetime
          + "; it must be at least one second (exp counts whole seconds). Fix: pass a Duration such as Duration.ofMinutes(5).");
    }
    return new SignedPayloadBuilder(keys, signers, keyId, keyIdSet, payload, issuedAt, lifetime, clock, policy, json);
  }

  /** The clock for {@code iat} and {@code exp} (default: the system clock). */
  public SignedPayloadBuilder clock(InstantSource clock) {
    requireArgument(clock, "clock: the clock is null. Fix: pass an InstantSource such as InstantSource.system().");
    return new SignedPayloadBuilder(keys, signers, keyId, keyIdSet, payload, issuedAt, expiresIn, clock, policy, json);
  }

  /**
   * The program's settings: registered keys and payload limits (default {@link AptoPolicy#defaults()}).
   */
  public SignedPayloadBuilder policy(AptoPolicy policy) {
    requireArgument(policy, "policy: the policy is null. Fix: pass AptoPolicy.defaults() or one built with AptoPolicy.builder().");
    return new SignedPayloadBuilder(keys, signers, keyId, keyIdSet, payload, issuedAt,
        expiresIn, clock, policy, jsonFor(policy));
  }

  /**
   * The compact RS256 JWS of the payload, with the header {@code {"alg":"RS256","typ":"JWT","kid":...}}.
   *
   * @throws TokenRejectedException with {@link Reason#PAYLOAD_REJECTED} listing every broken rule; nothing is signed
   * @throws JwtSignerException with {@code SIGNING_FAILED} if the provider or HSM fails
   */
  public String sign() {
    SigningKey key = keys.signingKey();
    String kid = keyIdSet ? keyId : key.keyId().orElse(null);
    List<Violation> violations = new ArrayList<>(2);
    KeyRules.check(key, kid, keyIdSet, policy, violations);
    String signed = checkedPayload(violations);
    if (!violations.isEmpty()) {
      throw new TokenRejectedException(Reason.PAYLOAD_REJECTED,
          "the signed payload was refused (" + violations.size() + (violations.size() == 1 ? " rule" : " rules")
              + " broken); nothing was signed.", violations);
    }
    return signers.signerFor(key, AptoPolicy.ALGORITHM, kid).sign(signed);
  }

  @Override
  public String toString() {
    return "SignedPayloadBuilder[keys=" + keys + (keyIdSet ? ", kid=" + keyId : "") + ", iat=" + issuedAt
        + (expiresIn == null ? "" : ", expiresIn=" + expiresIn) + ", " + policy + "]";
  }

  /**
   * The JSON text to sign: the caller's, with the time claims added; null when it broke a rule, which is then
   * added to {@code violations}. The one parse here is the only one on the signing path.
   */
  private String checkedPayload(List<Violation> violations) {
    if (payload == Payload.NOT_SET) {
      violations.add(Violation.of(PAYLOAD, Rule.NOT_A_JSON_OBJECT, "payload is not set.",
          "call payload(json) with the request body, such as {\"data_points\":{...}}."));
      return null;
    }
    if (!payload.violations().isEmpty()) {
      violations.addAll(payload.violations());
      return null;
    }
    String text = payload.json();
    byte[] utf8;
    Map<String, Object> members;
    try {
      utf8 = json.encode(text, PAYLOAD, Reason.PAYLOAD_REJECTED);
      members = json.parseObject(utf8, PAYLOAD, Reason.PAYLOAD_REJECTED);
    } catch (TokenRejectedException e) {
      violations.addAll(e.violations());
      return null;
    }
    int before = violations.size();
    if (issuedAt && members.containsKey("iat")) {
      violations.add(conflict("iat", "issuedAt(false)"));
    }
    if (expiresIn != null && members.containsKey("exp")) {
      violations.add(conflict("exp", "no expiresIn(...)"));
    }
    if (violations.size() > before) {
      return null;
    }
    String signed = withTimeClaims(text, members.isEmpty());
    int bytes = utf8.length + signed.length() - text.length(); // the time claims are ASCII
    if (bytes > policy.maxPayloadBytes()) {
      violations.add(Violation.of(PAYLOAD, Rule.TOO_LARGE,
          "payload has " + bytes + " UTF-8 bytes once the time claims are added; the limit is "
              + policy.maxPayloadBytes() + ".",
          "send a smaller body, or raise the limit with AptoPolicy.builder().maxPayloadBytes(...)."));
      return null;
    }
    return signed;
  }

  private static Violation conflict(String claim, String builderSide) {
    return Violation.of(PAYLOAD + "." + claim, Rule.TIME_CLAIM_CONFLICT,
        "the payload sets " + claim + " and the builder adds it too.",
        "remove " + claim + " from the payload, or set " + builderSide + " on the builder to keep the payload's.");
  }

  /** The caller's JSON text unchanged, with {@code "iat":N} and {@code "exp":N} inserted before its last brace. */
  private String withTimeClaims(String text, boolean emptyObject) {
    if (!issuedAt && expiresIn == null) {
      return text;
    }
    long now = clock.instant().getEpochSecond();
    StringBuilder added = new StringBuilder(32);
    if (issuedAt) {
      added.append(",\"iat\":").append(now);
    }
    if (expiresIn != null) {
      added.append(",\"exp\":").append(now + expiresIn.getSeconds());
    }
    int close = text.lastIndexOf('}');
    return text.substring(0, close) + (emptyObject ? added.substring(1) : added) + text.substring(close);
  }

  private static StrictJson jsonFor(AptoPolicy policy) {
    return StrictJson.create(policy.maxPayloadBytes(), policy.maxDepth());
  }

  private static void requireArgument(Object value, String message) {
    if (value == null) {
      throw new JwtSignerException(Reason.INVALID_ARGUMENT, message);
    }
  }

  /** The payload as given: JSON text, or a map serialized at once, with what made it unserializable. */
  private record Payload(String json, List<Violation> violations) {
    static final Payload NOT_SET = new Payload(null, List.of());

    static Payload ofText(String json) {
      return new Payload(json, List.of());
    }

    /** Serialized up to the deepest limit a policy may set; the policy's own limit is checked by sign(). */
    static Payload ofMap(Map<String, ?> map) {
      MapJson.Result r = MapJson.write(map, PAYLOAD, StrictJson.MAX_DEPTH_LIMIT);
      return new Payload(r.json(), r.violations());
    }
  }
}
