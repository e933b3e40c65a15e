package dev.jwtsigner.keys;

import dev.jwtsigner.keys.RotatingKeySource.KeyState;
import java.util.List;

/**
 * Another source's keys with a fixed kid. Returns the same {@link SigningKey} instance for as long as the
 * underlying source does, so signers prepared for a key stay valid.
 */
final class KeyIdSource implements KeySource, Publishable {

  private record Pair(SigningKey from, SigningKey with) {}

  private final KeySource source;
  private final String keyId;
  private volatile Pair last;

  KeyIdSource(KeySource source, String keyId) {
    this.source = source;
    this.keyId = KeyChecks.requireKeyId(keyId);
  }

  @Override
  public SigningKey signingKey() {
    SigningKey current = source.signingKey();
    Pair pair = last;
    if (pair == null || pair.from() != current) {
      pair = new Pair(current, current.withKeyId(keyId));
      last = pair;
    }
    return pair.with();
  }

  @Override
  public KeySource withKeyId(String keyId) {
    return new KeyIdSource(source, keyId);
  }

  @Override
  public void signingFailed(SigningKey key) {
    Pair pair = last;
    source.signingFailed(pair != null && pair.with() == key ? pair.from() : key);
  }

  String keyId() {
    return keyId;
  }

  @Override
  public List<Published> published() {
    return List.of(publishedAs(KeyState.ACTIVE));
  }

  /** The current key under this kid, with the public half the underlying source knows, in {@code state}. */
  Published publishedAs(KeyState state) {
    SigningKey key = signingKey();
    List<Published> inner = Publishable.of(source);
    return new Published(keyId, key, inner.size() == 1 ? inner.get(0).publicKey() : null, state);
  }

  @Override
  public String toString() {
    return source + ".withKeyId(" + keyId + ")";
  }
}
