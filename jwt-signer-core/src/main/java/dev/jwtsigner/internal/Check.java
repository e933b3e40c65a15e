package dev.jwtsigner.internal;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;

/**
 * The one precondition helper: a null argument is refused with {@link Reason#INVALID_ARGUMENT} and a message
 * that names the argument and the fix, never with a bare {@code NullPointerException}.
 *
 * <pre>{@code
 * this.clock = Check.notNull(clock, "clock", "pass an InstantSource, such as Clock.systemUTC().");
 * }</pre>
 */
public final class Check {

  private Check() {}

  /** {@code value}, or a {@code JwtSignerException}: "{@code what} is null. Fix: {@code fix}". */
  public static <T> T notNull(T value, String what, String fix) {
    if (value == null) {
      throw new JwtSignerException(Reason.INVALID_ARGUMENT, what + " is null. Fix: " + fix);
    }
    return value;
  }

  /** The refusal of a key source that returned no signing key: the same reason in every builder. */
  public static JwtSignerException noSigningKey() {
    return new JwtSignerException(Reason.SIGNING_FAILED,
        "the key source returned no signing key. Fix: make KeySource.signingKey() return a key.");
  }
}
