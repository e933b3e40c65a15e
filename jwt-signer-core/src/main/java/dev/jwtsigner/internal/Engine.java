package dev.jwtsigner.internal;

import dev.jwtsigner.JwsAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * One signing engine: a JCA provider instance (null: the JDK's default lookup) and a one-line description
 * that is safe to log. {@link Providers} decides which engine serves which algorithm.
 *
 * <pre>{@code
 * Engine engine = Providers.readyEngines(JwsAlgorithm.RS256).get(0);
 * Signature s = engine.newSignature(JwsAlgorithm.RS256);
 * s.initSign(engine.own(privateKey));   // the provider's own key object: full speed
 * }</pre>
 *
 * @param provider the provider, or null for the JDK's default lookup
 * @param description for example {@code AmazonCorrettoCryptoProvider 2.5.0 (native AWS-LC v1.47.0)}
 */
public record Engine(Provider provider, String description) {

  static Engine of(Provider provider, String description) {
    return new Engine(provider, description);
  }

  /** A new, uninitialized {@code Signature} for {@code alg} (the JWS form, r‖s for ES512) on this engine. */
  public Signature newSignature(JwsAlgorithm alg) throws NoSuchAlgorithmException {
    String name = Providers.signatureName(alg);
    return provider == null ? Signature.getInstance(name) : Signature.getInstance(name, provider);
  }

  /**
   * {@code key} re-created as this engine's own key object, so the provider signs at full speed without
   * translating it on every call; the key itself when this is the default lookup, when the key hides its
   * encoding (an HSM's), or when the provider cannot import it.
   */
  public PrivateKey own(PrivateKey key) {
    byte[] encoded = key.getEncoded();
    if (provider == null || encoded == null) {
      return key;
    }
    try {
      return KeyFactory.getInstance(key.getAlgorithm(), provider).generatePrivate(new PKCS8EncodedKeySpec(encoded));
    } catch (GeneralSecurityException | RuntimeException e) {
      return key;
    } finally {
      java.util.Arrays.fill(encoded, (byte) 0);
    }
  }

  /** As {@link #own(PrivateKey)}, for a public key. */
  public PublicKey own(PublicKey key) {
    byte[] encoded = key.getEncoded();
    if (provider == null || encoded == null) {
      return key;
    }
    try {
      return KeyFactory.getInstance(key.getAlgorithm(), provider).generatePublic(new X509EncodedKeySpec(encoded));
    } catch (GeneralSecurityException | RuntimeException e) {
      return key;
    }
  }

  /**
   * The same provider object and description. Written out because the record's own would compare providers
   * as {@code Properties} (every service entry) and, on first use, spin 23 method-handle classes: about 10 ms
   * of a one-token process, for its first {@code failed.contains(engine)}.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Engine e && e.provider == provider && e.description.equals(description);
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(provider) * 31 + description.hashCode();
  }

  /** The description: safe to log. */
  @Override
  public String toString() {
    return description;
  }
}
