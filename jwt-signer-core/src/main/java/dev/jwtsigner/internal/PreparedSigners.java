package dev.jwtsigner.internal;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.keys.SigningKey;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prepared signers of one builder and the builders derived from it, so the hot path prepares no key:
 * one slot per kid, each holding the signer prepared for one key and algorithm. When the key source hands
 * out another key (a rotation), the next token gets a freshly prepared signer, so a kid is never paired
 * with the wrong key.
 *
 * <pre>{@code
 * PreparedSigners signers = new PreparedSigners();               // one per builder family
 * String jws = signers.signerFor(keys.signingKey(), JwsAlgorithm.RS256, "key_1").sign(payloadJson);
 * }</pre>
 *
 * <p>Thread-safe; a race only prepares a signer twice.
 */
public final class PreparedSigners {

  /** Bounds the slots when a caller varies the kid freely. */
  public static final int MAX_SLOTS = 16;

  private final ConcurrentHashMap<String, JoseSigner> byKid = new ConcurrentHashMap<>();

  /** The signer for {@code key} with {@code algorithm} writing {@code kid} (null for none), prepared once per key. */
  public JoseSigner signerFor(SigningKey key, JwsAlgorithm algorithm, String kid) {
    String name = kid == null ? "" : kid; // a blank kid never gets here
    JoseSigner signer = byKid.get(name);
    if (signer != null && signer.algorithm() == algorithm && signer.serves(key)) {
      return signer;
    }
    signer = JoseSigner.prepare(key, algorithm, kid);
    if (byKid.size() >= MAX_SLOTS) {
      byKid.clear();
    }
    byKid.put(name, signer);
    return signer;
  }

  /** How many signers are held. */
  public int size() {
    return byKid.size();
  }
}
