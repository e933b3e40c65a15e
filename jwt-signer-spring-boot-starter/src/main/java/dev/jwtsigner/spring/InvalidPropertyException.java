package dev.jwtsigner.spring;

import dev.jwtsigner.JwtSignerException;
import java.util.function.Supplier;

/**
 * A {@code jwt-signer.*} property whose value the library refused: the library's reason and message, prefixed
 * with the property, so Spring Boot's start-up report says which line of {@code application.yml} to change.
 */
final class InvalidPropertyException extends JwtSignerException {

  private static final long serialVersionUID = 1L;

  private final String property;

  InvalidPropertyException(String property, Reason reason, String message, Throwable cause) {
    super(reason, property + ": " + message, cause);
    this.property = property;
  }

  /** The property's full name, such as {@code jwt-signer.atomic.private-key}. */
  String property() {
    return property;
  }

  /** {@code step}'s result, or what it refused as an exception naming {@code property}. */
  static <T> T check(String property, Supplier<T> step) {
    try {
      return step.get();
    } catch (InvalidPropertyException e) {
      throw e;
    } catch (JwtSignerException e) {
      throw new InvalidPropertyException(property, e.reason(), e.getMessage(), e);
    }
  }

  /** A refusal of {@code property}'s value by the starter itself. */
  static InvalidPropertyException invalid(String property, String message) {
    return new InvalidPropertyException(property, Reason.INVALID_ARGUMENT, message, null);
  }
}
