package dev.jwtsigner.testkit;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.internal.DecodedJws;
import dev.jwtsigner.internal.JwsDecoder;
import dev.jwtsigner.internal.StrictJson;
import dev.jwtsigner.internal.TrustedKey;
import dev.jwtsigner.keys.PublicKeys;
import java.math.BigDecimal;
import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Checks a token the way the Atomic platform does, offline, with the same {@link AtomicPolicy} the
 * {@code AtomicTokenBuilder} signs under, so the two can never disagree. {@link #verify(String)} never
 * throws; its {@link Verdict} lists every broken rule at once.
 *
 * <pre>{@code
 * AtomicPolicy policy = AtomicPolicy.builder().allowedIssuers("my-backend").build();
 * TestClock clock = TestClock.create();
 * String token = AtomicTokenBuilder.create(keys).policy(policy).issuer("my-backend").clock(clock).subject("u1").sign();
 *
 * Verdict v = AtomicPlatformVerifier.create(policy).trust(publicKeyPem).clock(clock).verify(token);
 * assertThat(v.accepted()).isTrue();
 * assertThat(v.userId()).contains("u1");
 * }</pre>
 *
 * <p>The rules: a compact JWS whose signature a trusted key verifies, signed with RS256, RS512 or ES512
 * (structure, header and signature are checked by the library's strict decoder); {@code exp} present and a
 * JSON number ({@link Rule#CLAIM_MISSING}, {@link Rule#CLAIM_NOT_NUMERIC}), not expired ({@code exp > now −
 * skew}, {@link Rule#EXPIRED}) and within the policy's maximum ({@code exp − iat ≤ max} and {@code exp ≤ now +
 * max + skew}, {@link Rule#EXPIRY_BEYOND_MAXIMUM}); {@code iat} present and a JSON number; {@code iss} one of
 * the allowed issuers when the policy lists any ({@link Rule#ISSUER_NOT_ALLOWED}); a user ID: the first claim
 * of the policy's order that holds a non-blank string ({@link Rule#USER_ID_MISSING}), reported by
 * {@link Verdict#userId()}. The clock skew is 0 by default, as strict as the platform.
 *
 * <p>Immutable and thread-safe: each method returns a new verifier.
 */
public final class AtomicPlatformVerifier implements TokenVerifier {

  /** The largest claims set read, in UTF-8 bytes. */
  static final int MAX_CLAIMS_BYTES = 65_536;

  private static final JwsDecoder DECODER = JwsDecoder.create(EnumSet.allOf(JwsAlgorithm.class),
      StrictJson.create(MAX_CLAIMS_BYTES, StrictJson.DEFAULT_MAX_DEPTH));

  private final AtomicPolicy policy;
  private final List<TrustedKey> keys;
  private final InstantSource clock;
  private final Duration skew;
  private final List<JwksUrlKeys> jwksUrls;

  private AtomicPlatformVerifier(AtomicPolicy policy, List<TrustedKey> keys, InstantSource clock, Duration skew) {
    this(policy, keys, clock, skew, List.of());
  }

  private AtomicPlatformVerifier(AtomicPolicy policy, List<TrustedKey> keys, InstantSource clock, Duration skew,
      List<JwksUrlKeys> jwksUrls) {
    this.policy = policy;
    this.keys = keys;
    this.clock = clock;
    this.skew = skew;
    this.jwksUrls = jwksUrls;
  }

  /**
   * A verifier for an API key with {@code policy}, trusting no key yet, on the system clock with no skew.
   *
   * @throws JwtSignerException with {@link Reason#INVALID_ARGUMENT} if {@code policy} is null
   */
  public static AtomicPlatformVerifier create(AtomicPolicy policy) {
    return new AtomicPlatformVerifier(require(policy, "policy", "pass the AtomicPolicy the builder signs under."),
        List.of(), Clock.systemUTC(), Duration.ZERO);
  }

  /** This verifier, also trusting {@code keys} whatever kid a token names (a PEM key uploaded for the API key). */
  public AtomicPlatformVerifier trust(PublicKey... keys) {
    require(keys, "keys", "pass the public keys that verify the tokens.");
    List<TrustedKey> more = new ArrayList<>(this.keys);
    for (PublicKey k : keys) {
      more.add(TrustedKey.of(null, k));
    }
    return withKeys(more);
  }

  /** This verifier, also trusting each key under its kid (a JWKS uploaded for the API key). */
  public AtomicPlatformVerifier trust(Map<String, PublicKey> byKeyId) {
    require(byKeyId, "keys", "pass a map from kid to public key.");
    List<TrustedKey> more = new ArrayList<>(this.keys);
    byKeyId.forEach((kid, key) -> more.add(TrustedKey.of(kid, key)));
    return withKeys(more);
  }

  /**
   * This verifier, also trusting the keys in {@code publicKeyText}: PEM blocks ({@code ssh-keygen -e -m PEM}'s
   * {@code RSA PUBLIC KEY} included), certificates or OpenSSH lines, trusted whatever kid a token names; or a
   * JWK or JWKS, each key under its {@code kid} (or its RFC 7638 thumbprint when it has none).
   *
   * @throws dev.jwtsigner.KeyRejectedException if the text holds no usable public key
   */
  public AtomicPlatformVerifier trust(String publicKeyText) {
    require(publicKeyText, "publicKeyText", "pass a PEM public key or a JWKS.");
    if (publicKeyText.strip().startsWith("{")) {
      return trust(PublicKeys.parseAllWithIds(publicKeyText));
    }
    return trust(PublicKeys.parseAll(publicKeyText).toArray(PublicKey[]::new));
  }

  /**
   * This verifier, also trusting the keys published at {@code jwksUrl} (an API key of type JWKS), fetched
   * over HTTP as the platform does: kept for the response's max-age, fetched again on an unknown kid at most
   * once a minute; a failed fetch is a violation naming the URL's problem, never an exception.
   *
   * @throws JwtSignerException with {@link Reason#INVALID_ARGUMENT} unless {@code jwksUrl} is an absolute
   *     {@code http} or {@code https} URL
   */
  public AtomicPlatformVerifier trust(URI jwksUrl) {
    require(jwksUrl, "jwksUrl", "pass the URL the key set is published at, such as http://127.0.0.1:8080/.well-known/jwks.json.");
    if (!"http".equalsIgnoreCase(jwksUrl.getScheme()) && !"https".equalsIgnoreCase(jwksUrl.getScheme()) || jwksUrl.getHost() == null) {
      throw new JwtSignerException(Reason.INVALID_ARGUMENT, "jwksUrl " + jwksUrl + " is not an absolute http or https URL."
          + " Fix: pass the URL the key set is published at, such as http://127.0.0.1:8080/.well-known/jwks.json.");
    }
    List<JwksUrlKeys> more = new ArrayList<>(jwksUrls);
    more.add(new JwksUrlKeys(jwksUrl));
    return new AtomicPlatformVerifier(policy, keys, clock, skew, List.copyOf(more));
  }

  /** The clock "now" is read from (default {@link Clock#systemUTC()}); a {@link TestClock} works. */
  public AtomicPlatformVerifier clock(InstantSource clock) {
    return new AtomicPlatformVerifier(policy, keys,
        require(clock, "clock", "pass an InstantSource, such as a TestClock."), skew, jwksUrls);
  }

  /** How far the verifier's clock may be behind or ahead of the signer's (default 0, as strict as the platform). */
  public AtomicPlatformVerifier clockSkew(Duration skew) {
    require(skew, "clockSkew", "pass Duration.ZERO or a small positive duration.");
    if (skew.isNegative()) {
      throw new JwtSignerException(Reason.INVALID_ARGUMENT,
          "clockSkew is negative. Fix: pass Duration.ZERO or a small positive duration.");
    }
    return new AtomicPlatformVerifier(policy, keys, clock, skew, jwksUrls);
  }

  /** Checks {@code token}; never throws, whatever it holds ({@code null} included). */
  @Override
  public Verdict verify(String token) {
    List<Violation> violations = new ArrayList<>(0);
    DecodedJws jws = jwksUrls.isEmpty() ? DECODER.decode(token, keys)
        : JwksUrlKeys.decode(DECODER, token, keys, jwksUrls, clock.instant(), violations);
    violations.addAll(jws.violations());
    if (!claimsDecoded(jws)) {
      return Verdict.of(violations, jws, null);
    }
    Map<String, Object> claims = jws.claims();
    double now = clock.instant().toEpochMilli() / 1000.0;
    Double exp = number(violations, claims, "exp", "the token's expiry, such as expiresIn(Duration.ofHours(1))");
    Double iat = number(violations, claims, "iat", "the time it was issued (jsonwebtoken and AtomicTokenBuilder add it)");
    if (exp != null) {
      checkExpiry(violations, exp, iat, now);
    }
    checkIssuer(violations, claims.get("iss"));
    String userId = resolveUserId(violations, claims);
    return Verdict.of(violations, jws, userId);
  }

  @Override
  public String toString() {
    return "AtomicPlatformVerifier[" + keys.size() + (keys.size() == 1 ? " key" : " keys") + ", clockSkew=" + skew
        + ", " + policy + "]";
  }

  // ---------------------------------------------------------------- rules

  private void checkExpiry(List<Violation> v, double exp, Double iat, double now) {
    long max = policy.maxTokenExpiry().getSeconds();
    double skewSeconds = skew.toMillis() / 1000.0;
    if (exp <= now - skewSeconds) {
      v.add(Violation.of("exp", Rule.EXPIRED,
          "the token expired " + seconds(now - exp) + " ago (allowed clock skew: " + seconds(skewSeconds) + ").",
          "mint a new token for each SDK request, or cache it only while it is fresh (AtomicTokenCache)."));
    }
    if (iat != null && exp - iat > max) {
      v.add(Violation.of("exp", Rule.EXPIRY_BEYOND_MAXIMUM,
          "exp − iat is " + seconds(exp - iat) + "; the API key allows at most " + seconds(max) + ".",
          "sign with a lifetime of " + seconds(max) + " or less, or raise the API key's max token expiry"
              + " together with AtomicPolicy.maxTokenExpiry."));
    } else if (exp > now + max + skewSeconds) {
      v.add(Violation.of("exp", Rule.EXPIRY_BEYOND_MAXIMUM,
          "exp lies " + seconds(exp - now) + " after now; the API key allows at most " + seconds(max)
              + " (allowed clock skew: " + seconds(skewSeconds) + ").",
          "sign with iat set to the current time and a lifetime of " + seconds(max) + " or less; check the signer's clock."));
    }
  }

  private void checkIssuer(List<Violation> v, Object iss) {
    if (policy.allowedIssuers().isEmpty() || (iss instanceof String s && policy.allowedIssuers().contains(s))) {
      return;
    }
    String problem = iss == null ? "iss is missing"
        : iss instanceof String ? "iss is not one of the API key's allowed issuers"
        : "iss is " + jsonType(iss) + ", not a string";
    v.add(Violation.of("iss", Rule.ISSUER_NOT_ALLOWED,
        problem + "; the API key accepts only " + policy.allowedIssuers().size()
            + (policy.allowedIssuers().size() == 1 ? " issuer." : " issuers."),
        "sign with iss set to one of: " + String.join(", ", policy.allowedIssuers()) + "."));
  }

  private String resolveUserId(List<Violation> v, Map<String, Object> claims) {
    List<String> order = policy.userIdClaims();
    for (String claim : order) {
      if (claims.get(claim) instanceof String s && !s.isBlank()) {
        return s;
      }
    }
    List<String> unusable = new ArrayList<>();
    for (String claim : order) {
      if (claims.containsKey(claim)) {
        Object value = claims.get(claim);
        unusable.add(claim + " is " + (value instanceof String ? "blank" : jsonType(value)));
      }
    }
    v.add(Violation.of(order.contains("sub") ? "sub" : order.get(0), Rule.USER_ID_MISSING,
        "no user ID: none of " + String.join(", ", order) + " holds a non-blank string"
            + (unusable.isEmpty() ? "." : " (" + String.join("; ", unusable) + ")."),
        "put the user ID in sub as a non-blank string, or in atomic_sub when sub carries another ID."));
    return null;
  }

  /** The claim as seconds, or null after adding a violation (missing, or not a JSON number). */
  private static Double number(List<Violation> v, Map<String, Object> claims, String claim, String what) {
    Object value = claims.get(claim);
    if (value instanceof Number n) {
      double seconds = n instanceof BigDecimal bd ? bd.doubleValue() : n.doubleValue();
      if (!Double.isFinite(seconds)) { // such as 1e400: beyond any double, so no time at all
        v.add(Violation.of(claim, Rule.TIME_CLAIM_INVALID, claim + " is a number beyond the range of a double.",
            "write " + claim + " as whole seconds since the epoch: " + what + "."));
        return null;
      }
      return seconds;
    }
    if (value == null && !claims.containsKey(claim)) {
      v.add(Violation.of(claim, Rule.CLAIM_MISSING, claim + " is missing; the platform requires it.",
          "set " + claim + " to a JSON number of seconds since the epoch: " + what + "."));
    } else {
      v.add(Violation.of(claim, Rule.CLAIM_NOT_NUMERIC,
          claim + " is " + jsonType(value) + "; the platform requires a JSON number of seconds since the epoch.",
          "write " + claim + " as a number, not in quotes, as jsonwebtoken and AtomicTokenBuilder do."));
    }
    return null;
  }

  /** Claims were read as one JSON object (a claims problem leaves nothing to check). */
  private static boolean claimsDecoded(DecodedJws jws) {
    for (Violation x : jws.violations()) {
      if (x.field().equals("claims") || x.field().equals("token")) {
        return false;
      }
    }
    return true;
  }

  private static String jsonType(Object value) {
    if (value == null) {
      return "JSON null";
    }
    if (value instanceof String) {
      return "a JSON string";
    }
    if (value instanceof Boolean) {
      return "a JSON boolean";
    }
    if (value instanceof Number) {
      return "a JSON number";
    }
    return value instanceof Map ? "a JSON object" : "a JSON array";
  }

  /** {@code 3600 s (1 h)} for whole seconds, {@code 0.5 s} otherwise. */
  static String seconds(double s) {
    if (s != Math.rint(s) || Math.abs(s) > 1e15) {
      return BigDecimal.valueOf(s).stripTrailingZeros().toPlainString() + " s";
    }
    long whole = (long) s;
    if (whole >= 86_400 && whole % 86_400 == 0) {
      return whole + " s (" + whole / 86_400 + (whole == 86_400 ? " day)" : " days)");
    }
    if (whole >= 3_600 && whole % 3_600 == 0) {
      return whole + " s (" + whole / 3_600 + " h)";
    }
    return whole + " s";
  }

  private AtomicPlatformVerifier withKeys(List<TrustedKey> more) {
    return new AtomicPlatformVerifier(policy, List.copyOf(more), clock, skew, jwksUrls);
  }

  private static <T> T require(T value, String what, String fix) {
    if (value == null) {
      throw new JwtSignerException(Reason.INVALID_ARGUMENT, what + " is null. Fix: " + fix);
    }
    return value;
  }
}
