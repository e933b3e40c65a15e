package dev.jwtsigner.internal;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.keys.KeySource;
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

  /**
   * {@code payloadJson} signed with {@code key}, which {@code source} returned: a {@code SIGNING_FAILED} is
   * reported to the source ({@link KeySource#signingFailed}), so that one that can fetch its key again (a
   * PKCS#11 token's, after the session was lost) does so for the next token, and is then thrown as it is.
   */
  public String sign(KeySource source, SigningKey key, JwsAlgorithm algorithm, String kid, String payloadJson) {
    try {
      return signerFor(key, algorithm, kid).sign(payloadJson);
    } catch (JwtSignerException e) {
      if (e.reason() == Reason.SIGNING_FAILED) {
        source.signingFailed(key);
      }
      throw e;
    }
  }

  /** How many signers are held. */
  public int size() {
    return byKid.size();
  }
}
