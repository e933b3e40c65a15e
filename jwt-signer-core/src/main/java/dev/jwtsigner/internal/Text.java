package dev.jwtsigner.internal;

/**
 * The one well-formed-text check: a Java string is well-formed Unicode when every UTF-16 surrogate is half
 * of a pair. A lone surrogate has no UTF-8 encoding, so a token carrying one would carry other text.
 *
 * <pre>{@code
 * if (!Text.isWellFormed(name)) { ... Rule.INVALID_UNICODE ... }
 * }</pre>
 */
public final class Text {

  private Text() {}

  /** False when {@code s} holds a lone UTF-16 surrogate. */
  public static boolean isWellFormed(CharSequence s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return false;
        }
      }
    }
    return true;
  }

  /** The number of UTF-8 bytes of well-formed {@code s}, without encoding it. */
  public static int utf8Length(CharSequence s) {
    int bytes = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
