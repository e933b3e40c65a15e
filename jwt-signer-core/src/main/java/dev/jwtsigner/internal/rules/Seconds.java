package dev.jwtsigner.internal.rules;

import java.math.BigDecimal;

/**
 * The one way rules write a number of seconds: {@code 604800 s (7 days)}, {@code 7200 s (2 h)}, {@code 30 s},
 * {@code 0.5 s}.
 *
 * <pre>{@code
 * String text = Seconds.of(86_400);   // "86400 s (1 day)"
 * }</pre>
 */
public final class Seconds {

  private Seconds() {}

  /** {@code s} seconds as text, with whole days or hours named. */
  public static String of(double s) {
    if (!Double.isFinite(s)) {
      return s + " s";
    }
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
}
