package dev.jwtsigner.keys;

import dev.jwtsigner.internal.SafeText;
import dev.jwtsigner.keys.RotatingKeySource.KeyState;
import java.security.PublicKey;
import java.util.List;
import java.util.function.UnaryOperator;

/** A source that always returns the same, already parsed and checked key. */
final class FixedKeySource implements KeySource, Publishable {

  private final SigningKey key;
  /** The public half when the source knows it from elsewhere (a key store entry's certificate), or null. */
  private final PublicKey publicKey;
  private final String origin;

  FixedKeySource(SigningKey key, String origin) {
    this(key, null, origin);
  }

  FixedKeySource(SigningKey key, PublicKey publicKey, String origin) {
    this.key = key;
    this.publicKey = publicKey;
    this.origin = origin;
  }

  /** {@link KeySource#fromEnvironment(String)} with {@code env} in place of {@code System.getenv}. */
  static FixedKeySource fromEnvironment(String variable, UnaryOperator<String> env) {
    String text = PemKeys.readEnvironment(variable, env);
    return new FixedKeySource(SigningKey.of(PemKeys.readPrivateKey(text, null, "environment variable " + SafeText.of(variable))),
        "KeySource.fromEnvironment(" + SafeText.of(variable) + ")");
  }

  @Override
  public SigningKey signingKey() {
    return key;
  }

  @Override
  public KeySource withKeyId(String keyId) {
    return new FixedKeySource(key.withKeyId(keyId), publicKey, origin);
  }

  @Override
  public List<Published> published() {
    return List.of(new Published(key.keyId().orElse(null), key, publicKey, KeyState.ACTIVE));
  }

  @Override
  public String toString() {
    return origin + "[" + key + "]";
  }
}
