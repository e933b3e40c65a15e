package dev.jwtsigner.keys;

import dev.jwtsigner.JwsAlgorithm;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.Optional;

/**
 * A private key together with its key id ({@code kid}) and, optionally, the JCA provider that must use it
 * (an HSM's, for example). Key and kid travel together, so a rotation can never pair a kid with the
 * wrong key.
 *
 * <pre>{@code
 * SigningKey key = keySource.signingKey();
 * key.privateKey();  // PrivateKey
 * key.keyId();       // Optional<String>, the JWS "kid" header
 * }</pre>
 *
 * <p>{@link #toString()} names the key type, size and kid, never key material.
 */
public final class SigningKey {

  private final PrivateKey privateKey;
  private final String keyId;
  private final Provider provider;

  private SigningKey(PrivateKey privateKey, String keyId, Provider provider) {
    this.privateKey = privateKey;
    this.keyId = keyId;
    this.provider = provider;
  }

  /**
   * A signing key with no kid, checked as a {@link KeySource} checks it (RSA of 2048 bits or more, or EC on P-521).
   *
   * @throws dev.jwtsigner.KeyRejectedException if the key cannot serve
   */
  public static SigningKey of(PrivateKey privateKey) {
    KeyChecks.requireUsable(privateKey);
    return new SigningKey(privateKey, null, null);
  }

  /** This key with the kid {@code keyId}, which must not be blank. */
  public SigningKey withKeyId(String keyId) {
    return new SigningKey(privateKey, KeyChecks.requireKeyId(keyId), provider);
  }

  /** This key, used through {@code provider} (for example a PKCS#11 provider for a key in an HSM). */
  public SigningKey withProvider(Provider provider) {
    return new SigningKey(privateKey, keyId, KeyChecks.requireArgument(provider, "provider", "pass the JCA provider the key belongs to, such as the key store's"));
  }

  /** The private key. */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /** The kid to put in the JWS header, if any. */
  public Optional<String> keyId() {
    return Optional.ofNullable(keyId);
  }

  /** The provider this key must be used with, if it is bound to one (an HSM key is). */
  public Optional<Provider> provider() {
    return Optional.ofNullable(provider);
  }

  /** The algorithm this key signs with unless told otherwise: RS256 for RSA, ES512 for P-521. */
  public JwsAlgorithm defaultAlgorithm() {
    return JwsAlgorithm.forKey(privateKey);
  }

  @Override
  public String toString() {
    return "SigningKey[" + KeyChecks.describe(privateKey)
        + (keyId == null ? "" : ", kid=" + keyId)
        + (provider == null ? "" : ", provider=" + provider.getName()) + "]";
  }
}
