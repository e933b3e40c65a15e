package dev.jwtsigner.apto;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a {@code Map<String, ?>} as JSON text with Jackson's generator, refusing what JSON cannot hold
 * (non-string member names, NaN and infinite numbers, other Java types), cycles and nesting deeper than a
 * limit, all at once. Violations name the path of member names and indexes, never a value.
 */
final class MapJson {

  /** At most this many violations are listed for one map. */
  static final int MAX_VIOLATIONS = 20;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
      .build();

  /** The JSON text, or null when {@code violations} is not empty. */
  record Result(String json, List<Violation> violations) {}

  private final JsonGenerator out;
  private final String root;
  private final int maxDepth;
  private final List<Object> path = new ArrayList<>();
  private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<Violation> violations = new ArrayList<>();
  private boolean tooDeep;

  private MapJson(JsonGenerator out, String root, int maxDepth) {
    this.out = out;
    this.root = root;
    this.maxDepth = maxDepth;
  }

  /** Serializes {@code map}; {@code root} names it in violations ({@code "payload"}). */
  static Result write(Map<String, ?> map, String root, int maxDepth) {
    if (map == null) {
      return new Result(null, List.of(Violation.of(root, Rule.NOT_A_JSON_OBJECT, root + " is null.",
          "pass a map of the JSON object's members, such as Map.of(\"data_points\", dataPoints).")));
    }
    StringWriter text = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(text)) {
      MapJson writer = new MapJson(g, root, maxDepth);
      writer.value(map, 1);
      g.flush();
      return writer.violations.isEmpty()
          ? new Result(text.toString(), List.of())
          : new Result(null, List.copyOf(writer.violations));
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to a string failed", e);
    }
  }

  private void value(Object v, int depth) throws IOException {
    if (v == null) {
      out.writeNull();
    } else if (v instanceof String s) {
      out.writeString(s);
    } else if (v instanceof Boolean b) {
      out.writeBoolean(b);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      out.writeNumber(((Number) v).longValue());
    } else if (v instanceof BigInteger b) {
      out.writeNumber(b);
    } else if (v instanceof BigDecimal b) {
      out.writeNumber(b);
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isFinite(d)) {
        out.writeNumber(d);
      } else {
        fail(Rule.VALUE_NOT_JSON, "is NaN or infinite, which JSON numbers cannot be.", "pass a finite number, or leave the member out.");
      }
    } else if (v instanceof Map<?, ?> || v instanceof Collection<?>) {
      container(v, depth);
    } else {
      fail(Rule.VALUE_NOT_JSON, "is a " + v.getClass().getName() + ", which is not a JSON type.",
          "convert it to a String, Boolean, Number, List or Map<String, ?> first (an Instant to its epoch second, say).");
    }
  }

  private void container(Object v, int depth) throws IOException {
    if (depth > maxDepth) {
      if (!tooDeep) {
        tooDeep = true;
        add(Violation.of(root, Rule.TOO_DEEP, root + " nests maps and lists more than " + maxDepth + " deep.",
            "flatten the payload, or raise the depth limit."));
      }
      out.writeNull(); // keeps the generator consistent; the text is discarded
      return;
    }
    if (!open.add(v)) {
      fail(Rule.VALUE_NOT_JSON, "refers back to a map or list that contains it (a cycle).",
          "pass a tree of maps and lists in which no container holds itself.");
      return;
    }
    if (v instanceof Map<?, ?> map) {
      out.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (e.getKey() instanceof String name) {
          out.writeFieldName(name);
          path.add(name);
          value(e.getValue(), depth + 1);
          path.remove(path.size() - 1);
        } else {
          String field = pathName();
          add(Violation.of(field, Rule.CLAIM_NAME_INVALID, field + " has a member name that is "
                  + (e.getKey() == null ? "null" : "a " + e.getKey().getClass().getName()) + ", not a String.",
              "use String keys: JSON member names are strings."));
        }
      }
      out.writeEndObject();
    } else {
      out.writeStartArray();
      int i = 0;
      for (Object item : (Collection<?>) v) {
        path.add(i++);
        value(item, depth + 1);
        path.remove(path.size() - 1);
      }
      out.writeEndArray();
    }
    open.remove(v);
  }

  /** Records a violation at the current path and writes null in place of the value; the text is discarded. */
  private void fail(Rule rule, String what, String fix) throws IOException {
    String field = pathName();
    add(Violation.of(field, rule, field + " " + what, fix));
    out.writeNull();
  }

  private void add(Violation v) {
    if (violations.size() < MAX_VIOLATIONS) {
      violations.add(v);
    }
  }

  /** {@code payload.data_points.phone} or {@code payload.items[2]}: names and indexes, never values. */
  private String pathName() {
    StringBuilder b = new StringBuilder(root);
    for (Object segment : path) {
      if (segment instanceof Integer i) {
        b.append('[').append(i).append(']');
      } else {
        b.append('.').append(segment);
      }
    }
    return b.toString();
  }
}
