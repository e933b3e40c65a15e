package dev.jwtsigner;

import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.Optional;

/**
 * The JWS algorithms that the supported platforms accept: {@code RS256}, {@code RS512} and {@code ES512}
 * (ECDSA on P-521 with SHA-512).
 *
 * <pre>{@code
 * JwsAlgorithm alg = JwsAlgorithm.forKey(keySource.signingKey().privateKey()); // RS256 for RSA, ES512 for P-521
 * }</pre>
 */
public enum JwsAlgorithm {
  /** RSASSA-PKCS1-v1_5 with SHA-256. */
  RS256("SHA256withRSA", "RSA"),
  /** RSASSA-PKCS1-v1_5 with SHA-512. */
  RS512("SHA512withRSA", "RSA"),
  /** ECDSA on curve P-521 with SHA-512, signature as r‖s (66 + 66 bytes). */
  ES512("SHA512withECDSA", "EC");

  private final String jcaName;
  private final String keyAlgorithm;

  JwsAlgorithm(String jcaName, String keyAlgorithm) {
    this.jcaName = jcaName;
    this.keyAlgorithm = keyAlgorithm;
  }

  /** The JCA {@code Signature} algorithm name, such as {@code SHA256withRSA}. */
  public String jcaName() {
    return jcaName;
  }

  /** The JCA key algorithm this JWS algorithm needs: {@code RSA} or {@code EC}. */
  public String keyAlgorithm() {
    return keyAlgorithm;
  }

  /** Whether a key of this type can produce or check this algorithm's signatures (type only, not size). */
  public boolean fits(Key key) {
    if (key == null) {
      return false;
    }
    if (this == ES512) {
      return key instanceof ECKey || "EC".equals(key.getAlgorithm());
    }
    return key instanceof RSAKey || "RSA".equals(key.getAlgorithm());
  }

  /** The algorithm a key signs with by default: {@code RS256} for RSA, {@code ES512} for EC (P-521). */
  public static JwsAlgorithm forKey(Key key) {
    return ES512.fits(key) ? ES512 : RS256;
  }

  /** The algorithm with this JOSE name ({@code "RS256"}), or empty for any other name, {@code none} included. */
  public static Optional<JwsAlgorithm> fromJoseName(String name) {
    for (JwsAlgorithm a : values()) {
      if (a.name().equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
