package dev.jwtsigner.keys;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.internal.KeyIds;
import dev.jwtsigner.internal.KeyRequirements;
import dev.jwtsigner.internal.SafeText;
import java.math.BigInteger;
import java.security.Key;
import java.security.PrivateKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECParameterSpec;

/** The rules every signing key must meet, checked once when a source is created. */
final class KeyChecks {

  static final int MIN_RSA_BITS = KeyRequirements.MIN_RSA_BITS;
  static final int P521_FIELD_BITS = KeyRequirements.P521_FIELD_BITS;

  static final String MAKE_RSA = KeyRequirements.MAKE_RSA;
  static final String MAKE_P521 = KeyRequirements.MAKE_P521;

  private KeyChecks() {}

  /** Refuses a key no supported algorithm can sign with. */
  static PrivateKey requireUsable(PrivateKey key) {
    if (key == null) {
      throw new KeyRejectedException(Reason.INVALID_ARGUMENT,
          "privateKey is null. Fix: pass the PrivateKey to sign with.");
    }
    requireSupported(key);
    if (key instanceof RSAPrivateCrtKey crt) {
      requireConsistent(crt);
    }
    return key;
  }

  /**
   * Refuses an RSA key whose parts do not belong together (p·q ≠ n, or a CRT value that does not match),
   * such as a file read while a secret manager was rewriting it with another key of the same size: it
   * parses, but the JDK would refuse every signature with it. A few multiplications, once per load.
   */
  private static void requireConsistent(RSAPrivateCrtKey k) {
    BigInteger n = k.getModulus();
    BigInteger e = k.getPublicExponent();
    BigInteger p = k.getPrimeP();
    BigInteger q = k.getPrimeQ();
    if (n == null || e == null || p == null || q == null || k.getPrivateExponent() == null
        || k.getPrimeExponentP() == null || k.getPrimeExponentQ() == null || k.getCrtCoefficient() == null) {
      return; // a key that hides its parts (an HSM's) is the provider's to check
    }
    BigInteger pMinus1 = p.subtract(BigInteger.ONE);
    BigInteger qMinus1 = q.subtract(BigInteger.ONE);
    boolean consistent = p.signum() > 0 && q.signum() > 0 && pMinus1.signum() > 0 && qMinus1.signum() > 0
        && p.multiply(q).equals(n)
        && e.multiply(k.getPrimeExponentP()).mod(pMinus1).equals(BigInteger.ONE)
        && e.multiply(k.getPrimeExponentQ()).mod(qMinus1).equals(BigInteger.ONE)
        && e.multiply(k.getPrivateExponent()).mod(pMinus1).equals(BigInteger.ONE)
        && e.multiply(k.getPrivateExponent()).mod(qMinus1).equals(BigInteger.ONE)
        && k.getCrtCoefficient().multiply(q).mod(p).equals(BigInteger.ONE);
    if (!consistent) {
      throw new KeyRejectedException(Reason.KEY_MALFORMED,
          "the RSA private key's parts do not belong together (p·q is not n, or a CRT value does not match),"
              + " so no signature made with it would verify; a file read while it was being rewritten looks like this."
              + " Fix: write key files atomically (write a temporary file, then rename it), or " + MAKE_RSA + ".");
    }
  }

  /**
   * Refuses a key (private or public) that RS256, RS512 and ES512 cannot use: RSA below 2048 bits, EC off
   * P-521, any other type. A key that hides its size or curve (an HSM's) passes.
   */
  static <K extends Key> K requireSupported(K key) {
    requireNotRsaPss(key);
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
            "EC key is on " + (ecKey.getParams() == null ? "an unknown curve" : "a " + fieldBits(ecKey.getParams()) + "-bit curve")
                + "; ES512 needs P-521 (secp521r1)."
                + " Fix: " + MAKE_P521 + ".");
      }
      return key;
    }
    throw new KeyRejectedException(Reason.KEY_TYPE_UNSUPPORTED,
        "a key of type " + typeName(key) + " cannot sign RS256, RS512 or ES512; only RSA (2048 bits or more) and EC P-521 keys can."
            + " Fix: " + MAKE_RSA + ", or " + MAKE_P521 + ".");
  }

  /**
   * Refuses an RSA-PSS key ({@code openssl genpkey -algorithm RSA-PSS}, {@code keytool -keyalg RSASSA-PSS}):
   * RS256 and RS512 are PKCS#1 v1.5 signatures, which such a key must not make (RFC 4055 section 3.1), and
   * verifiers such as Node's refuse them; one restricted to a digest cannot even start a signature.
   */
  static void requireNotRsaPss(Key key) {
    boolean pss = "RSASSA-PSS".equalsIgnoreCase(key.getAlgorithm()) || "RSA-PSS".equalsIgnoreCase(key.getAlgorithm())
        || key instanceof RSAKey rsa && rsa.getParams() != null;
    if (pss) {
      throw new KeyRejectedException(Reason.KEY_TYPE_UNSUPPORTED,
          "the key is an RSA-PSS key (RSASSA-PSS), which cannot sign RS256 or RS512: those need a plain RSA key"
              + " (rsaEncryption). Fix: " + MAKE_RSA + " (not -algorithm RSA-PSS, not keytool -keyalg RSASSA-PSS).");
    }
  }

  /** {@code value}, or a {@code INVALID_ARGUMENT} rejection naming {@code name} and the fix. */
  static <T> T requireArgument(T value, String name, String fix) {
    if (value == null) {
      throw new KeyRejectedException(Reason.INVALID_ARGUMENT, name + " is null. Fix: " + fix + ".");
    }
    return value;
  }

  static String requireKeyId(String keyId) {
    String problem = KeyIds.problem(keyId);
    if (problem != null) {
      throw new KeyRejectedException(Reason.KEY_ID_INVALID,
          "kid " + problem + ". Fix: pass the id the platform registered the public key under, such as \"key_1\".");
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
    return SafeText.of(key.getAlgorithm());
  }

  /** The modulus length, or -1 when the key (in an HSM, say) does not reveal it. */
  static int rsaBits(Key key) {
    if (key instanceof RSAKey rsa && rsa.getModulus() != null) {
      return rsa.getModulus().bitLength();
    }
    return -1;
  }

  static boolean isP521(ECParameterSpec params) {
    return KeyRequirements.isP521(params);
  }

  private static int fieldBits(ECParameterSpec params) {
    return params == null ? -1 : params.getCurve().getField().getFieldSize();
  }
}
