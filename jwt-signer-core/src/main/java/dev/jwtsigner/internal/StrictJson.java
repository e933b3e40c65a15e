package dev.jwtsigner.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TokenRejectedException;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import java.io.CharConversionException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Reads exactly one strict JSON object (RFC 8259, no extensions) with Jackson's streaming parser:
 * duplicate member names, trailing text, lone surrogates, invalid UTF-8, a byte order mark (RFC 8259
 * section 8.1: senders must not add one), numbers a JavaScript or Python consumer would not read as the same
 * value ({@link #isPortable(long)}), too many bytes and too deep nesting are refused with a
 * {@link TokenRejectedException} whose single violation names the rule. These are the strict-JSON-text rules
 * of both platforms, for builders and verifiers alike; messages give a position, never content.
 *
 * <pre>{@code
 * Map<String, Object> claims = StrictJson.create(65_536, 100).parseObject(json, "payload", Reason.PAYLOAD_REJECTED);
 * }</pre>
 *
 * <p>Objects become unmodifiable insertion-ordered maps, arrays unmodifiable lists, integers {@code Long},
 * fractions {@code Double}.
 */
public final class StrictJson {

  /** The default nesting limit. */
  public static final int DEFAULT_MAX_DEPTH = 100;
  /** The largest nesting limit that may be configured. */
  public static final int MAX_DEPTH_LIMIT = 1_000;

  /** The largest integer every JSON consumer reads exactly: JavaScript's {@code Number.MAX_SAFE_INTEGER}, 2^53 − 1. */
  public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private static final String DUPLICATE_FIX =
      "give each member of an object a distinct name; platforms disagree on which duplicate wins.";

  private final int maxBytes;
  private final int maxDepth;
  /**
   * [0] reads without Jackson's duplicate detection: this reader's own maps notice a repeated member name.
   * [1] has Jackson's duplicate detection, which says where a name repeats: read again on any refusal. Each
   * is made on first use (a benign race), since a builder given no JSON text never reads any, and making a
   * factory costs a short process tens of milliseconds of class loading.
   */
  private final AtomicReferenceArray<JsonFactory> factories = new AtomicReferenceArray<>(2);

  private StrictJson(int maxBytes, int maxDepth) {
    this.maxBytes = maxBytes;
    this.maxDepth = maxDepth;
  }

  private JsonFactory factory(boolean reporting) {
    JsonFactory made = factories.get(reporting ? 1 : 0);
    if (made == null) {
      made = factory(maxBytes, maxDepth, reporting);
      factories.set(reporting ? 1 : 0, made);
    }
    return made;
  }

  private static JsonFactory factory(int maxBytes, int maxDepth, boolean detectDuplicates) {
    return JsonFactory.builder()
        .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, detectDuplicates)
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(maxDepth)
            .maxStringLength(Math.max(maxBytes, 1))
            .build())
        .build();
  }

  /** A reader for objects of at most {@code maxBytes} UTF-8 bytes nested at most {@code maxDepth} deep. */
  public static StrictJson create(int maxBytes, int maxDepth) {
    if (maxBytes < 2 || maxDepth < 1 || maxDepth > MAX_DEPTH_LIMIT) {
      throw new dev.jwtsigner.JwtSignerException(Reason.INVALID_ARGUMENT, "maxBytes is " + maxBytes + " and maxDepth "
          + maxDepth + ". Fix: pass maxBytes of 2 or more and maxDepth from 1 to " + MAX_DEPTH_LIMIT + ".");
    }
    return new StrictJson(maxBytes, maxDepth);
  }

  /** The limit in UTF-8 bytes. */
  public int maxBytes() {
    return maxBytes;
  }

  /** The nesting limit. */
  public int maxDepth() {
    return maxDepth;
  }

  /**
   * The UTF-8 encoding of {@code json}, refusing lone surrogates and more than {@link #maxBytes()} bytes.
   *
   * @param field names the part in violations ({@code "payload"})
   */
  public byte[] encode(String json, String field, Reason reason) {
    if (json == null) {
      throw reject(reason, field, Rule.NOT_A_JSON_OBJECT, field + " is null.", "pass a JSON object such as {\"data_points\":{}}.");
    }
    // quick bound: each char needs at least one byte
    if (json.length() > maxBytes) {
      throw tooLarge(reason, field, json.length() + "+");
    }
    ByteBuffer bytes;
    try {
      bytes = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(json));
    } catch (CharacterCodingException e) {
      throw reject(reason, field, Rule.INVALID_UNICODE, field + " contains a lone UTF-16 surrogate, which has no UTF-8 encoding.",
          "send well-formed Unicode text; pair every high surrogate with a low one.");
    }
    byte[] out = new byte[bytes.remaining()];
    bytes.get(out);
    return out;
  }

  /** Parses {@code json} as one strict JSON object. */
  public Map<String, Object> parseObject(String json, String field, Reason reason) {
    return parseObject(encode(json, field, reason), field, reason);
  }

  /** Parses UTF-8 {@code utf8} as one strict JSON object. */
  public Map<String, Object> parseObject(byte[] utf8, String field, Reason reason) {
    if (utf8 == null) {
      throw reject(reason, field, Rule.NOT_A_JSON_OBJECT, field + " is null.", "pass a JSON object.");
    }
    if (utf8.length > maxBytes) {
      throw tooLarge(reason, field, String.valueOf(utf8.length));
    }
    if (!isValidUtf8(utf8)) {
      throw reject(reason, field, Rule.INVALID_UNICODE, field + " is not valid UTF-8.", "encode the JSON text as UTF-8.");
    }
    if (utf8.length >= 3 && utf8[0] == (byte) 0xEF && utf8[1] == (byte) 0xBB && utf8[2] == (byte) 0xBF) {
      throw reject(reason, field, Rule.JSON_MALFORMED, field + " starts with a byte order mark, which RFC 8259"
          + " forbids a sender to add.", "send the JSON text without a byte order mark (U+FEFF) in front.");
    }
    // Jackson takes a NUL among the first four bytes for UTF-16 or UTF-32 and reads "\0\0\0{\0\0\0}" as {}; in
    // UTF-8 JSON a NUL byte is never allowed, so it is refused where it stands
    for (int i = 0; i < Math.min(4, utf8.length); i++) {
      if (utf8[i] == 0) {
        throw reject(reason, field, Rule.JSON_MALFORMED, field + " is not strict JSON at line 1, column " + (i + 1) + ".",
            "send RFC 8259 JSON in UTF-8: no NUL bytes, no UTF-16 or UTF-32.");
      }
    }
    // valid UTF-8 encodes no lone surrogate, so only an escape (a backslash, u, four hex digits) can make one
    boolean escapes = contains(utf8, (byte) '\\');
    try {
      return read(factory(false), utf8, field, reason, escapes);
    } catch (TokenRejectedException refused) {
      // Read again with Jackson's duplicate detection, which stops at the first repeated name and gives its
      // position; every other refusal comes out the same from either reading.
      return read(factory(true), utf8, field, reason, escapes);
    }
  }

  private Map<String, Object> read(JsonFactory factory, byte[] utf8, String field, Reason reason, boolean escapes) {
    try (JsonParser p = factory.createParser(utf8)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw reject(reason, field, Rule.NOT_A_JSON_OBJECT,
            field + " is " + describe(first) + ", not a JSON object.",
            "send one JSON object, such as {\"data_points\":{...}}.");
      }
      Map<String, Object> value = readObject(p, field, reason, escapes);
      if (p.nextToken() != null) {
        throw reject(reason, field, Rule.JSON_MALFORMED,
            field + " has more JSON after its object" + at(p.currentLocation()) + ".",
            "send exactly one JSON object, with nothing after its closing brace.");
      }
      return value;
    } catch (StreamConstraintsException e) {
      if (e.getMessage() != null && e.getMessage().contains("depth")) {
        throw reject(reason, tooDeep(field, maxDepth));
      }
      throw tooLarge(reason, field, "too many");
    } catch (JsonProcessingException e) {
      String msg = String.valueOf(e.getOriginalMessage());
      if (msg.startsWith("Duplicate field")) {
        throw reject(reason, field, Rule.DUPLICATE_MEMBER,
            field + " has a member name twice in one object" + at(e.getLocation()) + ".", DUPLICATE_FIX);
      }
      if (msg.contains("UTF-8") || msg.contains("surrogate")) {
        throw reject(reason, field, Rule.INVALID_UNICODE,
            field + " has invalid Unicode" + at(e.getLocation()) + ".", "send well-formed UTF-8 JSON.");
      }
      throw reject(reason, field, Rule.JSON_MALFORMED,
          field + " is not strict JSON" + at(e.getLocation()) + ".",
          "send RFC 8259 JSON: quoted member names, double quotes, no comments, no trailing commas, no NaN.");
    } catch (CharConversionException e) {
      throw reject(reason, field, Rule.INVALID_UNICODE, field + " is not valid UTF-8.", "encode the JSON text as UTF-8.");
    } catch (IOException e) {
      throw reject(reason, field, Rule.JSON_MALFORMED, field + " could not be read as JSON.", "send one strict JSON object.");
    }
  }

  /** Reads an object's members; {@code escapes}: the text has a backslash, so a string may hold a lone surrogate. */
  private Map<String, Object> readObject(JsonParser p, String field, Reason reason, boolean escapes) throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      if (escapes) {
        requireWellFormed(name, field, reason, p);
      }
      p.nextToken();
      int size = map.size();
      map.put(name, readValue(p, field, reason, escapes));
      if (map.size() == size) { // without Jackson's detection (the first reading), a repeated name shows here
        throw reject(reason, field, Rule.DUPLICATE_MEMBER, field + " has a member name twice in one object.",
            DUPLICATE_FIX);
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw reject(reason, field, Rule.JSON_MALFORMED, field + " has an unterminated object.", "close every object.");
    }
    return Collections.unmodifiableMap(map);
  }

  private Object readValue(JsonParser p, String field, Reason reason, boolean escapes) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw reject(reason, field, Rule.JSON_MALFORMED, field + " ends in the middle of a value.", "send complete JSON.");
    }
    switch (t) {
      case START_OBJECT:
        return readObject(p, field, reason, escapes);
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(readValue(p, field, reason, escapes));
        }
        return Collections.unmodifiableList(list);
      }
      case VALUE_STRING: {
        String s = p.getText();
        if (escapes) {
          requireWellFormed(s, field, reason, p);
        }
        return s;
      }
      case VALUE_NUMBER_INT: {
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || !isPortable(p.getLongValue())) {
          throw reject(reason, notPortable(field, at(p.currentLocation())));
        }
        return p.getLongValue();
      }
      case VALUE_NUMBER_FLOAT: {
        // the double every consumer reads (Infinity beyond the range); not via BigDecimal, whose exponent is an
        // int, so that "1e100000000000" would throw NumberFormatException instead of breaking a rule
        double d = p.getDoubleValue();
        if (!Double.isFinite(d)) {
          throw reject(reason, notPortable(field, at(p.currentLocation())));
        }
        return d;
      }
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw reject(reason, field, Rule.JSON_MALFORMED, field + " has an unexpected " + t + at(p.currentLocation()) + ".",
            "send one strict JSON object.");
    }
  }

  /** Escapes such as {@code "\ud800"} decode to lone surrogates, which no UTF-8 encoder can write back. */
  private static void requireWellFormed(String s, String field, Reason reason, JsonParser p) {
    if (!Text.isWellFormed(s)) {
      throw reject(reason, field, Rule.INVALID_UNICODE,
          field + " has an escaped lone UTF-16 surrogate" + at(p.currentLocation()) + ".",
          "escape characters outside the BMP as a surrogate pair, or send them as UTF-8.");
    }
  }

  private static boolean isValidUtf8(byte[] bytes) {
    return Utf8.isValid(bytes);
  }

  private static boolean contains(byte[] bytes, byte b) {
    for (byte x : bytes) {
      if (x == b) {
        return true;
      }
    }
    return false;
  }

  private TokenRejectedException tooLarge(Reason reason, String field, String actual) {
    return reject(reason, tooLarge(field, actual, maxBytes));
  }

  /** Whether every JSON consumer (JavaScript's doubles, Python's ints) reads the integer {@code n} as itself. */
  public static boolean isPortable(long n) {
    return n >= -MAX_SAFE_INTEGER && n <= MAX_SAFE_INTEGER;
  }

  /** Whether every JSON consumer reads {@code n} as the same value: a finite double, or a portable integer. */
  public static boolean isPortable(Number n) {
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return isPortable(n.longValue());
    }
    if (n instanceof BigInteger b) {
      return isSafe(b);
    }
    if (n instanceof BigDecimal b) { // scale 0 is written as an integer, any other with a point or an exponent
      return b.scale() == 0 ? isSafe(b.unscaledValue()) : Double.isFinite(b.doubleValue());
    }
    return Double.isFinite(n.doubleValue());
  }

  private static boolean isSafe(BigInteger b) {
    return b.abs().compareTo(BigInteger.valueOf(MAX_SAFE_INTEGER)) <= 0;
  }

  /** The violation of a number that consumers would read differently: the same wording on both sides. */
  public static Violation notPortable(String field, String where) {
    return Violation.of(field, Rule.VALUE_NOT_JSON, field + " has a number" + where + " that JavaScript and Python"
        + " consumers would not read as the same value (an integer beyond ±(2^53 − 1), or beyond the double range).",
        "send large integers and exact decimals as JSON strings, and only finite numbers.");
  }

  /** The size violation: the same wording for a builder and a verifier. */
  public static Violation tooLarge(String field, String actual, int maxBytes) {
    return Violation.of(field, Rule.TOO_LARGE, field + " has " + actual + " UTF-8 bytes; the limit is " + maxBytes + ".",
        "send a smaller body, or raise the size limit.");
  }

  /** The nesting violation: the same wording for a builder and a verifier. */
  public static Violation tooDeep(String field, int maxDepth) {
    return Violation.of(field, Rule.TOO_DEEP, field + " nests objects and arrays more than " + maxDepth + " deep.",
        "flatten the JSON, or raise the depth limit.");
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "empty";
    }
    switch (t) {
      case START_ARRAY: return "a JSON array";
      case VALUE_STRING: return "a JSON string";
      case VALUE_NUMBER_INT: case VALUE_NUMBER_FLOAT: return "a JSON number";
      case VALUE_TRUE: case VALUE_FALSE: return "a JSON boolean";
      case VALUE_NULL: return "JSON null";
      default: return "not JSON";
    }
  }

  private static String at(JsonLocation loc) {
    if (loc == null || loc.getLineNr() < 1) {
      return "";
    }
    return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  private static TokenRejectedException reject(Reason reason, String field, Rule rule, String message, String fix) {
    return reject(reason, Violation.of(field, rule, message, fix));
  }

  private static TokenRejectedException reject(Reason reason, Violation v) {
    return new TokenRejectedException(reason, v.field() + " was refused.", List.of(v));
  }
}
