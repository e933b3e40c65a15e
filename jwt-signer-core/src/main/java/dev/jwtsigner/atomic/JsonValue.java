package dev.jwtsigner.atomic;

import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.internal.JsonWriter;
import dev.jwtsigner.internal.Text;
import dev.jwtsigner.internal.rules.AtomicRules;
import java.util.List;

/**
 * One claim value rendered to JSON text by {@link JsonWriter} when it is set, so that signing only
 * concatenates; or, when the value has no JSON form, the problems why (which never contain the value).
 */
final class JsonValue {

  /**
   * Lists and maps nested deeper than this inside a claim are refused: with the claims object around them,
   * the claims then nest {@link AtomicRules#MAX_DEPTH} deep, the verifier's limit.
   */
  static final int MAX_DEPTH = AtomicRules.MAX_DEPTH - 1;

  private static final List<JsonWriter.Problem> LONE_SURROGATE = List.of(new JsonWriter.Problem("",
      Rule.INVALID_UNICODE, "contains a lone UTF-16 surrogate, which has no UTF-8 encoding.",
      "pass well-formed Unicode text."));

  private final String json;
  private final List<JsonWriter.Problem> problems;
  private final boolean writtenTwice;

  private JsonValue(String json, List<JsonWriter.Problem> problems, boolean writtenTwice) {
    this.json = json;
    this.problems = problems;
    this.writtenTwice = writtenTwice;
  }

  /** The JSON text, or null when {@link #problems()} says why there is none. */
  String json() {
    return json;
  }

  /** Why the value has no JSON form, each at its path inside the value; empty when it has one. */
  List<JsonWriter.Problem> problems() {
    return problems;
  }

  /** This value, marked as set under a name that already had one ({@code claim("x", 1).claim("x", 2)}). */
  JsonValue asWrittenTwice() {
    return new JsonValue(json, problems, true);
  }

  /** Whether the claim was set again while it held a value: the builder refuses it, as README promises. */
  boolean writtenTwice() {
    return writtenTwice;
  }

  /** A JSON string. */
  static JsonValue ofString(String s) {
    if (!Text.isWellFormed(s)) {
      return new JsonValue(null, LONE_SURROGATE, false);
    }
    StringBuilder sb = new StringBuilder(s.length() + 2);
    JsonWriter.appendQuoted(sb, s);
    return new JsonValue(sb.toString(), List.of(), false);
  }

  /** Any value {@link JsonWriter} writes. */
  static JsonValue of(Object value) {
    JsonWriter.Result r = JsonWriter.write(value, MAX_DEPTH);
    return new JsonValue(r.json(), r.problems(), false);
  }

  /** Appends {@code s} as a quoted JSON string; the caller has checked that it is well-formed. */
  static void appendQuoted(StringBuilder sb, String s) {
    JsonWriter.appendQuoted(sb, s);
  }
}
