package dev.jwtsigner.internal;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link JwsDecoder} found in a compact JWS: the decoded header and claims, whether a trusted key
 * verified the signature, and every structural, header, signature and claims-shape problem. Immutable.
 *
 * <pre>{@code
 * DecodedJws jws = decoder.decode(token, keys);
 * if (jws.signatureValid() && jws.violations().isEmpty()) {
 *   Object sub = jws.claims().get("sub");
 * }
 * }</pre>
 *
 * <p>A token is sound only when {@link #violations()} is empty; {@link #signatureValid()} alone says
 * nothing about the claims. {@link #toString()} never shows header or claim values.
 */
public final class DecodedJws {

  private final boolean signatureValid;
  private final Map<String, Object> header;
  private final Map<String, Object> claims;
  private final JwsAlgorithm algorithm;
  private final String keyId;
  private final List<Violation> violations;
  private final boolean headerDecoded;
  private final boolean claimsDecoded;

  DecodedJws(boolean signatureValid, Map<String, Object> header, Map<String, Object> claims,
      JwsAlgorithm algorithm, String keyId, List<Violation> violations, boolean headerDecoded, boolean claimsDecoded) {
    this.headerDecoded = headerDecoded;
    this.claimsDecoded = claimsDecoded;
    this.signatureValid = signatureValid;
    this.header = header == null ? Map.of() : header;
    this.claims = claims == null ? Map.of() : claims;
    this.algorithm = algorithm;
    this.keyId = keyId;
    this.violations = List.copyOf(violations);
  }

  /** True only if the header was sound, its algorithm allowed, and a trusted key verified the signature. */
  public boolean signatureValid() {
    return signatureValid;
  }

  /** The decoded header object (immutable, nested values too), or empty when it could not be decoded. */
  public Map<String, Object> header() {
    return header;
  }

  /**
   * The decoded payload object (immutable, nested values too), or empty when it could not be decoded or is not
   * an object.
   */
  public Map<String, Object> claims() {
    return claims;
  }

  /** Whether the header was read as one strict JSON object (its rules may still have failed). */
  public boolean headerDecoded() {
    return headerDecoded;
  }

  /**
   * Whether the payload was read as one strict JSON object, so that claim rules can run on {@link #claims()};
   * false when the token's structure or its claims text was refused.
   */
  public boolean claimsDecoded() {
    return claimsDecoded;
  }

  /** The header's {@code alg}, if it names one of {@link JwsAlgorithm}'s (allowed here or not). */
  public Optional<JwsAlgorithm> algorithm() {
    return Optional.ofNullable(algorithm);
  }

  /** The header's {@code kid}, if it is a string. */
  public Optional<String> keyId() {
    return Optional.ofNullable(keyId);
  }

  /** Every problem found, in the order checked (token, header, key, signature, claims); empty if none. */
  public List<Violation> violations() {
    return violations;
  }

  /** {@code DecodedJws[alg=RS256, kid present, signature valid, 0 violations]}: no header or claim values. */
  @Override
  public String toString() {
    return "DecodedJws[alg=" + (algorithm == null ? "unknown" : algorithm)
        + (keyId == null ? ", no kid" : ", kid present")
        + (signatureValid ? ", signature valid" : ", signature not verified")
        + ", " + violations.size() + (violations.size() == 1 ? " violation]" : " violations]");
  }
}
