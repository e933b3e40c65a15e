package dev.jwtsigner.internal;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TokenRejectedException;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
  static final int ES512_SIGNATURE_BYTES = KeySelection.ES512_SIGNATURE_BYTES;

  private static final StrictJson HEADER_JSON = StrictJson.create(HEADER_MAX_BYTES, HEADER_MAX_DEPTH);
  private static final Reason REASON = Reason.TOKEN_NOT_ACCEPTED;

  private final Set<JwsAlgorithm> allowed;
  private final StrictJson claimsJson;
  private final int maxTokenChars;
  /** The last header read, which one signer's tokens share; its rules are still checked for every token. */
  private final HeaderMemory headers = new HeaderMemory();

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
          "token could not be decoded (" + e.getClass().getSimpleName() + ").", FIX_COMPACT)), false, false);
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
    return KeySelection.verifySuitable(alg, key, signingInput, signingInput.length, signature);
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
    private boolean headerDecoded;
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
      return new DecodedJws(signatureValid, header, claims, algorithm, keyId, violations, headerDecoded, claimsDecoded);
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
      Map<String, Object> knownHeader = headers.lookup(bytes, firstDot);
      byte[] headerBytes = knownHeader == null ? decodePart(0, firstDot, "header") : null;
      byte[] payloadBytes = decodePart(firstDot + 1, secondDot, "claims");
      byte[] signature = decodePart(secondDot + 1, token.length(), "signature");
      if (signature != null && signature.length == 0) {
        add("signature", Rule.SIGNATURE_INVALID, "the signature part is empty: the token is unsigned.",
            "sign the token with " + allowedNames() + "; unsigned tokens are never accepted.");
      }
      if (knownHeader != null) {
        header = knownHeader;
        headerDecoded = true;
        checkHeader();
      } else if (headerBytes != null) {
        header = parse(HEADER_JSON, headerBytes, "header");
        if (header != null) {
          headerDecoded = true;
          if (bytes != null) {
            headers.remember(bytes, firstDot, header);
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

    private void checkHeader() {
      HeaderRules.Header h = HeaderRules.check(header, allowed, violations);
      algorithm = h.algorithm();
      keyId = h.keyId();
    }

    private boolean verify(byte[] signature) {
      return new KeySelection(keys, keyId, algorithm).verify(bytes, secondDot, signature, violations);
    }

    private Map<String, Object> parse(StrictJson json, byte[] utf8, String field) {
      try {
        return json.parseObject(utf8, field, REASON);
      } catch (TokenRejectedException e) {
        violations.addAll(e.violations());
        return null;
      }
    }

    /** The bytes of the strict, canonical base64url part {@code token[start, end)}, or null after adding a violation. */
    private byte[] decodePart(int start, int end, String field) {
      byte[] decoded = Base64Url.decode(token, bytes, start, end);
      return decoded != null ? decoded : refusePart(field, Base64Url.problem(token.substring(start, end)));
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

  private String allowedNames() {
    return HeaderRules.names(allowed);
  }
}
