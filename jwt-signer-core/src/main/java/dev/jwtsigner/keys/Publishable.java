package dev.jwtsigner.keys;

import dev.jwtsigner.keys.RotatingKeySource.KeyState;
import java.security.PublicKey;
import java.util.List;

/**
 * A key source that knows which keys it publishes for verification (the active one and, for a rotating
 * source, the next and retiring ones too), and the public half of a key it cannot derive from the private
 * one (an HSM key's certificate). {@link JwksPublisher} reads it; a source that is not publishable
 * publishes its current key alone.
 */
interface Publishable {

  /** One published key: its kid (or null), its signing key, its known public half (or null), and its state. */
  record Published(String keyId, SigningKey key, PublicKey publicKey, KeyState state) {}

  /** Every key to publish, in a stable order. */
  List<Published> published();

  /** What {@code source} publishes: its own list, or its current key alone as the active one. */
  static List<Published> of(KeySource source) {
    if (source instanceof Publishable p) {
      return p.published();
    }
    SigningKey key = source.signingKey();
    return List.of(new Published(key.keyId().orElse(null), key, null, KeyState.ACTIVE));
  }
}
