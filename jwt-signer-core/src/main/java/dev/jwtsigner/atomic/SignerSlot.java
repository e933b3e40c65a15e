package dev.jwtsigner.atomic;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.internal.JoseSigner;
import dev.jwtsigner.keys.SigningKey;
import java.util.Objects;

/**
 * The prepared signer that a builder and every builder derived from it share, so the hot path converts no
 * key. It holds the signer for the last key seen; when the key source hands out another key (a rotation),
 * the next token gets a freshly prepared signer, so a kid is never paired with the wrong key.
 * Thread-safe: a race prepares the same signer twice at worst.
 */
final class SignerSlot {

  private volatile Prepared last;

  /** The signer for {@code key} with {@code algorithm} and the header kid {@code keyId} (null: none). */
  JoseSigner signerFor(SigningKey key, JwsAlgorithm algorithm, String keyId) {
    Prepared p = last;
    if (p != null && p.matches(key, algorithm, keyId)) {
      return p.signer;
    }
    JoseSigner signer = JoseSigner.prepare(key, algorithm, keyId);
    last = new Prepared(key, algorithm, keyId, signer);
    return signer;
  }

  /** The signer prepared last, or null (for tests). */
  JoseSigner current() {
    Prepared p = last;
    return p == null ? null : p.signer;
  }

  private static final class Prepared {
    final SigningKey key;
    final JwsAlgorithm algorithm;
    final String keyId;
    final JoseSigner signer;

    Prepared(SigningKey key, JwsAlgorithm algorithm, String keyId, JoseSigner signer) {
      this.key = key;
      this.algorithm = algorithm;
      this.keyId = keyId;
      this.signer = signer;
    }

    boolean matches(SigningKey k, JwsAlgorithm alg, String kid) {
      if (alg != algorithm || !Objects.equals(kid, keyId)) {
        return false;
      }
      return k == key || (k.keyId().equals(key.keyId()) && signer.serves(k));
    }
  }
}
