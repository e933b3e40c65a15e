package dev.jwtsigner.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * Strict, canonical, unpadded base64url (RFC 7515 section 2) for the parts of a compact JWS: any other
 * character, {@code =} padding, whitespace, an impossible length or non-zero unused bits is refused, with
 * where and why (never the content).
 *
 * <pre>{@code
 * String problem = Base64Url.problem(part);   // null when the part is canonical
 * }</pre>
 */
final class Base64Url {

  private Base64Url() {}

  /**
   * The bytes of the canonical unpadded base64url text {@code token[start, end)}, or null when it is not
   * (then {@link #problem} says why). {@code latin1} holds the token's characters one byte each, or is null
   * when they do not line up; the JDK's decoder refuses every character outside the alphabet but {@code =}
   * at the end, so a part it decodes, without {@code =} at the end and with no length problem, is canonical.
   */
  static byte[] decode(String token, byte[] latin1, int start, int end) {
    if (latin1 != null && (start == end || latin1[end - 1] != '=')) {
      try {
        ByteBuffer decoded = Base64.getUrlDecoder().decode(ByteBuffer.wrap(latin1, start, end - start));
        return lengthProblem(token, start, end) == null ? bytesOf(decoded) : null;
      } catch (IllegalArgumentException notBase64Url) {
        return null;
      }
    }
    String part = token.substring(start, end);
    return problem(part) == null ? Base64.getUrlDecoder().decode(part) : null;
  }

  /** Why {@code part} is not canonical unpadded base64url, or null if it is. */
  static String problem(String part) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (sextet(c) < 0) {
        String what = c == '=' ? "'=' padding" : Character.isWhitespace(c) ? "whitespace" : "a character outside A-Z a-z 0-9 - _";
        return "has " + what + " at character " + (i + 1);
      }
    }
    return lengthProblem(part, 0, part.length());
  }

  /**
   * For {@code text[start, end)} made of base64url characters only: why its length or its last character
   * makes it not canonical unpadded base64url (the JDK's decoder ignores the unused bits), or null if neither does.
   */
  private static String lengthProblem(String text, int start, int end) {
    int length = end - start;
    int rest = length % 4;
    if (rest == 1) {
      return "has " + length + " characters, a length no base64url text has (it is truncated or padded)";
    }
    if (rest != 0) {
      int unusedBitsMask = rest == 2 ? 0x0f : 0x03;
      if ((sextet(text.charAt(end - 1)) & unusedBitsMask) != 0) {
        return "has non-zero unused bits in its last character, so it is not the canonical encoding";
      }
    }
    return null;
  }

  /** The bytes of a buffer the JDK's decoder made: its own array, which it sizes exactly for unpadded input. */
  private static byte[] bytesOf(ByteBuffer decoded) {
    byte[] bytes = decoded.array();
    return decoded.arrayOffset() == 0 && decoded.limit() == bytes.length ? bytes : Arrays.copyOf(bytes, decoded.limit());
  }

  private static int sextet(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '-' ? 62 : c == '_' ? 63 : -1;
  }
}
