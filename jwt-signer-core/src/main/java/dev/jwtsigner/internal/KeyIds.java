package dev.jwtsigner.internal;

/**
 * The rule every kid meets, wherever it is set: not blank, at most {@value #MAX_CHARS} characters, no control
 * character, and no lone UTF-16 surrogate (which UTF-8 cannot encode, so the token would carry another kid).
 *
 * <pre>{@code
 * String problem = KeyIds.problem(kid);   // null when the kid is fine
 * }</pre>
 */
public final class KeyIds {

  /** The longest kid accepted: far above any platform's ids, far below a header size limit. */
  public static final int MAX_CHARS = 256;

  private KeyIds() {}

  /** What is wrong with {@code keyId} ("is blank", "holds a control character"...), or null if nothing. */
  public static String problem(String keyId) {
    if (keyId == null || keyId.isBlank()) {
      return "is " + (keyId == null ? "null" : "blank");
    }
    if (keyId.length() > MAX_CHARS) {
      return "has " + keyId.length() + " characters; at most " + MAX_CHARS + " fit in a JWS header";
    }
    if (keyId.chars().anyMatch(Character::isISOControl)) {
      return "holds a control character";
    }
    if (!Text.isWellFormed(keyId)) {
      return "holds a lone UTF-16 surrogate, which UTF-8 cannot encode (the token would carry another kid)";
    }
    return null;
  }
}
