package dev.jwtsigner.atomic;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.internal.StrictJson;
import dev.jwtsigner.internal.Text;
import dev.jwtsigner.internal.rules.AtomicRules;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One claim value rendered to JSON text when it is set, so that signing only concatenates; or, when the
 * value has no JSON form, the reason why (which never contains the value itself).
 *
 * <p>Allowed: {@code String}, {@code Boolean}, {@code Byte}/{@code Short}/{@code Integer}/{@code Long},
 * finite {@code Float}/{@code Double}, {@code BigInteger}, {@code BigDecimal}, {@code Instant} (as whole
 * epoch seconds, the JWT NumericDate, rounded down), {@code LocalDate} (as ISO text, {@code 2026-01-31}),
 * and {@code List}s and {@code Map}s with {@code String} keys of those; {@code null} inside a list or map
 * is JSON {@code null}.
 */
final class JsonValue {

  /**
   * Lists and maps nested deeper than this inside a claim are refused (a list that contains itself would never
   * end): with the claims object around them, the claims then nest {@link AtomicRules#MAX_DEPTH} deep.
   */
  static final int MAX_DEPTH = AtomicRules.MAX_DEPTH - 1;

  static final String ALLOWED = "pass a String, Boolean, whole or finite number, BigInteger, BigDecimal, Instant"
      + " (written as epoch seconds), LocalDate (written as ISO text), or a List or Map with String keys of those.";

  private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

  private final String json;
  private final Rule rule;
  private final String problem;
  private final boolean writtenTwice;

  private JsonValue(String json, Rule rule, String problem) {
    this(json, rule, problem, false);
  }

  private JsonValue(String json, Rule rule, String problem, boolean writtenTwice) {
    this.json = json;
    this.rule = rule;
    this.problem = problem;
    this.writtenTwice = writtenTwice;
  }

  /** This value, marked as set under a name that already had one ({@code claim("x", 1).claim("x", 2)}). */
  JsonValue asWrittenTwice() {
    return new JsonValue(json, rule, problem, true);
  }

  /** Whether the claim was set again while it held a value: the builder refuses it, as README promises. */
  boolean writtenTwice() {
    return writtenTwice;
  }

  /** The JSON text, or null when {@link #rule()} says why there is none. */
  String json() {
    return json;
  }

  /** {@code VALUE_NOT_JSON}, {@code TOO_DEEP} or {@code INVALID_UNICODE} when the value has no JSON form; else null. */
  Rule rule() {
    return rule;
  }

  /** Completes "the value of CLAIM ..." in a violation message, without the value. */
  String problem() {
    return problem;
  }

  /** A JSON string. */
  static JsonValue ofString(String s) {
    if (!isWellFormed(s)) {
      return unicode();
    }
    StringBuilder sb = new StringBuilder(s.length() + 2);
    appendQuoted(sb, s);
    return new JsonValue(sb.toString(), null, null);
  }

  /** Any allowed value; see the class comment. */
  static JsonValue of(Object value) {
    StringBuilder sb = new StringBuilder();
    JsonValue failure = append(sb, value, 0);
    return failure != null ? failure : new JsonValue(sb.toString(), null, null);
  }

  /** Appends {@code s} as a quoted JSON string; the caller has checked that it is well-formed. */
  static void appendQuoted(StringBuilder sb, String s) {
    sb.append('"');
    ENCODER.quoteAsString(s, sb);
    sb.append('"');
  }

  /** False when {@code s} holds a lone UTF-16 surrogate, which has no UTF-8 encoding. */
  static boolean isWellFormed(String s) {
    return Text.isWellFormed(s);
  }

  private static JsonValue append(StringBuilder sb, Object value, int depth) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String s) {
      if (!isWellFormed(s)) {
        return unicode();
      }
      appendQuoted(sb, s);
    } else if (value instanceof Boolean) {
      sb.append(value);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        return notJson("is a " + value.getClass().getSimpleName() + " NaN or infinity, which JSON cannot represent");
      }
      sb.append(value); // Double.toString/Float.toString forms ("1.0E-5", "-0.0") are valid JSON numbers
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
        || value instanceof BigInteger || value instanceof BigDecimal) {
      if (!StrictJson.isPortable((Number) value)) {
        return notJson("is a number that JavaScript and Python consumers would not read as the same value"
            + " (an integer beyond ±(2^53 − 1), or beyond the double range)");
      }
      sb.append(value); // BigDecimal's "1E+3" is a valid JSON number
    } else if (value instanceof Instant instant) {
      if (!StrictJson.isPortable(instant.getEpochSecond())) {
        return notJson("is an Instant whose epoch second JavaScript and Python consumers would not read as the same"
            + " value (beyond ±(2^53 − 1))");
      }
      sb.append(instant.getEpochSecond());
    } else if (value instanceof LocalDate date) {
      sb.append('"').append(date).append('"');
    } else if (value instanceof List<?> || value instanceof Map<?, ?>) {
      if (depth >= MAX_DEPTH) {
        return new JsonValue(null, Rule.TOO_DEEP, "nests lists and maps so deep (or contains itself) that the claims"
            + " nest more than " + AtomicRules.MAX_DEPTH + " deep");
      }
      return value instanceof List<?> list ? appendList(sb, list, depth) : appendMap(sb, (Map<?, ?>) value, depth);
    } else {
      return notJson("is a " + value.getClass().getName() + ", which has no JSON form here");
    }
    return null;
  }

  private static JsonValue appendList(StringBuilder sb, List<?> list, int depth) {
    sb.append('[');
    boolean first = true;
    for (Object element : list) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      JsonValue failure = append(sb, element, depth + 1);
      if (failure != null) {
        return failure;
      }
    }
    sb.append(']');
    return null;
  }

  private static JsonValue appendMap(StringBuilder sb, Map<?, ?> map, int depth) {
    sb.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        return notJson("is a Map with a " + (e.getKey() == null ? "null" : e.getKey().getClass().getSimpleName())
            + " key; JSON object members are named by strings");
      }
      if (!isWellFormed(key)) {
        return unicode();
      }
      if (!first) {
        sb.append(',');
      }
      first = false;
      appendQuoted(sb, key);
      sb.append(':');
      JsonValue failure = append(sb, e.getValue(), depth + 1);
      if (failure != null) {
        return failure;
      }
    }
    sb.append('}');
    return null;
  }

  private static JsonValue notJson(String problem) {
    return new JsonValue(null, Rule.VALUE_NOT_JSON, problem);
  }

  private static JsonValue unicode() {
    return new JsonValue(null, Rule.INVALID_UNICODE, "contains a lone UTF-16 surrogate, which has no UTF-8 encoding");
  }
}
