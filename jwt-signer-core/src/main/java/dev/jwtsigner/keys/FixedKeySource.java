package dev.jwtsigner.keys;

/** A source that always returns the same, already parsed and checked key. */
final class FixedKeySource implements KeySource {

  private final SigningKey key;
  private final String origin;

  FixedKeySource(SigningKey key, String origin) {
    this.key = key;
    this.origin = origin;
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
