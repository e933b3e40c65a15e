package dev.jwtsigner.keys;

import java.security.PrivateKey;

/**
 * Where a builder gets the key it signs with. Sources parse and check their key once, when they are
 * created, so a misconfigured service fails at start-up; {@link #signingKey()} is then cheap.
 *
 * <pre>{@code
 * KeySource keys = KeySource.fromPemText(System.getenv("JWT_PRIVATE_KEY"));
 * KeySource raw  = KeySource.of(privateKey).withKeyId("key-2");
 * SigningKey k   = keys.signingKey();
 * }</pre>
 *
 * <p>Implementations must be thread-safe and must return a key and kid that belong together.
 */
@FunctionalInterface
public interface KeySource {

  /** The key to sign the next token with, with its kid. Never {@code null}. */
  SigningKey signingKey();

  /**
   * This source with {@code keyId} as the kid of every key it returns.
   *
   * @throws dev.jwtsigner.KeyRejectedException with {@code KEY_ID_INVALID} if {@code keyId} is blank
   */
  default KeySource withKeyId(String keyId) {
    String kid = KeyChecks.requireKeyId(keyId);
    KeySource self = this;
    return new KeySource() {
      @Override
      public SigningKey signingKey() {
        return self.signingKey().withKeyId(kid);
      }

      @Override
      public String toString() {
        return self + ".withKeyId(" + kid + ")";
      }
    };
  }

  /**
   * A source for a JCA private key: RSA of at least 2048 bits, or EC on P-521.
   *
   * @throws dev.jwtsigner.KeyRejectedException if the key cannot serve
   */
  static KeySource of(PrivateKey privateKey) {
    return new FixedKeySource(SigningKey.of(privateKey), "KeySource.of");
  }

  /**
   * A source for PEM text, as held in an environment variable or a secret store: a PKCS#8
   * {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY} block, possibly
   * next to certificates.
   *
   * @throws dev.jwtsigner.KeyRejectedException if the text holds no usable private key
   */
  static KeySource fromPemText(String pem) {
    return new FixedKeySource(SigningKey.of(PemKeys.readPrivateKey(pem, null, "PEM text")), "KeySource.fromPemText");
  }
}
