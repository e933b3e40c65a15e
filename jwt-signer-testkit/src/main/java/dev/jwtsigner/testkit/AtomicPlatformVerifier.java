package dev.jwtsigner.testkit;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.internal.DecodedJws;
import dev.jwtsigner.internal.JwsDecoder;
import dev.jwtsigner.internal.Check;
import dev.jwtsigner.internal.TrustedKey;
import dev.jwtsigner.internal.rules.AtomicRules;
import dev.jwtsigner.keys.PublicKeys;
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

  /** The largest claims set read, in UTF-8 bytes: the builder's limit. */
  static final int MAX_CLAIMS_BYTES = AtomicRules.MAX_CLAIMS_BYTES;

  private static final JwsDecoder DECODER = JwsDecoder.create(EnumSet.allOf(JwsAlgorithm.class), AtomicRules.claimsJson());

  private final AtomicPolicy policy;
  /** The policy's rulebook: the same rules, with the same wording, the builder runs before signing. */
  private final AtomicRules rules;
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
    this.rules = AtomicRules.of(policy.maxTokenExpiry(), policy.sdkExpiryInterval(), policy.allowedIssuers(),
        policy.userIdClaims());
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
   * JWK or JWKS, each key under its {@code kid} (or its RFC 7638 thumbprint when it has none), restricted to
   * its {@code alg} and refused when its {@code use} or {@code key_ops} say it is not for verifying signatures.
   *
   * @throws dev.jwtsigner.KeyRejectedException if the text holds no usable public key
   */
  public AtomicPlatformVerifier trust(String publicKeyText) {
    require(publicKeyText, "publicKeyText", "pass a PEM public key or a JWKS.");
    if (publicKeyText.strip().startsWith("{")) {
      PublicKeys.parseAllWithIds(publicKeyText); // refuses, as PublicKeys does everywhere, what no verifier may trust
      List<TrustedKey> more = new ArrayList<>(this.keys);
      more.addAll(TrustedKey.fromJwks(publicKeyText)); // honours each JWK's use, key_ops and alg
      return withKeys(more);
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
    if (!jws.claimsDecoded()) {
      return Verdict.of(violations, jws, null);
    }
    Map<String, Object> claims = jws.claims();
    AtomicRules.Claims view = name -> claims.containsKey(name) ? claims.get(name) : AtomicRules.ABSENT;
    for (String name : claims.keySet()) {
      violations.addAll(AtomicRules.claimName(name, ""));
    }
    double now = clock.instant().toEpochMilli() / 1000.0;
    List<Violation> expForm = AtomicRules.timeClaim("exp", view.get("exp"));
    List<Violation> iatForm = AtomicRules.timeClaim("iat", view.get("iat"));
    violations.addAll(expForm);
    violations.addAll(iatForm);
    if (expForm.isEmpty()) {
      double iat = iatForm.isEmpty() ? ((Number) claims.get("iat")).doubleValue() : Double.NaN;
      violations.addAll(rules.expiry(iat, ((Number) claims.get("exp")).doubleValue(), now, skew.toMillis() / 1000.0));
    }
    violations.addAll(rules.issuer(view.get("iss")));
    violations.addAll(rules.userId(view));
    return Verdict.of(violations, jws, rules.resolveUserId(view));
  }

  @Override
  public String toString() {
    return "AtomicPlatformVerifier[" + keys.size() + (keys.size() == 1 ? " key" : " keys") + ", clockSkew=" + skew
        + ", " + policy + "]";
  }

  private AtomicPlatformVerifier withKeys(List<TrustedKey> more) {
    return new AtomicPlatformVerifier(policy, List.copyOf(more), clock, skew, jwksUrls);
  }

  private static <T> T require(T value, String what, String fix) {
    return Check.notNull(value, what, fix);
  }
}
