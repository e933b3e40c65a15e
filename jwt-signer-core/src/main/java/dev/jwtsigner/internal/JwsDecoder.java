package dev.jwtsigner.internal;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JWSAlgorithm;
import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TokenRejectedException;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A strict decoder and verifier for compact JWS tokens, the one code path behind the test kit's verifiers.
 * It refuses, as a {@link Violation} each, everything a careful platform refuses: any serialization but
 * the compact one, non-canonical base64url, a header that is not one strict JSON object, an algorithm
 * outside the whitelist ({@code none}, {@code HS256} and the HMAC-with-public-key confusion included:
 * such a token is never checked with any key), a {@code crit} header, an unknown {@code kid}, an
 * algorithm that does not fit the key, a bad signature (ECDSA {@code r} or {@code s} outside
 * {@code [1, n-1]} included), and claims that are not one strict JSON object. Keys embedded in the header
 * ({@code jwk}, {@code jku}, {@code x5c}, {@code x5u}) are never used.
 *
 * <pre>{@code
 * JwsDecoder decoder = JwsDecoder.create(EnumSet.of(JwsAlgorithm.RS256), StrictJson.create(65_536, 100));
 * DecodedJws jws = decoder.decode(token, List.of(TrustedKey.of("key_1", publicKey)));
 * boolean ok = jws.signatureValid() && jws.violations().isEmpty();
 * }</pre>
 *
 * <p>Thread-safe, and its settings never change; it remembers only the last header it read (one signer's
 * tokens share theirs), which it checks again for every token. Violation messages give positions, sizes
 * and this decoder's own settings, never token content or key material.
 */
public final class JwsDecoder {

  /** The largest header, in UTF-8 bytes. */
  static final int HEADER_MAX_BYTES = 8_192;
  /** The deepest nesting a header may have (an embedded JWK or certificate chain is 2 deep). */
  static final int HEADER_MAX_DEPTH = 10;
  /** An ES512 signature is r‖s, 66 bytes each (RFC 7518 section 3.4). */
  static final int ES512_SIGNATURE_BYTES = 132;

  private static final StrictJson HEADER_JSON = StrictJson.create(HEADER_MAX_BYTES, HEADER_MAX_DEPTH);
  private static final Reason REASON = Reason.TOKEN_NOT_ACCEPTED;
  /** JOSE algorithm names registered for JWS: these, and only these, are safe to repeat in a message. */
  private static final Set<String> REGISTERED_NAMES = registeredNames();

  private final Set<JwsAlgorithm> allowed;
  private final StrictJson claimsJson;
  private final int maxTokenChars;
  /**
   * The last header this decoder read as one strict JSON object, kept because one signer's tokens share their
   * header: the same base64url text always reads to the same (immutable) map. Checked again for every token.
   */
  private volatile KnownHeader lastHeader;

  private JwsDecoder(Set<JwsAlgorithm> allowed, StrictJson claimsJson) {
    this.allowed = Collections.unmodifiableSet(EnumSet.copyOf(allowed));
    this.claimsJson = claimsJson;
    // base64url grows text by 4/3; 4x the two JSON limits leaves room for the signature
    this.maxTokenChars = (int) Math.min(Integer.MAX_VALUE - 8L, 4L * (claimsJson.maxBytes() + HEADER_MAX_BYTES));
  }

  /**
   * A decoder that accepts only {@code allowed} algorithms and reads the payload with {@code claimsJson}.
   *
   * @throws JwtSignerException with {@link Reason#INVALID_ARGUMENT} if {@code allowed} is null or empty or
   *     {@code claimsJson} is null
   */
  public static JwsDecoder create(Set<JwsAlgorithm> allowed, StrictJson claimsJson) {
    if (allowed == null || allowed.isEmpty() || allowed.contains(null)) {
      throw new JwtSignerException(Reason.INVALID_ARGUMENT,
          "allowed algorithms are " + (allowed == null ? "null" : allowed.isEmpty() ? "empty" : "holding null")
              + ". Fix: pass the algorithms the platform accepts, such as EnumSet.of(JwsAlgorithm.RS256).");
    }
    if (claimsJson == null) {
      throw new JwtSignerException(Reason.INVALID_ARGUMENT,
          "claimsJson is null. Fix: pass StrictJson.create(maxBytes, maxDepth) with the platform's payload limits.");
    }
    return new JwsDecoder(allowed, claimsJson);
  }

  /** The algorithms this decoder accepts. */
  public Set<JwsAlgorithm> allowed() {
    return allowed;
  }

