package dev.jwtsigner.keys;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import java.math.BigInteger;
import java.security.Key;
import java.security.PrivateKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECParameterSpec;

/** The rules every signing key must meet, checked once when a source is created. */
final class KeyChecks {

  static final int MIN_RSA_BITS = 2048;
  static final int P521_FIELD_BITS = 521;
  /** The order of P-521's base point (FIPS 186-4, D.1.2.5). */
  private static final BigInteger P521_ORDER = new BigInteger(
      "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
          + "a51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409", 16);

  static final String MAKE_RSA = "make one with `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out private.pem`"
      + " or `ssh-keygen -t rsa -b 4096 -m PEM -P \"\" -f jwtRS512.key`";
  static final String MAKE_P521 = "make one with `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -out private.pem`";

  private KeyChecks() {}

  /** Refuses a key no supported algorithm can sign with. */
  static PrivateKey requireUsable(PrivateKey key) {
    if (key == null) {
      throw new KeyRejectedException(Reason.INVALID_ARGUMENT,
          "privateKey is null. Fix: pass the PrivateKey to sign with.");
    }
    return requireSupported(key);
  }

  /**
   * Refuses a key (private or public) that RS256, RS512 and ES512 cannot use: RSA below 2048 bits, EC off
   * P-521, any other type. A key that hides its size or curve (an HSM's) passes.
   */
  static <K extends Key> K requireSupported(K key) {
    String alg = key.getAlgorithm();
    if (key instanceof RSAKey || "RSA".equalsIgnoreCase(alg)) {
      int bits = rsaBits(key);
      if (bits >= 0 && bits < MIN_RSA_BITS) {
        throw new KeyRejectedException(Reason.KEY_TOO_SHORT,
            "RSA key has " + bits + " bits; at least " + MIN_RSA_BITS
                + " are required (RFC 7518 section 3.3). Fix: " + MAKE_RSA + ".");
      }
      return key;
    }
    if (key instanceof ECKey || "EC".equalsIgnoreCase(alg)) {
      if (key instanceof ECKey ecKey && !isP521(ecKey.getParams())) {
        throw new KeyRejectedException(Reason.KEY_CURVE_UNSUPPORTED,
            "EC key is on a " + fieldBits(ecKey.getParams()) + "-bit curve; ES512 needs P-521 (secp521r1)."
                + " Fix: " + MAKE_P521 + ".");
      }
      return key;
    }
    throw new KeyRejectedException(Reason.KEY_TYPE_UNSUPPORTED,
        "a key of type " + typeName(key) + " cannot sign RS256, RS512 or ES512; only RSA (2048 bits or more) and EC P-521 keys can."
            + " Fix: " + MAKE_RSA + ", or " + MAKE_P521 + ".");
  }

  /** {@code value}, or a {@code INVALID_ARGUMENT} rejection naming {@code name} and the fix. */
  static <T> T requireArgument(T value, String name, String fix) {
    if (value == null) {
      throw new KeyRejectedException(Reason.INVALID_ARGUMENT, name + " is null. Fix: " + fix + ".");
    }
    return value;
  }

  static String requireKeyId(String keyId) {
    if (keyId == null || keyId.isBlank()) {
      throw new KeyRejectedException(Reason.KEY_ID_INVALID,
          "kid is " + (keyId == null ? "null" : "blank") + ". Fix: pass the non-blank id the platform registered"
              + " the public key under, such as \"key_1\".");
    }
    return keyId;
  }

  /** {@code RSA 4096 bits} or {@code EC P-521}: safe to log. */
  static String describe(Key key) {
    if (key instanceof RSAKey) {
      return "RSA " + rsaBits(key) + " bits";
    }
    if (key instanceof ECKey ec) {
      return isP521(ec.getParams()) ? "EC P-521" : "EC " + fieldBits(ec.getParams()) + " bits";
    }
    return key.getAlgorithm();
  }

  /** The key's type, with the curve for EdDSA keys ({@code Ed25519}), as every JDK version names it. */
  static String typeName(Key key) {
    if (key instanceof EdECKey ed) {
      return ed.getParams().getName();
    }
    return key.getAlgorithm();
  }

  /** The modulus length, or -1 when the key (in an HSM, say) does not reveal it. */
  static int rsaBits(Key key) {
    if (key instanceof RSAKey rsa && rsa.getModulus() != null) {
      return rsa.getModulus().bitLength();
    }
    return -1;
  }

  static boolean isP521(ECParameterSpec params) {
    return params != null && fieldBits(params) == P521_FIELD_BITS && P521_ORDER.equals(params.getOrder());
  }

  private static int fieldBits(ECParameterSpec params) {
    return params == null ? -1 : params.getCurve().getField().getFieldSize();
  }
}
