package dev.jwtsigner.keys;

import dev.jwtsigner.JwsAlgorithm;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.util.Optional;

/**
 * A private key together with its key id ({@code kid}) and, optionally, the JCA provider that must use it
 * (an HSM's, for example), or a key that lives in a key service and signs through a {@link RemoteSigner}.
 * Key and kid travel together, so a rotation can never pair a kid with the wrong key.
 *
 * <pre>{@code
 * SigningKey key = keySource.signingKey();
 * key.privateKey();  // PrivateKey
 * key.keyId();       // Optional<String>, the JWS "kid" header
 * SigningKey kms = SigningKey.remote(publicKey, "key_1", request -> myKms.sign(request.digest()));
 * }</pre>
 *
 * <p>A key not bound to a provider signs on the fastest engine on the machine
 * ({@link SigningEngines#describe(JwsAlgorithm)} names it); a bound key, an HSM key and a remote key keep
 * their own. {@link #toString()} names the key type, size and kid, never key material.
 */
public final class SigningKey {

  private final PrivateKey privateKey;
  private final String keyId;
  private final Provider provider;
  private final RemoteSigner remoteSigner;
  private final PublicKey publicKey;

  private SigningKey(PrivateKey privateKey, String keyId, Provider provider, RemoteSigner remoteSigner, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.keyId = keyId;
    this.provider = provider;
    this.remoteSigner = remoteSigner;
    this.publicKey = publicKey;
  }

  /**
   * A signing key with no kid, checked as a {@link KeySource} checks it (RSA of 2048 bits or more, or EC on P-521).
   *
   * @throws dev.jwtsigner.KeyRejectedException if the key cannot serve
   */
  public static SigningKey of(PrivateKey privateKey) {
    KeyChecks.requireUsable(privateKey);
    return new SigningKey(privateKey, null, null, null, null);
  }

  /**
   * A key that never leaves a key service (a cloud KMS, an HSM behind an API): {@code signer} makes each
   * signature, and {@code publicKey} (which must be the service key's) decides which algorithms fit, as a
   * private key's type, size and curve would, and checks every signature the service returns.
   * {@link #privateKey()} is then a handle with the public parameters only and no encoding.
   *
   * <pre>{@code
   * PublicKey pub = PublicKeys.parse(Files.readString(Path.of("kms-key.pub.pem")));
   * SigningKey key = SigningKey.remote(pub, "key_1", request -> kms.sign(request.digest()));
   * String jws = AtomicTokenBuilder.create(() -> key).algorithm(JwsAlgorithm.RS256).subject("u1").sign();
   * }</pre>
   *
   * @param keyId the kid to write, or null for none
   * @throws dev.jwtsigner.KeyRejectedException if the public key is not RSA of 2048 bits or more or EC on
   *     P-521, the kid is blank, or an argument is null
   */
  public static SigningKey remote(PublicKey publicKey, String keyId, RemoteSigner signer) {
    KeyChecks.requireArgument(publicKey, "publicKey", "pass the key service's public key for this key, such as PublicKeys.parse(pem)");
    KeyChecks.requireSupported(publicKey);
    KeyChecks.requireArgument(signer, "signer", "pass the RemoteSigner that calls the key service");
    return new SigningKey(RemoteKeyHandle.of(publicKey), keyId == null ? null : KeyChecks.requireKeyId(keyId), null,
        signer, publicKey);
  }

  /** This key with the kid {@code keyId}, which must not be blank. */
  public SigningKey withKeyId(String keyId) {
    return new SigningKey(privateKey, KeyChecks.requireKeyId(keyId), provider, remoteSigner, publicKey);
  }

  /**
   * This key, used through {@code provider} (for example a PKCS#11 provider for a key in an HSM, or a
   * provider instance of your choice); it then always signs there, never on the engine picked for the machine.
   *
   * @throws dev.jwtsigner.KeyRejectedException for a remote key, which signs through its {@link RemoteSigner}
   */
  public SigningKey withProvider(Provider provider) {
    KeyChecks.requireArgument(provider, "provider", "pass the JCA provider the key belongs to, such as the key store's");
    if (remoteSigner != null) {
      throw new dev.jwtsigner.KeyRejectedException(dev.jwtsigner.JwtSignerException.Reason.INVALID_ARGUMENT,
          "provider cannot be set on a remote key: it signs through its RemoteSigner."
              + " Fix: bind the provider to a local key (KeySource.of(privateKey)), or leave the remote key as it is.");
    }
    return new SigningKey(privateKey, keyId, provider, null, null);
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

  /** The signer that makes this key's signatures in its key service, for a {@link #remote} key. */
  public Optional<RemoteSigner> remoteSigner() {
    return Optional.ofNullable(remoteSigner);
  }

  /** The public key of a {@link #remote} key (empty for a local key, whose public key is not kept). */
  public Optional<PublicKey> publicKey() {
    return Optional.ofNullable(publicKey);
  }

  /** The algorithm this key signs with unless told otherwise: RS256 for RSA, ES512 for P-521. */
  public JwsAlgorithm defaultAlgorithm() {
    return JwsAlgorithm.forKey(privateKey);
  }

  @Override
  public String toString() {
    return "SigningKey[" + KeyChecks.describe(privateKey)
        + (keyId == null ? "" : ", kid=" + keyId)
        + (provider == null ? "" : ", provider=" + provider.getName())
        + (remoteSigner == null ? "" : ", remote") + "]";
  }
}
