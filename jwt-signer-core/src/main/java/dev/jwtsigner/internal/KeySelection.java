package dev.jwtsigner.internal;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses the trusted keys a token's {@code kid} selects and checks the signature with them: with no kid,
 * every key; with a kid some key is registered under, those keys; with any other kid, the keys without a
 * kid. A selected key must fit the algorithm (RSA for RS256/RS512, EC for ES512) and suit it (RSA of
 * {@value KeyRequirements#MIN_RSA_BITS} bits or more, P-521), and the signature must have the algorithm's
 * exact form (ES512: {@code r‖s} with both in {@code [1, n-1]}).
 *
 * <pre>{@code
 * boolean ok = new KeySelection(keys, kid, JwsAlgorithm.RS256).verify(signingInput, length, signature, violations);
 * }</pre>
 */
final class KeySelection {

  /** An ES512 signature is r‖s, 66 bytes each (RFC 7518 section 3.4). */
  static final int ES512_SIGNATURE_BYTES = 132;

  private final List<TrustedKey> keys;
  private final String keyId;
  private final JwsAlgorithm algorithm;
  private final boolean kidRegistered;

  KeySelection(List<TrustedKey> keys, String keyId, JwsAlgorithm algorithm) {
    this.keys = keys;
    this.keyId = keyId;
    this.algorithm = algorithm;
    boolean registered = false;
    for (TrustedKey key : keys) {
      registered |= key != null && keyId != null && keyId.equals(key.keyIdOrNull());
    }
    this.kidRegistered = registered;
  }

  /** Whether a selected key verifies {@code signature} over {@code signingInput[0, length)}; else adds why. */
  boolean verify(byte[] signingInput, int length, byte[] signature, List<Violation> out) {
    boolean anyKey = false;
    for (TrustedKey key : keys) {
      anyKey |= key != null;
    }
    if (!anyKey) {
      out.add(Violation.of("signature", Rule.SIGNATURE_INVALID, "no public key is trusted, so the signature cannot be checked.",
          "trust the public key that belongs to the signing key."));
      return false;
    }
    int candidates = 0;
    int fitting = 0;
    int suitable = 0;
    for (TrustedKey key : keys) {
      if (selects(key)) {
        candidates++;
        if (key.fits(algorithm)) {
          fitting++;
          suitable += key.suits(algorithm) ? 1 : 0;
        }
      }
    }
    if (candidates == 0) {
      out.add(Violation.of("header.kid", Rule.KEY_ID_UNKNOWN,
          "the token's kid matches none of the trusted keys' kids (" + trustedKeyIds()
              + "), and no key without a kid is trusted.",
          "sign with kid set to the id the public key is registered under, or trust the key under that kid."));
      return false;
    }
    boolean es512 = algorithm == JwsAlgorithm.ES512;
    if (fitting == 0) {
      out.add(Violation.of("header.alg", Rule.ALGORITHM_KEY_MISMATCH,
          "the token is " + algorithm + ", which needs " + (es512 ? "an EC P-521" : "an RSA")
              + " key, but the trusted key for it is " + describe(selected(false, false)) + ".",
          "sign with the algorithm that fits the registered key (RS256 or RS512 for RSA, ES512 for EC P-521),"
              + " or trust the public key of the key that signed."));
      return false;
    }
    if (suitable == 0) {
      out.add(Violation.of("key", Rule.KEY_UNSUITABLE,
          "the trusted key for this " + algorithm + " token is " + describe(selected(true, false))
              + "; the platform needs "
              + (es512 ? "EC on P-521." : "RSA of at least " + KeyRequirements.MIN_RSA_BITS + " bits."),
          (es512 ? KeyRequirements.MAKE_P521 : KeyRequirements.MAKE_RSA) + "."));
      return false;
    }
    if (es512 && signature.length != ES512_SIGNATURE_BYTES) {
      out.add(Violation.of("signature", Rule.SIGNATURE_INVALID,
          "the ES512 signature has " + signature.length + " bytes; JWS requires exactly " + ES512_SIGNATURE_BYTES
              + " (r and s, 66 bytes each, RFC 7518 section 3.4).",
          "encode ES512 signatures as r‖s (IEEE P1363), not DER: sign with a JOSE library."));
      return false;
    }
    for (TrustedKey key : keys) {
      if (selects(key) && key.suits(algorithm) && verifySuitable(algorithm, key, signingInput, length, signature)) {
        return true;
      }
    }
    out.add(Violation.of("signature", Rule.SIGNATURE_INVALID,
        "the " + algorithm + " signature does not verify with the trusted key"
            + (suitable == 1 ? " (" : "s (") + describe(selected(true, true)) + ").",
        "sign with the private key that belongs to the trusted public key, and send the token unchanged."));
    return false;
  }

  /** The signature check for a key known to suit {@code alg}, over {@code signingInput[0, length)}. */
  static boolean verifySuitable(JwsAlgorithm alg, TrustedKey key, byte[] signingInput, int length, byte[] signature) {
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

  private boolean selects(TrustedKey key) {
    if (key == null) {
      return false;
    }
    if (keyId == null) {
      return true;
    }
    return kidRegistered ? keyId.equals(key.keyIdOrNull()) : key.keyIdOrNull() == null;
  }

  /** The selected keys, in order, that also fit the algorithm and (if asked) suit it: for messages. */
  private List<TrustedKey> selected(boolean fitting, boolean suitable) {
    List<TrustedKey> out = new ArrayList<>();
    for (TrustedKey key : keys) {
      if (selects(key) && (!fitting || key.fits(algorithm)) && (!suitable || key.suits(algorithm))) {
        out.add(key);
      }
    }
    return out;
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

  private static String describe(List<TrustedKey> keys) {
    return keys.stream().map(k -> k.describeKey() + k.keyId().map(id -> " kid=" + id).orElse(""))
        .distinct().collect(Collectors.joining(", "));
  }
}
