package dev.jwtsigner.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonParseException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for the {@code --json} output and for the pretty-printed header and claims, on jackson-core's
 * streaming parser and generator alone (the data-binding layer would cost a short command about 360 more
 * classes to load). Values are maps, lists, strings, numbers, booleans and null; numbers read as
 * {@code Integer}, {@code Long} or {@code BigInteger}, and as {@code BigDecimal} when they have a fraction or
 * an exponent, so no digit is lost.
 *
 * <pre>{@code
 * Map<String, Object> claims = Json.parseObject("{\"sub\":\"u1\",\"exp\":1767225600}");
 * String text = Json.pretty(claims);   // {\n  "sub" : "u1",\n  "exp" : 1767225600\n}
 * }</pre>
 */
final class Json {

  private static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private Json() {}

  /** {@code value} as indented JSON. */
  static String pretty(Object value) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = FACTORY.createGenerator(text)) {
      out.useDefaultPrettyPrinter();
      write(out, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
  }

  private static void write(JsonGenerator out, Object value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else if (value instanceof Map<?, ?> map) {
      out.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.writeFieldName(String.valueOf(e.getKey()));
        write(out, e.getValue());
      }
      out.writeEndObject();
    } else if (value instanceof Collection<?> list) {
      out.writeStartArray();
      for (Object item : list) {
        write(out, item);
      }
      out.writeEndArray();
    } else if (value instanceof String s) {
      out.writeString(s);
    } else if (value instanceof Boolean b) {
      out.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      out.writeNumber(((Number) value).longValue());
    } else if (value instanceof BigInteger n) {
      out.writeNumber(n);
    } else if (value instanceof BigDecimal n) {
      out.writeNumber(n);
    } else if (value instanceof Double || value instanceof Float) {
      out.writeNumber(((Number) value).doubleValue());
    } else {
      throw new IllegalArgumentException("no JSON form for " + value.getClass().getSimpleName());
    }
  }

  /** Parses JSON text into maps, lists, strings, numbers and booleans; throws {@link JsonProcessingException}. */
  static Object parse(String text) throws JsonProcessingException {
    try (JsonParser in = FACTORY.createParser(text)) {
      JsonToken first = in.nextToken();
      if (first == null) {
        throw new JsonParseException(in, "no JSON value");
      }
      Object value = read(in, first);
      if (in.nextToken() != null) {
        throw new JsonParseException(in, "text after the JSON value");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String does not fail to read
    }
  }

  private static Object read(JsonParser in, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = in.nextToken(); t == JsonToken.FIELD_NAME; t = in.nextToken()) {
          String name = in.currentName();
          map.put(name, read(in, in.nextToken()));
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (JsonToken t = in.nextToken(); t != JsonToken.END_ARRAY; t = in.nextToken()) {
          list.add(read(in, t));
        }
        return list;
      }
      case VALUE_STRING -> {
        return in.getText();
      }
      case VALUE_NUMBER_INT -> {
        return in.getNumberValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return in.getDecimalValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new JsonParseException(in, "unexpected " + token);
    }
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
