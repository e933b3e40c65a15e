package dev.jwtsigner.testkit;

import java.util.List;
import java.util.Map;

/**
 * The parity test's own JSON writer, independent of the library's: it writes exactly what it is given
 * (duplicate names, lone surrogates as {@code \\uXXXX} escapes, any number's {@code toString()}), so the
 * verifier sees the token a careless signer would send for the same input.
 */
final class ParityJson {

  private ParityJson() {}

  /** An object of {@code members} in order; a name may repeat. */
  static String object(List<Map.Entry<String, Object>> members) {
    StringBuilder b = new StringBuilder("{");
    for (Map.Entry<String, Object> m : members) {
      if (b.length() > 1) {
        b.append(',');
      }
      string(b, m.getKey());
      b.append(':');
      value(b, m.getValue());
    }
    return b.append('}').toString();
  }

  static void value(StringBuilder b, Object v) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      string(b, s);
    } else if (v instanceof List<?> list) {
      b.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        value(b, list.get(i));
      }
      b.append(']');
    } else if (v instanceof Map<?, ?> map) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          b.append(',');
        }
        first = false;
        string(b, (String) e.getKey());
        b.append(':');
        value(b, e.getValue());
      }
      b.append('}');
    } else {
      b.append(v); // Boolean, Long, Double, BigInteger, BigDecimal: their toString() is their JSON text
    }
  }

  static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || (Character.isSurrogate(c) && !pairAt(s, i))) {
        b.append(String.format("\\u%04x", (int) c));
      } else if (Character.isHighSurrogate(c)) {
        b.append(c).append(s.charAt(++i));
      } else {
        b.append(c);
      }
    }
    b.append('"');
  }

  private static boolean pairAt(String s, int i) {
    return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
  }
}