  /** The longest token, in characters, that is decoded at all; longer ones are refused as {@code TOO_LARGE}. */
  public int maxTokenChars() {
    return maxTokenChars;
  }

  /**
   * Decodes {@code token} and checks its signature with {@code keys}. Never throws, whatever the input
   * ({@code null} included); every problem is a violation of the result.
   *
   * @param keys the keys to try, chosen by the token's {@code kid}; null or empty means none is trusted
   */
  public DecodedJws decode(String token, List<TrustedKey> keys) {
    try {
      return new Decoding(token, keys == null ? List.of() : keys).run();
    } catch (RuntimeException e) {
      return new DecodedJws(false, Map.of(), Map.of(), null, null, List.of(Violation.of("token", Rule.TOKEN_MALFORMED,
          "token could not be decoded (" + e.getClass().getSimpleName() + ").", FIX_COMPACT)), false);
    }
  }

  /**
   * Verifies {@code signature} over {@code signingInput} with {@code key} under {@code alg}: the same
   * routine {@link #decode} uses, exposed for conformance tests on raw signatures. False, never an
   * exception, for anything that does not verify: a key that does not suit the algorithm (RSA below 2048
   * bits, EC off P-521), an RSA signature not exactly the modulus length, an ES512 signature not exactly
   * 132 bytes or with {@code r} or {@code s} outside {@code [1, n-1]} (CVE-2022-21449), whatever the provider does.
   */
  public static boolean verifySignature(JwsAlgorithm alg, TrustedKey key, byte[] signingInput, byte[] signature) {
    if (alg == null || key == null || signingInput == null || signature == null || !key.suits(alg)) {
      return false;
    }
    return verifySuitable(alg, key, signingInput, signingInput.length, signature);
  }

  /** {@link #verifySignature} for a key known to suit {@code alg}, over {@code signingInput[0, length)}. */
  private static boolean verifySuitable(JwsAlgorithm alg, TrustedKey key, byte[] signingInput, int length,
      byte[] signature) {
    if (alg == JwsAlgorithm.ES512 ? !inP521Range(signature) : !key.hasRsaSignatureLength(signature)) {
      return false;
    }
    return key.verifies(alg, signingInput, length, signature);
  }

