package dev.jwtsigner.internal.rules;

import java.util.Map;

/** How rules name a decoded value's JSON type in a message, never the value itself. */
final class Json {

  private Json() {}

  /** {@code "a JSON string"}, {@code "JSON null"}...: safe to put in a message. */
  static String typeOf(Object value) {
    if (value == null) {
      return "JSON null";
    }
    if (value instanceof String) {
      return "a JSON string";
    }
    if (value instanceof Boolean) {
      return "a JSON boolean";
    }
    if (value instanceof Number) {
      return "a JSON number";
    }
    return value instanceof Map ? "a JSON object" : "a JSON array";
  }
}
