package dev.jwtsigner.internal;

import java.math.BigInteger;
import java.security.spec.ECParameterSpec;

/**
 * What a key must be for RS256, RS512 and ES512, in one place for key sources, policies and verifiers:
 * RSA of at least {@value #MIN_RSA_BITS} bits, EC on P-521.
 *
 * <pre>{@code
 * boolean ok = KeyRequirements.isP521(ecKey.getParams());
 * }</pre>
 */
public final class KeyRequirements {

  /** The smallest RSA modulus a platform accepts (RFC 7518 section 3.3). */
  public static final int MIN_RSA_BITS = 2048;
  /** The field size of P-521. */
  public static final int P521_FIELD_BITS = 521;
  /** The order n of P-521's base point (FIPS 186-4, D.1.2.5). */
  public static final BigInteger P521_ORDER = new BigInteger(
      "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
          + "a51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409", 16);

  /** The fix for a missing, short or wrong-type RSA key: how to make a right one. */
  public static final String MAKE_RSA = "make one with `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096"
      + " -out private.pem` or `ssh-keygen -t rsa -b 4096 -m PEM -P \"\" -f jwtRS512.key`";
  /** The fix for an EC key off P-521: how to make a right one. */
  public static final String MAKE_P521 =
      "make one with `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -out private.pem`";

  private KeyRequirements() {}

  /** Whether {@code params} (null: unknown) are P-521's: its field size and base-point order. */
  public static boolean isP521(ECParameterSpec params) {
    return params != null
        && params.getCurve().getField().getFieldSize() == P521_FIELD_BITS
        && P521_ORDER.equals(params.getOrder());
  }
}
