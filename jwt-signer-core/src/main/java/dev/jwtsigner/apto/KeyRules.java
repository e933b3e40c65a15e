package dev.jwtsigner.apto;

import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.keys.SigningKey;
import java.math.BigInteger;
import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.util.List;
import java.util.Map;

/** The key and kid rules of a signed payload: RS256 with an RSA key, a non-blank kid, a registered key pair. */
final class KeyRules {

  static final String KID = "header.kid";
  static final String MAKE_RSA = "`openssl genrsa -out private.pem 2048`, and register the public key made by"
      + " `openssl rsa -in private.pem -pubout -out public.pem`";

  private KeyRules() {}

  /**
   * Adds to {@code violations} what is wrong with signing with {@code key} under {@code kid}.
   *
   * @param kidSet whether the kid was set on the builder (a blank one is then refused)
   */
  static void check(SigningKey key, String kid, boolean kidSet, AptoPolicy policy, List<Violation> violations) {
    if (kidSet && (kid == null || kid.isBlank())) {
      violations.add(Violation.of(KID, Rule.KEY_ID_INVALID, "kid is " + (kid == null ? "null" : "blank") + ".",
          "pass the id the public key was registered under, such as \"key_1\", or leave keyId(...) out to use"
              + " the key source's kid."));
      return;
    }
    if (!AptoPolicy.ALGORITHM.fits(key.privateKey())) {
      violations.add(Violation.of("header.alg", Rule.ALGORITHM_KEY_MISMATCH,
          "signed payloads use RS256 only, which needs an RSA key; the signing key's algorithm is "
              + key.privateKey().getAlgorithm() + ".",
          "sign with an RSA key of 2048 bits or more: make one with " + MAKE_RSA + "."));
      return;
    }
    Map<String, PublicKey> registered = policy.registeredKeys();
    if (registered.isEmpty()) {
      return;
    }
    BigInteger modulus = modulus(key.privateKey());
    if (kid == null) {
      if (modulus != null && registered.values().stream().noneMatch(p -> modulus.equals(modulus(p)))) {
        violations.add(Violation.of(KID, Rule.KEY_UNSUITABLE,
            "the token has no kid and the signing key matches none of the registered public keys "
                + registered.keySet() + ".",
            "set keyId(...) to the kid its public key was registered under, or register its public key."));
      }
      return;
    }
    PublicKey expected = registered.get(kid);
    if (expected == null) {
      violations.add(Violation.of(KID, Rule.KEY_ID_UNKNOWN,
          "kid " + kid + " is not registered in the policy, which registers " + registered.keySet() + ".",
          "use the kid the public key was uploaded under, or register the key under this kid first."));
    } else if (modulus != null && !modulus.equals(modulus(expected))) {
      violations.add(Violation.of(KID, Rule.KEY_UNSUITABLE,
          "the signing key is not the private half of the public key registered under kid " + kid
              + " (the RSA moduli differ).",
          "sign with the private key whose public key was uploaded as " + kid + ", or switch the kid to the one"
              + " this key was registered under (in a rotation: upload the new public key, then switch the kid)."));
    }
  }

  /** The RSA modulus, or null when the key (in an HSM, say) does not reveal it. */
  private static BigInteger modulus(Key key) {
    return key instanceof RSAKey rsa ? rsa.getModulus() : null;
  }
}
