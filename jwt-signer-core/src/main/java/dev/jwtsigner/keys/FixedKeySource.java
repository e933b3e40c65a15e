package dev.jwtsigner.keys;

import java.util.function.UnaryOperator;

/** A source that always returns the same, already parsed and checked key. */
final class FixedKeySource implements KeySource {

  private final SigningKey key;
  private final String origin;

  FixedKeySource(SigningKey key, String origin) {
    this.key = key;
    this.origin = origin;
  }

  /** {@link KeySource#fromEnvironment(String)} with {@code env} in place of {@code System.getenv}. */
  static FixedKeySource fromEnvironment(String variable, UnaryOperator<String> env) {
    String text = PemKeys.readEnvironment(variable, env);
    return new FixedKeySource(SigningKey.of(PemKeys.readPrivateKey(text, null, "environment variable " + variable)),
        "KeySource.fromEnvironment(" + variable + ")");
  }

  @Override
  public SigningKey signingKey() {
    return key;
  }

  @Override
  public KeySource withKeyId(String keyId) {
    return new FixedKeySource(key.withKeyId(keyId), origin);
  }

  @Override
  public String toString() {
    return origin + "[" + key + "]";
  }
}
