package dev.jwtsigner.internal;

/**
 * Makes a caller's input safe to echo in a message that goes into a log line: control characters and lone
 * UTF-16 surrogates are written as Java escapes (ESC becomes the six characters backslash, u, 0, 0, 1, b), so
 * no input can forge a log line or break a log encoder,, and the text is cut after {@value #MAX_CHARS} characters (so a 10 MB input cannot become a
 * 10 MB message). Only for names (paths, aliases, kids, variable names), never for secrets or claim values.
 *
 * <pre>{@code
 * throw new KeyRejectedException(Reason.KEY_ID_INVALID, "kid \"" + SafeText.of(kid) + "\" is unknown.");
 * }</pre>
 */
public final class SafeText {

  /** How many characters of an input a message shows. */
  public static final int MAX_CHARS = 200;

  private SafeText() {}

  /** {@code text} escaped and cut to {@value #MAX_CHARS} characters, or {@code "null"} for {@code null}. */
  public static String of(Object text) {
    if (text == null) {
      return "null";
    }
    String s = text.toString();
    StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_CHARS) + 32);
    int i = 0;
    for (int shown = 0; i < s.length() && shown < MAX_CHARS; i++, shown++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else if (Character.isISOControl(c) || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (i < s.length()) {
      out.append("...(").append(s.length()).append(" characters)");
    }
    return out.toString();
  }
}
