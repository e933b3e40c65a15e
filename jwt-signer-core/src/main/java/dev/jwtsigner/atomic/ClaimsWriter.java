package dev.jwtsigner.atomic;

import dev.jwtsigner.internal.Text;

/**
 * Writes the claims JSON of one Atomic token from values the rulebook has already checked: it checks
 * nothing itself, so signing is only concatenation.
 *
 * <pre>{@code
 * String json = new ClaimsWriter().string("sub", "u1").number("iat", iat).number("exp", exp).close();
 * }</pre>
 */
final class ClaimsWriter {

  private final StringBuilder json = new StringBuilder(160).append('{');

  /** {@code "name":"value"}. */
  ClaimsWriter string(String name, String value) {
    member(name);
    JsonValue.appendQuoted(json, value);
    return this;
  }

  /** {@code "name":"value"}, or {@code "name":null} for a null value. */
  ClaimsWriter stringOrNull(String name, String value) {
    return value == null ? raw(name, "null") : string(name, value);
  }

  /** {@code "name":123}. */
  ClaimsWriter number(String name, long value) {
    member(name);
    json.append(value);
    return this;
  }

  /** {@code "name":} followed by JSON text already rendered ({@link JsonValue#json()}). */
  ClaimsWriter raw(String name, String valueJson) {
    member(name);
    json.append(valueJson);
    return this;
  }

  /** The UTF-8 length of the claims written so far plus the closing brace. */
  int utf8Length() {
    return Text.utf8Length(json) + 1;
  }

  /** The claims object's text. */
  String close() {
    return json.append('}').toString();
  }

  private void member(String name) {
    if (json.length() > 1) {
      json.append(',');
    }
    JsonValue.appendQuoted(json, name);
    json.append(':');
  }
}
