package dev.jwtsigner.apto;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TokenRejectedException;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.internal.Check;
import dev.jwtsigner.internal.JsonWriter;
import dev.jwtsigner.internal.PreparedSigners;
import dev.jwtsigner.internal.StrictJson;
import dev.jwtsigner.internal.rules.AptoRules;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.SigningKey;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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

  private final Settings s;

  private SignedPayloadBuilder(Settings s) {
    this.s = s;
  }

  /**
   * A builder signing with the keys of {@code keys}, with {@code iat} on, no {@code exp}, the system clock
   * and {@link AptoPolicy#defaults()}.
   *
   * @throws JwtSignerException with {@code INVALID_ARGUMENT} if {@code keys} is null
   */
  public static SignedPayloadBuilder create(KeySource keys) {
    Settings s = new Settings();
    s.keys = Check.notNull(keys, "keySource", "pass a KeySource, such as KeySource.fromPemText(pem).");
    s.signers = new PreparedSigners();
    s.payload = Payload.NOT_SET;
    s.issuedAt = true;
    s.clock = InstantSource.system();
    s.policy = AptoPolicy.defaults();
    s.json = jsonFor(s.policy);
    return new SignedPayloadBuilder(s);
  }

  /**
   * Writes {@code keyId} as the {@code kid} header instead of the signing key's own kid. A blank kid is
   * reported by {@link #sign()}.
   */
  public SignedPayloadBuilder keyId(String keyId) {
    return with(n -> {
      n.keyId = keyId;
      n.keyIdSet = true;
    });
  }

  /** The payload as JSON text: one JSON object, such as a create-user body. Checked by {@link #sign()}. */
  public SignedPayloadBuilder payload(String json) {
    Payload text = Payload.ofText(json);
    return with(n -> n.payload = text);
  }

  /**
   * The payload as a map, serialized now (so later changes to the map do not show) by the same JSON writer as
   * Atomic claim values: keys must be strings, values {@code null}, strings, booleans, finite numbers every
   * consumer reads alike, {@code Instant}s (epoch seconds), {@code LocalDate}s (ISO text), lists and maps of
   * the same. Anything else is reported by {@link #sign()}.
   */
  public SignedPayloadBuilder payload(Map<String, ?> payload) {
    Payload map = Payload.ofMap(payload);
    return with(n -> n.payload = map);
  }

  /** Whether to add {@code iat} (the clock's current second); on by default, as in Node's {@code jsonwebtoken}. */
  public SignedPayloadBuilder issuedAt(boolean issuedAt) {
    return with(n -> n.issuedAt = issuedAt);
  }

  /**
   * Adds {@code exp}, {@code lifetime} after the clock's current second, so a captured token cannot be
   * replayed forever.
   *
   * @throws JwtSignerException with {@code INVALID_ARGUMENT} if {@code lifetime} is null or under one second
   */
  public SignedPayloadBuilder expiresIn(Duration lifetime) {
    Check.notNull(lifetime, "expiresIn", "pass a Duration such as Duration.ofMinutes(5).");
    if (lifetime.getSeconds() < 1) {
      throw new JwtSignerException(Reason.INVALID_ARGUMENT, "expiresIn: the lifetime is " + lifetime
          + "; it must be at least one second (exp counts whole seconds). Fix: pass a Duration such as Duration.ofMinutes(5).");
    }
    return with(n -> n.expiresIn = lifetime);
  }

  /** The clock for {@code iat} and {@code exp} (default: the system clock). */
  public SignedPayloadBuilder clock(InstantSource clock) {
    Check.notNull(clock, "clock", "pass an InstantSource such as InstantSource.system().");
    return with(n -> n.clock = clock);
  }

  /**
   * The program's settings: registered keys and payload limits (default {@link AptoPolicy#defaults()}).
   */
  public SignedPayloadBuilder policy(AptoPolicy policy) {
    Check.notNull(policy, "policy", "pass AptoPolicy.defaults() or one built with AptoPolicy.builder().");
    StrictJson json = jsonFor(policy);
    return with(n -> {
      n.policy = policy;
      n.json = json;
    });
  }

  /**
   * The compact RS256 JWS of the payload, with the header {@code {"alg":"RS256","typ":"JWT","kid":...}}.
   *
   * @throws TokenRejectedException with {@link Reason#PAYLOAD_REJECTED} listing every broken rule; nothing is signed
   * @throws JwtSignerException with {@code SIGNING_FAILED} if the provider or HSM fails
   */
  public String sign() {
    Settings s = this.s;
    SigningKey key = s.keys.signingKey();
    if (key == null) {
      throw Check.noSigningKey();
    }
    String kid = s.keyIdSet ? s.keyId : key.keyId().orElse(null);
    List<Violation> violations = new ArrayList<>(2);
    KeyRules.check(key, kid, s.keyIdSet, s.policy, violations);
    String signed = checkedPayload(s, violations);
    if (!violations.isEmpty()) {
      throw new TokenRejectedException(Reason.PAYLOAD_REJECTED,
          "the signed payload was refused (" + violations.size() + (violations.size() == 1 ? " rule" : " rules")
              + " broken); nothing was signed.", violations);
    }
    return s.signers.sign(s.keys, key, AptoPolicy.ALGORITHM, kid, signed);
  }

  @Override
  public String toString() {
    return "SignedPayloadBuilder[keys=" + s.keys + (s.keyIdSet ? ", kid=" + s.keyId : "") + ", iat=" + s.issuedAt
        + (s.expiresIn == null ? "" : ", expiresIn=" + s.expiresIn) + ", " + s.policy + "]";
  }

  /**
   * The JSON text to sign: the caller's, with the time claims added; null when it broke a rule, which is then
   * added to {@code violations}. The one parse here is the only one on the signing path.
   */
  private static String checkedPayload(Settings s, List<Violation> violations) {
    Payload payload = s.payload;
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
      utf8 = s.json.encode(text, PAYLOAD, Reason.PAYLOAD_REJECTED);
      members = s.json.parseObject(utf8, PAYLOAD, Reason.PAYLOAD_REJECTED);
    } catch (TokenRejectedException e) {
      violations.addAll(e.violations());
      return null;
    }
    int before = violations.size();
    if (s.issuedAt && members.containsKey("iat")) {
      violations.add(conflict("iat", "issuedAt(false)"));
    }
    if (s.expiresIn != null && members.containsKey("exp")) {
      violations.add(conflict("exp", "no expiresIn(...)"));
    }
    long now = s.clock.instant().getEpochSecond();
    if (members.containsKey("iat") || members.containsKey("nbf") || members.containsKey("exp")) {
      violations.addAll(AptoRules.timeClaims(members, now)); // the payload's own, against the builder's clock
    }
    if (s.expiresIn != null) { // the builder's own exp: a lifetime may carry it past year 9999
      violations.addAll(AptoRules.timeClaim("exp", saturatedAdd(now, s.expiresIn.getSeconds()), now));
    }
    if (violations.size() > before) {
      return null;
    }
    String signed = withTimeClaims(s, text, members.isEmpty(), now);
    int bytes = utf8.length + signed.length() - text.length(); // the time claims are ASCII
    if (bytes > s.policy.maxPayloadBytes()) {
      violations.add(StrictJson.tooLarge(PAYLOAD, String.valueOf(bytes), s.policy.maxPayloadBytes()));
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
  private static String withTimeClaims(Settings s, String text, boolean emptyObject, long now) {
    if (!s.issuedAt && s.expiresIn == null) {
      return text;
    }
    StringBuilder added = new StringBuilder(32);
    if (s.issuedAt) {
      added.append(",\"iat\":").append(now);
    }
    if (s.expiresIn != null) {
      added.append(",\"exp\":").append(now + s.expiresIn.getSeconds());
    }
    int close = text.lastIndexOf('}');
    return text.substring(0, close) + (emptyObject ? added.substring(1) : added) + text.substring(close);
  }

  private static StrictJson jsonFor(AptoPolicy policy) {
    return StrictJson.create(policy.maxPayloadBytes(), policy.maxDepth());
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  private SignedPayloadBuilder with(Consumer<Settings> change) {
    Settings n = s.copy();
    change.accept(n);
    return new SignedPayloadBuilder(n);
  }

  /**
   * The builder's state: copied on every change and never modified once a builder holds it (the same
   * mechanism as {@code AtomicTokenBuilder}'s settings).
   */
  private static final class Settings {
    KeySource keys;
    PreparedSigners signers;
    String keyId;
    boolean keyIdSet;
    Payload payload;
    boolean issuedAt;
    Duration expiresIn;
    InstantSource clock;
    AptoPolicy policy;
    StrictJson json;

    Settings copy() {
      Settings n = new Settings();
      n.keys = keys;
      n.signers = signers;
      n.keyId = keyId;
      n.keyIdSet = keyIdSet;
      n.payload = payload;
      n.issuedAt = issuedAt;
      n.expiresIn = expiresIn;
      n.clock = clock;
      n.policy = policy;
      n.json = json;
      return n;
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
      if (map == null) {
        return new Payload(null, List.of(Violation.of(PAYLOAD, Rule.NOT_A_JSON_OBJECT, PAYLOAD + " is null.",
            "pass a map of the JSON object's members, such as Map.of(\"data_points\", dataPoints).")));
      }
      JsonWriter.Result r = JsonWriter.write(map, StrictJson.MAX_DEPTH_LIMIT);
      return new Payload(r.json(), r.violationsAt(PAYLOAD));
    }
  }
}
