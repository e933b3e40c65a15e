package dev.jwtsigner.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON for the {@code --json} output and for the pretty-printed header and claims. */
final class Json {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  private Json() {}

  /** {@code value} as indented JSON. */
  static String pretty(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Parses JSON text into maps, lists, strings, numbers and booleans; throws {@link JsonProcessingException}. */
  static Object parse(String text) throws JsonProcessingException {
    return MAPPER.readValue(text, Object.class);
  }

  /** Parses a JSON object, or returns null when the text is not one. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> parseObject(String text) {
    try {
      Object value = parse(text);
      return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** A fresh ordered map, for building {@code --json} answers. */
  static Map<String, Object> object() {
    return new LinkedHashMap<>();
  }
}
