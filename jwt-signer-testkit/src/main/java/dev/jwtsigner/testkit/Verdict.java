package dev.jwtsigner.testkit;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.Violation;
import dev.jwtsigner.internal.DecodedJws;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a test-kit verifier concluded about a token: accepted or not, every rule it broke, and what it
 * decoded. A verifier never throws for a bad token; it returns a rejecting verdict.
 *
 * <pre>{@code
 * Verdict v = AtomicPlatformVerifier.create(policy).trust(publicKey).verify(token);
 * if (!v.accepted()) {
 *   System.out.println(v);          // every violated rule, with its fix
 * }
 * String user = v.orThrow().userId().orElseThrow();
 * }</pre>
 */
public final class Verdict {

  private final List<Violation> violations;
  private final Map<String, Object> header;
  private final Map<String, Object> claims;
  private final String userId;

  private Verdict(List<Violation> violations, Map<String, Object> header, Map<String, Object> claims, String userId) {
    this.violations = List.copyOf(violations); // no copy when it is already immutable, as DecodedJws's list is
    this.header = header;
    this.claims = claims;
    this.userId = userId;
  }

  /**
   * A verdict on what {@code jws} decoded; accepted exactly when {@code violations} is empty. The header and
   * claims are the decoder's own, which are immutable, so they are kept as they are, not copied.
   */
  static Verdict of(List<Violation> violations, DecodedJws jws, String userId) {
    return new Verdict(violations, jws.header(), jws.claims(), userId);
  }

  /** Whether the platform would accept the token: no rule was broken. */
  public boolean accepted() {
    return violations.isEmpty();
  }

  /** Every broken rule, in the order checked; empty when accepted. */
  public List<Violation> violations() {
    return violations;
  }

  /** The decoded JOSE header; empty when the token could not be decoded. */
  public Map<String, Object> header() {
    return header;
  }

  /** The decoded claims (for a signed payload: the payload); empty when they could not be decoded. */
  public Map<String, Object> claims() {
    return claims;
  }

  /** The user ID the platform would resolve, if any (Atomic tokens only). */
  public Optional<String> userId() {
    return Optional.ofNullable(userId);
  }

  /**
   * This verdict if accepted.
   *
   * @throws JwtSignerException with {@link Reason#TOKEN_NOT_ACCEPTED} and the violations otherwise
   */
  public Verdict orThrow() {
    if (!accepted()) {
      throw new JwtSignerException(Reason.TOKEN_NOT_ACCEPTED,
          "the platform would reject this token (" + violations.size() + (violations.size() == 1 ? " rule" : " rules")
              + " broken).", violations);
    }
    return this;
  }

  /** {@code Verdict[accepted]}, or {@code Verdict[rejected]} followed by each violation on its own line. */
  @Override
  public String toString() {
    if (accepted()) {
      return "Verdict[accepted" + (userId == null ? "" : ", user ID resolved") + "]";
    }
    return "Verdict[rejected]" + violations.stream().map(v -> "\n  - " + v).collect(Collectors.joining());
  }
}
