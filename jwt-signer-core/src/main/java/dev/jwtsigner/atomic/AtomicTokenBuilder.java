package dev.jwtsigner.atomic;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.TokenRejectedException;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.internal.KeyIds;
import dev.jwtsigner.internal.PreparedSigners;
import dev.jwtsigner.internal.Check;
import dev.jwtsigner.internal.Text;
import dev.jwtsigner.internal.rules.AtomicRules;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.SigningKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Mints the JWT an Atomic-style SDK asks the host app for, for the logged-in user, and refuses to sign a
 * token the platform would reject: {@link #sign()} checks every rule of the {@link AtomicPolicy} first and
 * throws one {@link TokenRejectedException} listing each broken rule, its claim and its fix.
 *
 * <pre>{@code
 * AtomicTokenBuilder tokens = AtomicTokenBuilder.create(KeySource.fromPemText(System.getenv("JWT_PRIVATE_KEY")))
 *     .algorithm(JwsAlgorithm.RS512)
 *     .policy(AtomicPolicy.builder().allowedIssuers("my-backend").build())
 *     .issuer("my-backend");                    // configure once, share everywhere
 *
 * String token = tokens.subject(user.id())      // per request
 *     .email(user.email())
 *     .expiresIn(Duration.ofHours(12))
 *     .sign();                                  // {"sub":"...","iat":...,"exp":...,"iss":"my-backend","email":"..."}
 * }</pre>
 *
 * <p><b>Immutable and thread-safe:</b> every method returns a new builder, so a configured builder is
 * shared across threads and requests. Builders derived from one another share the prepared signer, so
 * signing converts no key; a key source that starts returning another key (a rotation) gets a freshly
 * prepared signer with that key's kid.
 *
 * <p><b>Claims</b> are written in this order: {@code sub}, {@code atomic_sub}, {@code iat}, {@code exp},
 * {@code iss}, the profile fields, the custom fields, then {@link #claim(String, Object) claim(...)}s.
 * {@code iat} is the clock's current second (rounded down); {@code iat} and {@code exp} are JSON numbers of
 * whole seconds. Profile and custom fields go under the names of the policy's
 * {@linkplain AtomicPolicy#claimName(String) claim mapping}.
 *
 * <p><b>Null arguments:</b> a {@code null} setting ({@code algorithm}, {@code policy}, {@code clock},
 * {@code issuer}, {@code keyId}, an expiry) throws a {@link JwtSignerException} with
 * {@link Reason#INVALID_ARGUMENT} at once. A {@code null} user ID is reported by {@link #sign()} as
 * {@link Rule#USER_ID_MISSING}. A {@code null} profile, custom or extra claim value removes that claim, so
 * {@code .phone(user.phone())} works when the user has none.
 *
 * <p><b>Rules checked before signing</b>, all reported at once: a user ID is set, non-blank and read by
 * the policy's user-ID claims ({@link Rule#USER_ID_MISSING}); the algorithm is RS256, RS512 or ES512
 * ({@link Rule#ALGORITHM_NOT_ALLOWED}) and fits the key ({@link Rule#ALGORITHM_KEY_MISMATCH}); {@code exp}
 * is after {@code iat} ({@link Rule#EXPIRY_NOT_AFTER_ISSUED_AT}), {@code exp − iat} is at most the policy's
 * maximum, equal allowed ({@link Rule#EXPIRY_BEYOND_MAXIMUM}), and the token lives <em>longer</em> than the
 * SDK's expiry interval ({@link Rule#LIFETIME_BELOW_SDK_INTERVAL}: the SDK treats a token within that interval
 * of {@code exp} as expired, so a token living exactly that long is useless); {@code iss} is allowed when
 * the policy lists issuers ({@link Rule#ISSUER_NOT_ALLOWED}); {@code keyId(...)} does not contradict the
 * key's own kid ({@link Rule#KEY_ID_INVALID}); extra claims do not set reserved claims
 * ({@link Rule#RESERVED_CLAIM}), have usable, distinct names ({@link Rule#CLAIM_NAME_INVALID}) and JSON
 * values ({@link Rule#VALUE_NOT_JSON}, {@link Rule#INVALID_UNICODE}). Messages name the claim, never its value.
 */
public final class AtomicTokenBuilder {

  /** The token lifetime when neither {@link #expiresIn} nor {@link #expiresAt} is set, capped at the policy maximum. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofDays(1);

  private static final AtomicRules DEFAULT_RULES = AtomicSettings.rulesOf(AtomicPolicy.defaults());

  private final AtomicSettings s;

  private AtomicTokenBuilder(AtomicSettings s) {
    this.s = s;
  }

  /**
   * A builder that signs with the keys of {@code keys}, under the {@linkplain AtomicPolicy#defaults() default
   * policy}, with the system clock and the algorithm the key implies (RSA: RS256, P-521: ES512).
   *
   * @throws JwtSignerException with {@link Reason#INVALID_ARGUMENT} if {@code keys} is null
   */
  public static AtomicTokenBuilder create(KeySource keys) {
    AtomicSettings s = new AtomicSettings();
    s.keys = requireArgument(keys, "keySource", "pass a KeySource, such as KeySource.fromPemText(pem).");
    s.signers = new PreparedSigners();
    s.policy = AtomicPolicy.defaults();
    s.rules = DEFAULT_RULES;
    s.clock = Clock.systemUTC();
    s.profile = Map.of();
    s.custom = Map.of();
    s.extra = Map.of();
    return new AtomicTokenBuilder(s);
  }

  // ---------------------------------------------------------------- settings

  /** Signs with {@code algorithm}: RS256 or RS512 with an RSA key, ES512 with a P-521 key. */
  public AtomicTokenBuilder algorithm(JwsAlgorithm algorithm) {
    requireArgument(algorithm, "algorithm", "pass JwsAlgorithm.RS256, RS512 or ES512.");
    return with(n -> {
      n.algorithm = algorithm;
      n.unknownAlgorithm = null;
      n.signers = new PreparedSigners();
    });
  }

  /**
   * Signs with the algorithm named {@code joseName} ({@code "RS512"}), as read from configuration. A name
   * other than RS256, RS512 or ES512 is reported by {@link #sign()} as {@link Rule#ALGORITHM_NOT_ALLOWED}.
   */
  public AtomicTokenBuilder algorithm(String joseName) {
    requireArgument(joseName, "algorithm", "pass \"RS256\", \"RS512\" or \"ES512\".");
    JwsAlgorithm known = JwsAlgorithm.fromJoseName(joseName).orElse(null);
    return with(n -> {
      n.algorithm = known;
      n.unknownAlgorithm = known == null ? joseName : null;
      n.signers = new PreparedSigners();
    });
  }

  /** The API key's settings to check against (default {@link AtomicPolicy#defaults()}). */
  public AtomicTokenBuilder policy(AtomicPolicy policy) {
    requireArgument(policy, "policy", "pass an AtomicPolicy, such as AtomicPolicy.defaults().");
    AtomicRules rules = policy.equals(AtomicPolicy.defaults()) ? DEFAULT_RULES : AtomicSettings.rulesOf(policy);
    return with(n -> {
      n.policy = policy;
      n.rules = rules;
    });
  }

  /** The {@code iss} claim; must be one of the policy's allowed issuers when it lists any. */
  public AtomicTokenBuilder issuer(String issuer) {
    requireArgument(issuer, "issuer", "pass your backend's issuer name, or leave issuer out.");
    if (issuer.isBlank() || !Text.isWellFormed(issuer)) {
      throw new JwtSignerException(Reason.INVALID_ARGUMENT, "issuer is "
          + (issuer.isBlank() ? "blank" : "not well-formed Unicode (a lone UTF-16 surrogate)")
          + ". Fix: pass your backend's issuer name, or leave issuer out.");
    }
    return with(n -> n.issuer = issuer);
  }

  /** Where {@code iat} comes from (default {@link Clock#systemUTC()}); a {@link Clock} is an {@code InstantSource}. */
  public AtomicTokenBuilder clock(InstantSource clock) {
    requireArgument(clock, "clock", "pass an InstantSource, such as Clock.systemUTC().");
    return with(n -> n.clock = clock);
  }

  /**
   * The {@code kid} header; by default the {@link SigningKey}'s own kid, if any. Prefer
   * {@link KeySource#withKeyId(String)}, which keeps a kid with its key through rotations; a key whose own
   * kid differs from this one is refused ({@link Rule#KEY_ID_INVALID}).
   *
   * @throws KeyRejectedException with {@link Reason#KEY_ID_INVALID} if {@code keyId} is blank
   */
  public AtomicTokenBuilder keyId(String keyId) {
    requireArgument(keyId, "keyId", "pass the id the public key is registered under, or leave keyId out.");
    String problem = KeyIds.problem(keyId);
    if (problem != null) {
      throw new KeyRejectedException(Reason.KEY_ID_INVALID,
          "kid " + problem + ". Fix: pass the non-blank id the platform registered the public key under, such as \"key_1\".");
    }
    return with(n -> {
      n.keyId = keyId;
      n.signers = new PreparedSigners();
    });
  }

  // ---------------------------------------------------------------- per token

  /** The user ID, written as {@code sub}. */
  public AtomicTokenBuilder subject(String userId) {
    return with(n -> {
      n.subject = userId;
      n.subjectSet = true;
    });
  }

  /** The user ID, written as {@code atomic_sub}, for hosts whose {@code sub} already carries another ID. */
  public AtomicTokenBuilder atomicSubject(String userId) {
    return with(n -> {
      n.atomicSubject = userId;
      n.atomicSubjectSet = true;
    });
  }

  /** {@code exp} = {@code iat} + {@code lifetime} in whole seconds (default {@link #DEFAULT_LIFETIME}, capped at the policy maximum). */
  public AtomicTokenBuilder expiresIn(Duration lifetime) {
    requireArgument(lifetime, "expiresIn", "pass a Duration such as Duration.ofDays(1).");
    return with(n -> {
      n.expiresIn = lifetime;
      n.expiresAt = null;
    });
  }

  /** {@code exp} = {@code expiry} in whole epoch seconds, rounded down. */
  public AtomicTokenBuilder expiresAt(Instant expiry) {
    requireArgument(expiry, "expiresAt", "pass an Instant after now.");
    return with(n -> {
      n.expiresAt = expiry;
      n.expiresIn = null;
    });
  }

  /** Profile field {@link AtomicPolicy#EXTERNAL_ID} (claim {@code external_id} unless mapped); null removes it. */
  public AtomicTokenBuilder externalId(String externalId) {
    return profile(AtomicPolicy.EXTERNAL_ID, externalId);
  }

  /** Profile field {@link AtomicPolicy#NAME} (claim {@code name} unless mapped); null removes it. */
  public AtomicTokenBuilder name(String name) {
    return profile(AtomicPolicy.NAME, name);
  }

  /** Profile field {@link AtomicPolicy#EMAIL} (claim {@code email} unless mapped); null removes it. */
  public AtomicTokenBuilder email(String email) {
    return profile(AtomicPolicy.EMAIL, email);
  }

  /** Profile field {@link AtomicPolicy#PHONE} (claim {@code phone} unless mapped); null removes it. */
  public AtomicTokenBuilder phone(String phone) {
    return profile(AtomicPolicy.PHONE, phone);
  }

  /** Profile field {@link AtomicPolicy#CITY} (claim {@code city} unless mapped); null removes it. */
  public AtomicTokenBuilder city(String city) {
    return profile(AtomicPolicy.CITY, city);
  }

  /** Profile field {@link AtomicPolicy#COUNTRY} (claim {@code country} unless mapped); null removes it. */
  public AtomicTokenBuilder country(String country) {
    return profile(AtomicPolicy.COUNTRY, country);
  }

  /** Profile field {@link AtomicPolicy#REGION} (claim {@code region} unless mapped); null removes it. */
  public AtomicTokenBuilder region(String region) {
    return profile(AtomicPolicy.REGION, region);
  }

  /** A text custom field, under its Workbench name {@code name} unless the policy maps it; null removes it. */
  public AtomicTokenBuilder customField(String name, String value) {
    return with(n -> n.custom = put(n.custom, name, value == null ? null : JsonValue.ofString(value)));
  }

  /** A date custom field, written as ISO text ({@code 2026-01-31}); null removes it. */
  public AtomicTokenBuilder customField(String name, LocalDate value) {
    return with(n -> n.custom = put(n.custom, name, value == null ? null : JsonValue.of(value)));
  }

  /**
   * Any other claim. {@code value} may be a String, Boolean, whole or finite number, BigInteger,
   * BigDecimal, {@link Instant} (written as whole epoch seconds, like {@code exp}), {@link LocalDate}
   * (ISO text), or a List or Map with String keys of those; null removes the claim. The value is copied to
   * JSON now, so later changes to a list or map do not leak into the token. Reserved claims
   * ({@link AtomicPolicy#reservedClaims()}) are refused by {@link #sign()}.
   */
  public AtomicTokenBuilder claim(String name, Object value) {
    return with(n -> n.extra = put(n.extra, name, value == null ? null
        : name != null && n.extra.containsKey(name) ? JsonValue.of(value).asWrittenTwice() : JsonValue.of(value)));
  }

  // ---------------------------------------------------------------- signing

  /**
   * Checks every rule and signs.
   *
   * @return the compact JWS, {@code header.claims.signature}
   * @throws TokenRejectedException with {@link Reason#TOKEN_REJECTED} listing every broken rule; nothing is signed
   * @throws JwtSignerException with {@link Reason#SIGNING_FAILED} if the provider or HSM fails
   */
  public String sign() {
    return mint().token();
  }

  /** Signs and also returns {@code exp}, for {@link AtomicTokenCache}. */
  Minted mint() {
    return AtomicMinter.mint(s);
  }

  /** The prepared-signer holder (for tests). */
  PreparedSigners signers() {
    return s.signers;
  }

  /** The policy this builder checks against. */
  AtomicPolicy currentPolicy() {
    return s.policy;
  }

  /** The clock this builder reads. */
  InstantSource currentClock() {
    return s.clock;
  }

  /** Names the settings, never claim values. */
  @Override
  public String toString() {
    return "AtomicTokenBuilder[algorithm=" + (s.algorithm != null ? s.algorithm : "from key")
        + ", keySource=" + s.keys + ", " + s.policy + "]";
  }

  // ---------------------------------------------------------------- helpers

  private AtomicTokenBuilder profile(String field, String value) {
    return with(n -> n.profile = put(n.profile, field, value == null ? null : JsonValue.ofString(value)));
  }

  private AtomicTokenBuilder with(Consumer<AtomicSettings> change) {
    AtomicSettings n = s.copy();
    change.accept(n);
    return new AtomicTokenBuilder(n);
  }

  /** A copy of {@code map} with {@code name} set to {@code value}, or removed when the value is null. */
  private static Map<String, JsonValue> put(Map<String, JsonValue> map, String name, JsonValue value) {
    Map<String, JsonValue> copy = new LinkedHashMap<>(map);
    if (value == null) {
      copy.remove(name);
    } else {
      copy.put(name, value);
    }
    return Collections.unmodifiableMap(copy);
  }

  private static <T> T requireArgument(T value, String what, String fix) {
    return Check.notNull(value, what, fix);
  }

  /** A token and its {@code exp} in epoch seconds. */
  static final class Minted {
    private final String token;
    private final long exp;

    Minted(String token, long exp) {
      this.token = token;
      this.exp = exp;
    }

    String token() {
      return token;
    }

    long exp() {
      return exp;
    }
  }
}
