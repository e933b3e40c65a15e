package dev.jwtsigner.atomic;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.TokenRejectedException;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.internal.KeyIds;
import dev.jwtsigner.internal.PreparedSigners;
import dev.jwtsigner.internal.SafeText;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.SigningKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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

  private static final String SUB = "sub";
  private static final String ATOMIC_SUB = AtomicPolicy.ATOMIC_SUB;
  private static final String ISS = "iss";
  /** No platform maps a longer claim name; a longer one is a mistake (or an attack) that would bloat every token. */
  private static final int MAX_CLAIM_NAME_CHARS = 256;

  private final Settings s;

  private AtomicTokenBuilder(Settings s) {
    this.s = s;
  }

  /**
   * A builder that signs with the keys of {@code keys}, under the {@linkplain AtomicPolicy#defaults() default
   * policy}, with the system clock and the algorithm the key implies (RSA: RS256, P-521: ES512).
   *
   * @throws JwtSignerException with {@link Reason#INVALID_ARGUMENT} if {@code keys} is null
   */
  public static AtomicTokenBuilder create(KeySource keys) {
    Settings s = new Settings();
    s.keys = requireArgument(keys, "keySource", "pass a KeySource, such as KeySource.fromPemText(pem).");
    s.signers = new PreparedSigners();
    s.policy = AtomicPolicy.defaults();
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
    return with(n -> n.policy = policy);
  }

  /** The {@code iss} claim; must be one of the policy's allowed issuers when it lists any. */
  public AtomicTokenBuilder issuer(String issuer) {
    requireArgument(issuer, "issuer", "pass your backend's issuer name, or leave issuer out.");
    if (issuer.isBlank() || !JsonValue.isWellFormed(issuer)) {
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
    return with(n -> n.extra = put(n.extra, name, value == null ? null : JsonValue.of(value)));
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
    Settings c = s;
    SigningKey key = c.keys.signingKey();
    if (key == null) {
      throw new JwtSignerException(Reason.SIGNING_FAILED,
          "the key source returned no signing key. Fix: make KeySource.signingKey() return a key.");
    }
    JwsAlgorithm alg = c.algorithm != null ? c.algorithm : key.defaultAlgorithm();
    AtomicPolicy policy = c.policy;
    long iat = c.clock.instant().getEpochSecond();
    long lifetime;
    long exp;
    if (c.expiresAt != null) {
      exp = c.expiresAt.getEpochSecond();
      lifetime = exp - iat; // both within Instant's range: no overflow
    } else {
      Duration d = c.expiresIn != null ? c.expiresIn : defaultLifetime(policy);
      lifetime = d.getSeconds();
      exp = saturatedAdd(iat, lifetime);
    }
    String kid = c.keyId != null ? c.keyId : key.keyId().orElse(null);

    List<Violation> v = new ArrayList<>(0);
    boolean subOk = checkUserId(v, SUB, c.subjectSet, c.subject, "subject");
    boolean atomicSubOk = checkUserId(v, ATOMIC_SUB, c.atomicSubjectSet, c.atomicSubject, "atomicSubject");
    checkUserIdReadable(v, policy, subOk, atomicSubOk, c);
    checkAlgorithm(v, c, alg, key);
    checkLifetime(v, policy, lifetime);
    checkIssuer(v, policy, c.issuer);
    if (c.keyId != null && key.keyId().isPresent() && !key.keyId().get().equals(c.keyId)) {
      v.add(Violation.of("header.kid", Rule.KEY_ID_INVALID,
          "keyId(...) sets a kid other than the one the key source gives its current key.",
          "leave keyId(...) out and let the key source name its key (KeySource.withKeyId), so a kid always travels with its key."));
    }

    StringBuilder json = new StringBuilder(160);
    json.append('{');
    if (subOk) {
      member(json, SUB);
      JsonValue.appendQuoted(json, c.subject);
    }
    if (atomicSubOk) {
      member(json, ATOMIC_SUB);
      JsonValue.appendQuoted(json, c.atomicSubject);
    }
    member(json, "iat");
    json.append(iat);
    member(json, "exp");
    json.append(exp);
    if (c.issuer != null) {
      member(json, ISS);
      JsonValue.appendQuoted(json, c.issuer);
    }
    if (!c.profile.isEmpty() || !c.custom.isEmpty() || !c.extra.isEmpty()) {
      Map<String, String> written = new HashMap<>();
      appendFields(json, v, policy, c.profile, true, "the profile field ", written);
      appendFields(json, v, policy, c.custom, true, "customField(...)", written);
      appendFields(json, v, policy, c.extra, false, "claim(...)", written);
    }
    json.append('}');

    if (!v.isEmpty()) {
      throw new TokenRejectedException(Reason.TOKEN_REJECTED,
          "the Atomic token was not signed: " + v.size() + (v.size() == 1 ? " rule" : " rules") + " broken.", v);
    }
    String token = c.signers.signerFor(key, alg, kid).sign(json.toString());
    return new Minted(token, exp);
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

  // ---------------------------------------------------------------- checks

  private static boolean checkUserId(List<Violation> v, String claim, boolean set, String value, String method) {
    if (!set) {
      return false;
    }
    if (value == null || value.isBlank()) {
      v.add(Violation.of(claim, Rule.USER_ID_MISSING,
          claim + " is " + (value == null ? "null" : "blank") + "; the SDK needs the user ID as a non-blank string.",
          "pass the logged-in user's ID to " + method + "(...)."));
      return false;
    }
    if (!JsonValue.isWellFormed(value)) {
      v.add(Violation.of(claim, Rule.INVALID_UNICODE,
          claim + " contains a lone UTF-16 surrogate, which has no UTF-8 encoding.",
          "pass the user ID as well-formed Unicode text."));
      return false;
    }
    return true;
  }

  private static void checkUserIdReadable(List<Violation> v, AtomicPolicy policy, boolean subOk, boolean atomicSubOk,
      Settings c) {
    List<String> order = policy.userIdClaims();
    if ((subOk && order.contains(SUB)) || (atomicSubOk && order.contains(ATOMIC_SUB))) {
      return;
    }
    if (subOk || atomicSubOk) {
      String set = subOk ? SUB : ATOMIC_SUB;
      v.add(Violation.of(set, Rule.USER_ID_MISSING,
          set + " is set, but the policy reads the user ID only from " + String.join(", ", order)
              + ", so the SDK would find none.",
          "write the user ID where the API key reads it, or add " + set + " to AtomicPolicy.userIdClaims."));
    } else if (!c.subjectSet && !c.atomicSubjectSet) {
      v.add(Violation.of(SUB, Rule.USER_ID_MISSING,
          "no user ID is set; the SDK reads it from the first non-blank string among " + String.join(", ", order) + ".",
          "call subject(userId), or atomicSubject(userId) when sub already carries another ID."));
    }
  }

  private static void checkAlgorithm(List<Violation> v, Settings c, JwsAlgorithm alg, SigningKey key) {
    if (c.unknownAlgorithm != null) {
      v.add(Violation.of("header.alg", Rule.ALGORITHM_NOT_ALLOWED,
          "the algorithm " + SafeText.of(c.unknownAlgorithm) + " is not one the platform accepts (RS256, RS512, ES512).",
          "use RS256 or RS512 with an RSA key, or ES512 with a P-521 key."));
    } else if (!alg.fits(key.privateKey())) {
      boolean wantsEc = alg == JwsAlgorithm.ES512;
      v.add(Violation.of("header.alg", Rule.ALGORITHM_KEY_MISMATCH,
          alg + " needs " + (wantsEc ? "an EC P-521 key" : "an RSA key") + ", but the key source gives "
              + (wantsEc ? "an RSA key." : "an EC key."),
          wantsEc
              ? "sign this key with RS256 or RS512, or load a P-521 key for ES512."
              : "sign this key with ES512, or load an RSA key of 2048 bits or more for " + alg + "."));
    }
  }

  private static void checkLifetime(List<Violation> v, AtomicPolicy policy, long lifetime) {
    long max = policy.maxTokenExpiry().getSeconds();
    long sdk = policy.sdkExpiryInterval().getSeconds();
    if (lifetime <= 0) {
      v.add(Violation.of("exp", Rule.EXPIRY_NOT_AFTER_ISSUED_AT,
          "exp is not after iat: exp − iat is " + lifetime + " s; it must be positive and more than the SDK's "
              + "expiry interval of " + seconds(sdk) + ".",
          "set expiresIn(...) to a positive duration (the default is 1 day), or expiresAt(...) to a later instant."));
    } else if (lifetime > max) {
      v.add(Violation.of("exp", Rule.EXPIRY_BEYOND_MAXIMUM,
          "exp − iat is " + seconds(lifetime) + "; the policy allows at most " + seconds(max) + ".",
          "shorten expiresIn(...) to " + seconds(max) + " or less, or raise the API key's max token expiry"
              + " together with AtomicPolicy.maxTokenExpiry."));
    } else if (lifetime <= sdk) {
      v.add(Violation.of("exp", Rule.LIFETIME_BELOW_SDK_INTERVAL,
          "exp − iat is " + seconds(lifetime) + "; the SDK asks for a new token " + seconds(sdk)
              + " before exp, so the token must live longer than that.",
          "set expiresIn(...) above " + seconds(sdk) + " (the default is 1 day), or lower"
              + " AtomicPolicy.sdkExpiryInterval to match the SDK's setting."));
    }
  }

  private static void checkIssuer(List<Violation> v, AtomicPolicy policy, String issuer) {
    if (policy.allowedIssuers().isEmpty() || (issuer != null && policy.allowedIssuers().contains(issuer))) {
      return;
    }
    v.add(Violation.of(ISS, Rule.ISSUER_NOT_ALLOWED,
        (issuer == null ? "iss is missing" : "iss is not one of the policy's allowed issuers")
            + "; the API key accepts only " + policy.allowedIssuers().size()
            + (policy.allowedIssuers().size() == 1 ? " issuer." : " issuers."),
        "call issuer(...) with one of: " + String.join(", ", policy.allowedIssuers()) + "."));
  }

  private static void appendFields(StringBuilder json, List<Violation> v, AtomicPolicy policy,
      Map<String, JsonValue> fields, boolean mapped, String source, Map<String, String> written) {
    for (Map.Entry<String, JsonValue> e : fields.entrySet()) {
      String field = e.getKey();
      String what = source.endsWith(" ") ? source + field : source;
      if (!validName(v, field, what)) {
        continue;
      }
      String claim = mapped ? policy.claimName(field) : field;
      if (policy.reservedClaims().contains(claim)) {
        v.add(reserved(claim, what));
        continue;
      }
      String earlier = written.putIfAbsent(claim, what);
      if (earlier != null) {
        v.add(Violation.of(claim, Rule.CLAIM_NAME_INVALID,
            claim + " is written twice: by " + earlier + " and by " + what + ".",
            "set each claim once; rename one of them, or change the policy's claim mapping."));
        continue;
      }
      JsonValue value = e.getValue();
      if (value.rule() != null) {
        v.add(Violation.of(claim, value.rule(), "the value of " + claim + " " + value.problem() + ".",
            value.rule() == Rule.INVALID_UNICODE ? "pass well-formed Unicode text." : JsonValue.ALLOWED));
        continue;
      }
      member(json, claim);
      json.append(value.json());
    }
  }

  private static boolean validName(List<Violation> v, String name, String what) {
    String problem = name == null ? "is null" : name.isBlank() ? "is blank"
        : !JsonValue.isWellFormed(name) ? "contains a lone UTF-16 surrogate"
        : name.chars().anyMatch(Character::isISOControl) ? "contains a control character"
        : name.length() > MAX_CLAIM_NAME_CHARS ? "is longer than " + MAX_CLAIM_NAME_CHARS + " characters" : null;
    if (problem == null) {
      return true;
    }
    v.add(Violation.of("claims", Rule.CLAIM_NAME_INVALID, "a claim name given to " + what + " " + problem + ".",
        "name each claim with non-blank, printable text."));
    return false;
  }

  private static Violation reserved(String claim, String what) {
    String fix;
    switch (claim) {
      case ISS: fix = "set the issuer with issuer(...)."; break;
      case SUB: fix = "set the user ID with subject(...)."; break;
      case ATOMIC_SUB: fix = "set the user ID with atomicSubject(...)."; break;
      case "exp": fix = "set the expiry with expiresIn(...) or expiresAt(...)."; break;
      case "iat": fix = "leave iat to the builder, which takes it from its clock(...)."; break;
      case "nbf": fix = "leave nbf out; the platform does not use it and it could make a fresh token unusable."; break;
      default: fix = "the SDK reads the user ID from " + claim + "; set it with subject(...) or atomicSubject(...)."; break;
    }
    return Violation.of(claim, Rule.RESERVED_CLAIM,
        claim + " is reserved: " + what + " may not set it, so no extra claim can change whose token it is or how long it lives.",
        fix);
  }

  // ---------------------------------------------------------------- helpers

  private AtomicTokenBuilder profile(String field, String value) {
    return with(n -> n.profile = put(n.profile, field, value == null ? null : JsonValue.ofString(value)));
  }

  private AtomicTokenBuilder with(Consumer<Settings> change) {
    Settings n = s.copy();
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

  private static void member(StringBuilder json, String name) {
    if (json.length() > 1) {
      json.append(',');
    }
    JsonValue.appendQuoted(json, name);
    json.append(':');
  }

  private static Duration defaultLifetime(AtomicPolicy policy) {
    return DEFAULT_LIFETIME.compareTo(policy.maxTokenExpiry()) <= 0 ? DEFAULT_LIFETIME : policy.maxTokenExpiry();
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? (b < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
  }

  /** {@code 604800 s (7 days)}, {@code 7200 s (2 h)}, {@code 30 s}. */
  static String seconds(long s) {
    if (s >= 86_400 && s % 86_400 == 0) {
      return s + " s (" + s / 86_400 + (s == 86_400 ? " day)" : " days)");
    }
    if (s >= 3_600 && s % 3_600 == 0) {
      return s + " s (" + s / 3_600 + " h)";
    }
    return s + " s";
  }

  private static <T> T requireArgument(T value, String what, String fix) {
    if (value == null) {
      throw new JwtSignerException(Reason.INVALID_ARGUMENT, what + " is null. Fix: " + fix);
    }
    return value;
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

  /** The builder's state; copied on every change and never modified once a builder holds it. */
  private static final class Settings implements Cloneable {
    KeySource keys;
    PreparedSigners signers;
    JwsAlgorithm algorithm;
    String unknownAlgorithm;
    AtomicPolicy policy;
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

    Settings copy() {
      try {
        return (Settings) clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
