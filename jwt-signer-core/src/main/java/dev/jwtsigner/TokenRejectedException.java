package dev.jwtsigner;

import java.util.List;

/**
 * A builder refused to sign because the token would break the platform's rules; nothing was signed.
 * {@link #violations()} lists every broken rule at once.
 *
 * <pre>{@code
 * try {
 *   builder.expiresIn(Duration.ofDays(30)).sign();
 * } catch (TokenRejectedException e) {
 *   e.violations().get(0).rule(); // EXPIRY_BEYOND_MAXIMUM
 * }
 * }</pre>
 */
public class TokenRejectedException extends JwtSignerException {

  private static final long serialVersionUID = 1L;

  /**
   * A refusal for {@code reason} ({@link Reason#TOKEN_REJECTED} or {@link Reason#PAYLOAD_REJECTED}).
   *
   * @param violations at least one broken rule
   */
  public TokenRejectedException(Reason reason, String message, List<Violation> violations) {
    super(reason, message, violations);
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a rejection needs at least one violation");
    }
  }
}
