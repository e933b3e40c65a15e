package dev.jwtsigner.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one JSON writer of both platforms: an Atomic claim value and an Apto payload map are written here, with
 * the same value types and the same refusals. Allowed: {@code null}, {@code String}, {@code Boolean},
 * {@code Byte}/{@code Short}/{@code Integer}/{@code Long}, {@code BigInteger}, {@code BigDecimal}, finite
 * {@code Float}/{@code Double}, {@code Instant} (whole epoch seconds, the JWT NumericDate, rounded down),
 * {@code LocalDate} (ISO text, {@code 2026-01-31}), and {@code Collection}s and {@code Map}s with {@code String}
 * keys of those. Refused, all at once (up to {@value #MAX_PROBLEMS}), each at its path of names and indexes
 * and never with its value: other types, NaN and infinities, numbers consumers would read differently
 * ({@link StrictJson#isPortable(Number)}), lone surrogates, cycles, and nesting deeper than a limit.
 *
 * <pre>{@code
 * JsonWriter.Result r = JsonWriter.write(map, 100);
 * if (r.json() == null) { violations.addAll(r.violationsAt("payload")); }
 * }</pre>
 */
public final class JsonWriter {

  /** At most this many problems are listed for one value. */
  public static final int MAX_PROBLEMS = 20;
  /** The fix for a value of a type JSON cannot hold. */
  public static final String ALLOWED = "pass a String, Boolean, whole or finite number, BigInteger, BigDecimal, Instant"
      + " (written as epoch seconds), LocalDate (written as ISO text), or a List or Map with String keys of those.";

  private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

  /** One refused part: where (appended to the root's name: {@code ""}, {@code ".a"}, {@code "[2]"}), which rule, why. */
  public record Problem(String path, Rule rule, String what, String fix) {
    /** The violation of this problem under {@code root} ({@code "payload"}, a claim name). */
    public Violation at(String root) {
      return Violation.of(root + path, rule, root + path + " " + what, fix);
    }
  }

  /** The JSON text, or null when {@link #problems()} is not empty. */
  public record Result(String json, List<Problem> problems) {
    /** The problems as violations under {@code root}. */
    public List<Violation> violationsAt(String root) {
      List<Violation> out = new ArrayList<>(problems.size());
      for (Problem p : problems) {
        out.add(p.at(root));
      }
      return out;
    }
  }

  private final StringBuilder out = new StringBuilder(64);
  private final int maxDepth;
  private final List<Object> path = new ArrayList<>();
  private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<Problem> problems = new ArrayList<>(0);
  private boolean tooDeep;

  private JsonWriter(int maxDepth) {
    this.maxDepth = maxDepth;
  }

  /**
   * {@code value} as JSON text.
   *
   * @param maxDepth how many maps and lists may nest, {@code value} itself counting as the first
   */
  public static Result write(Object value, int maxDepth) {
    JsonWriter w = new JsonWriter(maxDepth);
    w.value(value, 1);
    return w.problems.isEmpty() ? new Result(w.out.toString(), List.of()) : new Result(null, List.copyOf(w.problems));
  }

  /** Appends {@code s} as a quoted JSON string; the caller has checked that it is well-formed. */
  public static void appendQuoted(StringBuilder sb, String s) {
    sb.append('"');
    ENCODER.quoteAsString(s, sb);
    sb.append('"');
  }

  /** Kept small, as are {@link #map} and {@link #list}: they are the two frames a deep value recurses through. */
  private void value(Object v, int depth) {
    if (!(v instanceof Map<?, ?> || v instanceof Collection<?>)) {
      scalar(v);
    } else if (enter(v, depth)) {
      if (v instanceof Map<?, ?> m) {
        map(m, depth);
      } else {
        list((Collection<?>) v, depth);
      }
      open.remove(v);
    }
  }

  private void scalar(Object v) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof String s) {
      if (Text.isWellFormed(s)) {
        appendQuoted(out, s);
      } else {
        fail(Rule.INVALID_UNICODE, "contains a lone UTF-16 surrogate, which has no UTF-8 encoding.",
            "pass well-formed Unicode text.");
      }
    } else if (v instanceof Boolean) {
      out.append(v);
    } else if (v instanceof Double || v instanceof Float) {
      if (Double.isFinite(((Number) v).doubleValue())) {
        out.append(v); // Double.toString/Float.toString forms ("1.0E-5", "-0.0") are valid JSON numbers
      } else {
        fail(Rule.VALUE_NOT_JSON, "is NaN or infinite, which JSON numbers cannot be.",
            "pass a finite number, or leave the member out.");
      }
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
        || v instanceof BigInteger || v instanceof BigDecimal) {
      number((Number) v, v);
    } else if (v instanceof Instant instant) {
      number(instant.getEpochSecond(), instant.getEpochSecond());
    } else if (v instanceof LocalDate date) {
      out.append('"').append(date).append('"');
    } else {
      fail(Rule.VALUE_NOT_JSON, "is a " + v.getClass().getName() + ", which has no JSON form here.", ALLOWED);
    }
  }

  private void number(Number n, Object text) {
    if (StrictJson.isPortable(n)) {
      out.append(text); // BigDecimal's "1E+3" is a valid JSON number
    } else {
      fail(Rule.VALUE_NOT_JSON, "is a number that JavaScript and Python consumers would not read as the same value"
          + " (an integer beyond ±(2^53 − 1), or beyond the double range).",
          "send large integers and exact decimals as strings, and only finite numbers.");
    }
  }

  /** Whether to write the container {@code v}: it is not inside itself, and not nested too deep. */
  private boolean enter(Object v, int depth) {
    if (!open.add(v)) {
      fail(Rule.VALUE_NOT_JSON, "refers back to a map or list that contains it (a cycle).",
          "pass a tree of maps and lists in which no container holds itself.");
      return false;
    }
    if (depth > maxDepth) {
      if (!tooDeep) {
        tooDeep = true;
        add(new Problem("", Rule.TOO_DEEP, "nests maps and lists more than " + maxDepth + " deep.",
            "flatten the value, or raise the depth limit."));
      }
      open.remove(v);
      return false;
    }
    return true;
  }

  private void map(Map<?, ?> map, int depth) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String name)) {
        fail(Rule.VALUE_NOT_JSON, "has a member name that is "
                + (e.getKey() == null ? "null" : "a " + e.getKey().getClass().getName()) + ", not a String.",
            "use String keys: JSON member names are strings.");
        continue;
      }
      if (!first) {
        out.append(',');
      }
      first = false;
      path.add(name);
      if (Text.isWellFormed(name)) {
        appendQuoted(out, name);
        out.append(':');
        value(e.getValue(), depth + 1);
      } else {
        fail(Rule.INVALID_UNICODE, "is named with a lone UTF-16 surrogate, which has no UTF-8 encoding.",
            "name each member with well-formed Unicode text.");
      }
      path.remove(path.size() - 1);
    }
    out.append('}');
  }

  private void list(Collection<?> list, int depth) {
    out.append('[');
    int i = 0;
    for (Object item : list) {
      if (i > 0) {
        out.append(',');
      }
      path.add(i++);
      value(item, depth + 1);
      path.remove(path.size() - 1);
    }
    out.append(']');
  }

  private void fail(Rule rule, String what, String fix) {
    add(new Problem(pathName(), rule, what, fix));
  }

  private void add(Problem p) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(p);
    }
  }

  /** {@code .data_points.phone} or {@code .items[2]}: names and indexes, never values. */
  private String pathName() {
    StringBuilder b = new StringBuilder();
    for (Object segment : path) {
      if (segment instanceof Integer i) {
        b.append('[').append(i).append(']');
      } else {
        b.append('.').append(SafeText.of(segment));
      }
    }
    return b.toString();
  }
}
