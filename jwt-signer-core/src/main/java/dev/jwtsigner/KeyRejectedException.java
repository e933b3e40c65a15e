package dev.jwtsigner;

/**
 * A key cannot serve: thrown when a {@link dev.jwtsigner.keys.KeySource} or
 * {@code PublicKeys} is created from a missing, garbled, encrypted-without-passphrase,
 * too-short or unsupported key. The message names the problem and the command that makes a right key.
 *
 * <pre>{@code
 * try {
 *   KeySource keys = KeySource.fromPem(Path.of("jwtRS512.key"));
 * } catch (KeyRejectedException e) {
 *   // e.reason() == KEY_TOO_SHORT, KEY_PASSPHRASE_WRONG, ...
 * }
 * }</pre>
 */
public class KeyRejectedException extends JwtSignerException {

  private static final long serialVersionUID = 1L;

  /** A key refused for {@code reason}. */
  public KeyRejectedException(Reason reason, String message) {
    super(reason, message);
  }

  /** A key refused for {@code reason}; the cause's message must not hold key material. */
  public KeyRejectedException(Reason reason, String message, Throwable cause) {
    super(reason, message, cause);
  }
}
