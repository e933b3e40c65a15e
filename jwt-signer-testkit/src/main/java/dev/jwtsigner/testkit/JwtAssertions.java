package dev.jwtsigner.testkit;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.Violation;
import dev.jwtsigner.internal.DecodedJws;
import dev.jwtsigner.internal.JwsDecoder;
import dev.jwtsigner.internal.StrictJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a compact JWT. A failure shows what the token holds: its decoded header and
 * claims (never key material: embedded keys and certificates are left out), and for
 * {@link #isAcceptedBy(TokenVerifier)} every rule the verifier found broken.
 *
 * <pre>{@code
 * import static dev.jwtsigner.testkit.JwtAssertions.assertThat;
 *
 * assertThat(token)
 *     .isSignedWith(JwsAlgorithm.RS512)
 *     .hasSubject("1234567890")
 *     .hasClaim("email", "ada@example.com")
 *     .expiresWithin(Duration.ofDays(7))
 *     .isAcceptedBy(AtomicPlatformVerifier.create(policy).trust(FakeKeys.rsa2048().publicKey()));
 * }</pre>
 *
 * <p>Numbers compare by value, so {@code hasClaim("n", 3)} holds for a claim {@code 3} (read as a
 * {@code Long}) and for {@code 3.0}.
 */
public final class JwtAssertions extends AbstractAssert<JwtAssertions, String> {

  /** Header members that hold keys or point at them: never shown. */
  private static final Set<String> KEY_HEADERS = Set.of("jwk", "jku", "x5c", "x5u", "x5t", "x5t#S256");
  private static final JwsDecoder DECODER =
      JwsDecoder.create(EnumSet.allOf(JwsAlgorithm.class), StrictJson.create(1 << 20, StrictJson.DEFAULT_MAX_DEPTH));

  private DecodedJws decoded;

  private JwtAssertions(String token) {
    super(token, JwtAssertions.class);
  }

  /** Starts assertions on {@code token}, a compact JWS. */
  public static JwtAssertions assertThat(String token) {
    return new JwtAssertions(token);
  }

  /** The header's {@code alg} is {@code algorithm}. */
  public JwtAssertions isSignedWith(JwsAlgorithm algorithm) {
    Object alg = decoded().header().get("alg");
    if (algorithm == null || !algorithm.name().equals(alg)) {
      failShowing("Expecting the token to be signed with " + algorithm + " but its alg is " + show(alg) + ".");
    }
    return this;
  }

  /** The {@code sub} claim is {@code subject}. */
  public JwtAssertions hasSubject(String subject) {
    return hasClaim("sub", subject);
  }

  /** The header's {@code kid} is {@code keyId}. */
  public JwtAssertions hasKeyId(String keyId) {
    Object kid = decoded().header().get("kid");
    if (!Objects.equals(keyId, kid)) {
      failShowing("Expecting the token's kid to be " + show(keyId) + " but it is "
          + (decoded().header().containsKey("kid") ? show(kid) : "absent") + ".");
    }
    return this;
  }

  /**
   * The claim {@code name} equals {@code value}: numbers by value ({@code 3} equals {@code 3L} and
   * {@code 3.0}), maps and lists member by member, anything else by {@code equals}.
   */
  public JwtAssertions hasClaim(String name, Object value) {
    Map<String, Object> claims = decoded().claims();
    if (!claims.containsKey(name)) {
      failShowing("Expecting claim " + show(name) + " to be " + show(value) + " but the token has no claim " + show(name) + ".");
    } else if (!jsonEquals(claims.get(name), value)) {
      failShowing("Expecting claim " + show(name) + " to be " + show(value) + " but it is " + show(claims.get(name)) + ".");
    }
    return this;
  }

  /** {@code exp - iat} is at most {@code maximum}: the token lives no longer than that. */
  public JwtAssertions expiresWithin(Duration maximum) {
    Map<String, Object> claims = decoded().claims();
    Object exp = claims.get("exp");
    Object iat = claims.get("iat");
    if (!(exp instanceof Number) || !(iat instanceof Number)) {
      failShowing("Expecting numeric exp and iat claims but " + (exp instanceof Number ? "iat" : "exp") + " is "
          + (claims.containsKey(exp instanceof Number ? "iat" : "exp") ? "not a number." : "missing."));
      return this;
    }
    BigDecimal lifetime = decimal((Number) exp).subtract(decimal((Number) iat));
    BigDecimal max = BigDecimal.valueOf(maximum.getSeconds()).add(BigDecimal.valueOf(maximum.getNano(), 9));
    if (lifetime.compareTo(max) > 0) {
      failShowing("Expecting the token to expire within " + maximum + " of its iat but exp - iat is "
          + lifetime.stripTrailingZeros().toPlainString() + " seconds.");
    }
    return this;
  }

  /** {@code verifier} accepts the token; on failure, the message lists every violated rule. */
  public JwtAssertions isAcceptedBy(TokenVerifier verifier) {
    Verdict verdict = verifier.verify(actual);
    if (!verdict.accepted()) {
      failShowing("Expecting the token to be accepted but the verifier rejected it:"
          + verdict.violations().stream().map(v -> "\n  - " + v).collect(Collectors.joining()));
    }
    return this;
  }

  /** The token decoded once; fails when its header or claims cannot be read at all. */
  private DecodedJws decoded() {
    isNotNull();
    DecodedJws jws = decode();
    if (!jws.headerDecoded() || !jws.claimsDecoded()) {
      List<Violation> unreadable = jws.violations().stream() // no key is trusted here: the signature is not the point
          .filter(v -> v.rule() != Violation.Rule.SIGNATURE_INVALID).collect(Collectors.toList());
      failWithMessage("%s", "Expecting a compact JWT with a JSON header and claims but:"
          + unreadable.stream().map(v -> "\n  - " + v).collect(Collectors.joining()));
    }
    return decoded;
  }

  private DecodedJws decode() {
    if (decoded == null) {
      decoded = DECODER.decode(actual, List.of());
    }
    return decoded;
  }

  private void failShowing(String message) {
    failWithMessage("%s", message + "\nheader: " + json(withoutKeys(decode().header())) + "\nclaims: " + json(decode().claims()));
  }

  private static Map<String, Object> withoutKeys(Map<String, Object> header) {
    Map<String, Object> shown = new LinkedHashMap<>(header);
    shown.replaceAll((name, value) -> KEY_HEADERS.contains(name) ? "(not shown)" : value);
    return shown;
  }

  private static String json(Map<String, Object> map) {
    return JSONObjectUtils.toJSONString(map);
  }

  private static String show(Object value) {
    return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
  }

  static boolean jsonEquals(Object actual, Object expected) {
    if (actual instanceof Number a && expected instanceof Number e) {
      BigDecimal x = decimalOrNull(a);
      BigDecimal y = decimalOrNull(e);
      return x != null && y != null ? x.compareTo(y) == 0 : a.equals(e);
    }
    if (actual instanceof Map<?, ?> a && expected instanceof Map<?, ?> e) {
      return a.keySet().equals(e.keySet()) && a.keySet().stream().allMatch(k -> jsonEquals(a.get(k), e.get(k)));
    }
    if (actual instanceof List<?> a && expected instanceof List<?> e) {
      if (a.size() != e.size()) {
        return false;
      }
      Iterator<?> other = e.iterator();
      return a.stream().allMatch(x -> jsonEquals(x, other.next()));
    }
    return Objects.equals(actual, expected);
  }

  /** JSON numbers, as the decoder reads them, are always finite. */
  private static BigDecimal decimal(Number n) {
    return Objects.requireNonNull(decimalOrNull(n), "finite");
  }

  /** The exact value, or null for NaN and infinities. */
  private static BigDecimal decimalOrNull(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (n instanceof Double || n instanceof Float) {
      // as written in decimal (3.1f is 3.1, not 3.0999999...), which is how JSON carries it
      return Double.isFinite(n.doubleValue()) ? new BigDecimal(n.toString()) : null;
    }
    return BigDecimal.valueOf(n.longValue());
  }
}