  private static boolean inP521Range(byte[] signature) {
    if (signature.length != ES512_SIGNATURE_BYTES) {
      return false;
    }
    int half = ES512_SIGNATURE_BYTES / 2;
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, half));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, half, ES512_SIGNATURE_BYTES));
    return r.signum() > 0 && s.signum() > 0
        && r.compareTo(KeyRequirements.P521_ORDER) < 0 && s.compareTo(KeyRequirements.P521_ORDER) < 0;
  }

  /** A header's base64url text and the map it reads to. */
  private static final class KnownHeader {
    final byte[] base64url;
    final Map<String, Object> json;

    KnownHeader(byte[] base64url, Map<String, Object> json) {
      this.base64url = base64url;
      this.json = json;
    }
  }

  private static final String FIX_COMPACT =
      "send the compact JWS exactly as signed: three base64url parts joined by dots (header.payload.signature).";

  /** One decoding: collects violations in the order checked. */
  private final class Decoding {
    private final String token;
    private final List<TrustedKey> keys;
    private final List<Violation> violations = new ArrayList<>();
    private Map<String, Object> header = Map.of();
    private Map<String, Object> claims = Map.of();
    private boolean claimsDecoded;
    private JwsAlgorithm algorithm;
    private String keyId;
    /** Where the two dots are, once {@code structureIsCompact} found exactly two. */
    private int firstDot;
    private int secondDot;
    /**
     * The token's characters as bytes (ISO-8859-1, {@code ?} beyond it), made once, or null when they do not line
     * up with the characters: the parts decode from it, and the signature covers its first {@code secondDot} bytes.
     */
    private byte[] bytes;

    Decoding(String token, List<TrustedKey> keys) {
      this.token = token;
      this.keys = keys;
    }

    DecodedJws run() {
      boolean signatureValid = structureIsCompact() && decodeAndVerify();
      return new DecodedJws(signatureValid, header, claims, algorithm, keyId, violations, claimsDecoded);
    }

    /** Finds the two dots, and makes the token's bytes the parts decode from and the signature covers. */
    private boolean structureIsCompact() {
      if (token == null || token.isEmpty()) {
        add("token", Rule.TOKEN_MALFORMED, "token is " + (token == null ? "null" : "empty") + ".", FIX_COMPACT);
        return false;
      }
      int length = token.length();
      if (length > maxTokenChars) {
        add("token", Rule.TOO_LARGE, "token has " + length + " characters; the limit is " + maxTokenChars + ".",
            "keep the claims under " + claimsJson.maxBytes() + " UTF-8 bytes.");
        return false;
      }
      if (token.charAt(0) == '{') {
        add("token", Rule.TOKEN_MALFORMED,
            "token is in the JWS JSON serialization; only the compact serialization is accepted.", FIX_COMPACT);
        return false;
      }
      firstDot = token.indexOf('.');
      secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
      if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
        int parts = 1;
        for (int i = 0; i < length; i++) {
          if (token.charAt(i) == '.') {
            parts++;
          }
        }
        add("token", Rule.TOKEN_MALFORMED,
            "token has " + parts + (parts == 1 ? " part" : " parts") + " separated by '.'; a compact JWS has exactly 3.",
            FIX_COMPACT);
        return false;
      }
      // one byte per character ('?' beyond U+00FF), unless a surrogate pair made one '?' of two; a plain copy
      byte[] latin1 = token.getBytes(StandardCharsets.ISO_8859_1);
      bytes = latin1.length == length ? latin1 : null;
      return true;
    }

    private boolean decodeAndVerify() {
      Map<String, Object> knownHeader = knownHeader();
      byte[] headerBytes = knownHeader == null ? decodePart(0, firstDot, "header") : null;
      byte[] payloadBytes = decodePart(firstDot + 1, secondDot, "claims");
      byte[] signature = decodePart(secondDot + 1, token.length(), "signature");
      if (signature != null && signature.length == 0) {
        add("signature", Rule.SIGNATURE_INVALID, "the signature part is empty: the token is unsigned.",
            "sign the token with " + allowedNames() + "; unsigned tokens are never accepted.");
      }
      if (knownHeader != null) {
        header = knownHeader;
        checkHeader();
      } else if (headerBytes != null) {
        header = parse(HEADER_JSON, headerBytes, "header");
        if (header != null) {
          if (bytes != null) {
            lastHeader = new KnownHeader(Arrays.copyOf(bytes, firstDot), header);
          }
          checkHeader();
        }
      }
      // a claims problem does not stop the signature check; any problem before it does
      boolean verifiable = violations.isEmpty();
      if (payloadBytes != null) {
        claims = parse(claimsJson, payloadBytes, "claims");
        claimsDecoded = claims != null;
      }
      if (header == null) {
        header = Map.of();
      }
      if (claims == null) {
        claims = Map.of();
      }
      // no violation so far: every part decoded, so the token is ASCII base64url and dots, and bytes is set
      return verifiable && verify(signature);
    }

    /** The map of the header part when its text is that of the last header read, else null. */
    private Map<String, Object> knownHeader() {
      KnownHeader known = lastHeader;
      return known != null && bytes != null
          && Arrays.equals(bytes, 0, firstDot, known.base64url, 0, known.base64url.length) ? known.json : null;
    }

    private void checkHeader() {
      Object alg = header.get("alg");
      if (alg == null) {
        add("header.alg", Rule.HEADER_INVALID, "header has no alg" + (header.containsKey("alg") ? " (it is null)." : "."),
            "sign with " + allowedNames() + ", which writes alg into the header.");
      } else if (!(alg instanceof String name)) {
        add("header.alg", Rule.HEADER_INVALID, "header.alg is not a JSON string.",
            "set alg to the name of the algorithm, such as \"" + allowed.iterator().next() + "\".");
      } else {
        algorithm = JwsAlgorithm.fromJoseName(name).orElse(null);
        if (algorithm == null || !allowed.contains(algorithm)) {
          add("header.alg", Rule.ALGORITHM_NOT_ALLOWED,
              "header.alg " + (REGISTERED_NAMES.contains(name) ? "is " + name : "names no registered JWS algorithm")
                  + "; only " + allowedNames() + " " + (allowed.size() == 1 ? "is" : "are")
                  + " allowed, so the token is refused without checking its signature.",
              "sign with " + allowedNames() + "; the platform accepts no other algorithm.");
        }
      }
      if (header.containsKey("crit")) {
        add("header.crit", Rule.CRITICAL_HEADER_UNSUPPORTED,
            "header has crit: the token demands JWS extensions this verifier does not understand, so it must be"
                + " refused (RFC 7515 section 4.1.11).",
            "sign without a crit header; the platform understands no JWS extensions.");
      }
      if (header.containsKey("kid")) {
        Object kid = header.get("kid");
        if (kid instanceof String s && !s.isEmpty()) {
          keyId = s;
        } else {
          add("header.kid", Rule.HEADER_INVALID,
              "header.kid is " + (kid instanceof String ? "an empty string." : "not a JSON string."),
              "set kid to the id the public key is registered under, or leave it out.");
        }
      }
    }

    private boolean verify(byte[] signature) {
      boolean anyKey = false;
      boolean kidRegistered = false;
      for (TrustedKey key : keys) {
        if (key != null) {
          anyKey = true;
          kidRegistered |= keyId != null && keyId.equals(key.keyIdOrNull());
        }
      }
      if (!anyKey) {
        add("signature", Rule.SIGNATURE_INVALID, "no public key is trusted, so the signature cannot be checked.",
            "trust the public key that belongs to the signing key.");
        return false;
      }
      int candidates = 0;
      int fitting = 0;
      int suitable = 0;
      for (TrustedKey key : keys) {
        if (isCandidate(key, kidRegistered)) {
          candidates++;
          if (key.fits(algorithm)) {
            fitting++;
            if (key.suits(algorithm)) {
              suitable++;
            }
          }
        }
      }
      if (candidates == 0) {
        add("header.kid", Rule.KEY_ID_UNKNOWN,
            "the token's kid matches none of the trusted keys' kids (" + trustedKeyIds()
                + "), and no key without a kid is trusted.",
            "sign with kid set to the id the public key is registered under, or trust the key under that kid.");
        return false;
      }
      if (fitting == 0) {
        add("header.alg", Rule.ALGORITHM_KEY_MISMATCH,
            "the token is " + algorithm + ", which needs " + (algorithm == JwsAlgorithm.ES512 ? "an EC P-521" : "an RSA")
                + " key, but the trusted key for it is " + describe(candidates(kidRegistered, false, false)) + ".",
            "sign with the algorithm that fits the registered key (RS256 or RS512 for RSA, ES512 for EC P-521),"
                + " or trust the public key of the key that signed.");
        return false;
      }
      if (suitable == 0) {
        add("key", Rule.KEY_UNSUITABLE,
            "the trusted key for this " + algorithm + " token is " + describe(candidates(kidRegistered, true, false))
                + "; the platform needs "
                + (algorithm == JwsAlgorithm.ES512 ? "EC on P-521." : "RSA of at least " + TrustedKey.MIN_RSA_BITS + " bits."),
            algorithm == JwsAlgorithm.ES512
                ? "make a P-521 key with `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -out private.pem`."
                : "make a longer key with `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out private.pem`.");
        return false;
      }
      if (algorithm == JwsAlgorithm.ES512 && signature.length != ES512_SIGNATURE_BYTES) {
        add("signature", Rule.SIGNATURE_INVALID,
            "the ES512 signature has " + signature.length + " bytes; JWS requires exactly " + ES512_SIGNATURE_BYTES
                + " (r and s, 66 bytes each, RFC 7518 section 3.4).",
            "encode ES512 signatures as r‖s (IEEE P1363), not DER: sign with a JOSE library.");
        return false;
      }
      for (TrustedKey key : keys) {
        if (isCandidate(key, kidRegistered) && key.suits(algorithm)
            && verifySuitable(algorithm, key, bytes, secondDot, signature)) {
          return true;
        }
      }
      add("signature", Rule.SIGNATURE_INVALID,
          "the " + algorithm + " signature does not verify with the trusted key"
              + (suitable == 1 ? " (" : "s (") + describe(candidates(kidRegistered, true, true)) + ").",
          "sign with the private key that belongs to the trusted public key, and send the token unchanged.");
      return false;
    }

    /**
     * Whether the token's kid selects {@code key}: with no kid in the header, every key; with a kid some key
     * is registered under ({@code kidRegistered}), those keys; with any other kid, the keys without a kid.
     */
    private boolean isCandidate(TrustedKey key, boolean kidRegistered) {
      if (key == null) {
        return false;
      }
      if (keyId == null) {
        return true;
      }
      return kidRegistered ? keyId.equals(key.keyIdOrNull()) : key.keyIdOrNull() == null;
    }

    /** The candidate keys, in order, that also fit the algorithm and (if asked) suit it: for messages. */
    private List<TrustedKey> candidates(boolean kidRegistered, boolean fitting, boolean suitable) {
      List<TrustedKey> selected = new ArrayList<>();
      for (TrustedKey key : keys) {
        if (isCandidate(key, kidRegistered) && (!fitting || key.fits(algorithm)) && (!suitable || key.suits(algorithm))) {
          selected.add(key);
        }
      }
      return selected;
    }

    private String trustedKeyIds() {
      Set<String> ids = new LinkedHashSet<>();
      for (TrustedKey key : keys) {
        if (key != null) {
          ids.add(key.keyId().orElse("no kid"));
        }
      }
      return String.join(", ", ids);
    }

    private Map<String, Object> parse(StrictJson json, byte[] utf8, String field) {
      try {
        return json.parseObject(utf8, field, REASON);
      } catch (TokenRejectedException e) {
        violations.addAll(e.violations());
        return null;
      }
    }

    /**
     * The bytes of the strict, canonical base64url part {@code token[start, end)} (RFC 7515 section 2), or null
     * after adding a violation. The JDK's decoder refuses every character outside the alphabet but {@code =}
     * at the end, so a part it decodes, without {@code =} at the end and with no {@code lengthProblem},
     * is canonical; for any other the part is examined character by character to say what is wrong.
     */
    private byte[] decodePart(int start, int end, String field) {
      if (bytes != null && (start == end || bytes[end - 1] != '=')) {
        try {
          ByteBuffer decoded = Base64.getUrlDecoder().decode(ByteBuffer.wrap(bytes, start, end - start));
          String problem = lengthProblem(token, start, end);
          return problem == null ? bytesOf(decoded) : refusePart(field, problem);
        } catch (IllegalArgumentException notBase64Url) {
          // said precisely below
        }
      }
      String part = token.substring(start, end);
      String problem = base64UrlProblem(part);
      return problem == null ? Base64.getUrlDecoder().decode(part) : refusePart(field, problem);
    }

    private byte[] refusePart(String field, String problem) {
      add(field, Rule.TOKEN_MALFORMED, "the " + field + " part " + problem + ".",
          "encode each part as base64url without padding or whitespace (RFC 7515 section 2), as a JOSE library"
              + " does, and send the token unchanged.");
      return null;
    }

    private void add(String field, Rule rule, String message, String fix) {
      violations.add(Violation.of(field, rule, message, fix));
    }
  }

  /** Why {@code part} is not canonical unpadded base64url, or null if it is. */
  static String base64UrlProblem(String part) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (sextet(c) < 0) {
        String what = c == '=' ? "'=' padding" : Character.isWhitespace(c) ? "whitespace" : "a character outside A-Z a-z 0-9 - _";
        return "has " + what + " at character " + (i + 1);
      }
    }
    return lengthProblem(part, 0, part.length());
  }

  /**
   * For {@code text[start, end)} made of base64url characters only: why its length or its last character
   * makes it not canonical unpadded base64url (the JDK's decoder ignores the unused bits), or null if neither does.
   */
  private static String lengthProblem(String text, int start, int end) {
    int length = end - start;
    int rest = length % 4;
    if (rest == 1) {
      return "has " + length + " characters, a length no base64url text has (it is truncated or padded)";
    }
    if (rest != 0) {
      int unusedBitsMask = rest == 2 ? 0x0f : 0x03;
      if ((sextet(text.charAt(end - 1)) & unusedBitsMask) != 0) {
        return "has non-zero unused bits in its last character, so it is not the canonical encoding";
      }
    }
    return null;
  }

  /** The bytes of a buffer the JDK's decoder made: its own array, which it sizes exactly for unpadded input. */
  private static byte[] bytesOf(ByteBuffer decoded) {
    byte[] bytes = decoded.array();
    return decoded.arrayOffset() == 0 && decoded.limit() == bytes.length ? bytes : Arrays.copyOf(bytes, decoded.limit());
  }

  private static int sextet(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '-' ? 62 : c == '_' ? 63 : -1;
  }

  private String allowedNames() {
    List<String> names = allowed.stream().map(Enum::name).collect(Collectors.toList());
    return names.size() == 1 ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
  }

  private static String describe(List<TrustedKey> keys) {
    return keys.stream().map(k -> k.describeKey() + k.keyId().map(id -> " kid=" + id).orElse(""))
        .distinct().collect(Collectors.joining(", "));
  }

  private static Set<String> registeredNames() {
    Set<String> names = new HashSet<>();
    for (JWSAlgorithm.Family family : List.of(JWSAlgorithm.Family.HMAC_SHA, JWSAlgorithm.Family.SIGNATURE)) {
      family.forEach(a -> names.add(a.getName()));
    }
    names.add(Algorithm.NONE.getName());
    for (JwsAlgorithm a : JwsAlgorithm.values()) {
      names.add(a.name());
    }
    return Set.copyOf(names);
  }
}
