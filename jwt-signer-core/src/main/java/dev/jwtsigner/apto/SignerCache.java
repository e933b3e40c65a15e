package dev.jwtsigner.apto;

import dev.jwtsigner.internal.JoseSigner;
import dev.jwtsigner.keys.SigningKey;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prepared signers of one builder and the builders derived from it: one slot per kid, each holding the
 * signing key it was prepared for, so a rotating key source gets a fresh signer for a new key and can never
 * sign with a kid and a key that do not belong together. Thread-safe; a race only prepares a signer twice.
 */
final class SignerCache {

  /** Bounds the slots when a caller varies the kid freely. */
  static final int MAX_SLOTS = 16;

  private final ConcurrentHashMap<String, Slot> byKid = new ConcurrentHashMap<>();

  /** The signer for {@code key} writing {@code kid} (null for none), prepared once per key. */
  JoseSigner signerFor(SigningKey key, String kid) {
    String name = kid == null ? "" : kid; // a blank kid never gets here
    Slot slot = byKid.get(name);
    if (slot != null && slot.serves(key)) {
      return slot.signer();
    }
    JoseSigner signer = JoseSigner.prepare(key, AptoPolicy.ALGORITHM, kid);
    if (byKid.size() >= MAX_SLOTS) {
      byKid.clear();
    }
    byKid.put(name, new Slot(key, signer));
    return signer;
  }

  int size() {
    return byKid.size();
  }

  private record Slot(SigningKey key, JoseSigner signer) {
    boolean serves(SigningKey other) {
      return signer.serves(other);
    }
  }
}
