package dev.jwtsigner.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.keys.SigningKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * Signs a ready JSON payload as a compact JWS with one key and algorithm, on the fastest provider for it.
 * Prepared once per key (the provider-specific key conversion happens here, not per token); immutable and
 * thread-safe.
 *
 * <pre>{@code
 * JoseSigner signer = JoseSigner.prepare(signingKey, JwsAlgorithm.ES512);
 * String jws = signer.sign("{\"sub\":\"u1\"}");
 * }</pre>
 */
public final class JoseSigner {

  private final SigningKey key;
  private final JwsAlgorithm algorithm;
  private final JWSSigner signer;
  private final JWSHeader header;

  private JoseSigner(SigningKey key, JwsAlgorithm algorithm, JWSSigner signer, JWSHeader header) {
    this.key = key;
    this.algorithm = algorithm;
    this.signer = signer;
    this.header = header;
  }

  /**
   * A signer for {@code key} with {@code algorithm}, writing {@code typ: JWT} and the key's kid.
   * The caller has checked that the algorithm fits the key.
   */
  public static JoseSigner prepare(SigningKey key, JwsAlgorithm algorithm) {
    return prepare(key, algorithm, key.keyId().orElse(null));
  }

  /** As {@link #prepare(SigningKey, JwsAlgorithm)}, with {@code keyId} (may be null) as the kid header. */
  public static JoseSigner prepare(SigningKey key, JwsAlgorithm algorithm, String keyId) {
    Provider provider = key.provider().or(() -> Providers.fastestFor(algorithm)).orElse(null);
    JWSSigner signer = algorithm == JwsAlgorithm.ES512
        ? ecSigner(key, provider)
        : rsaSigner(key.privateKey(), provider);
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(algorithm.name()))
        .type(JOSEObjectType.JWT)
        .keyID(keyId)
        .build();
    return new JoseSigner(key, algorithm, signer, header);
  }

  /** The key this signer was prepared for. */
  public SigningKey key() {
    return key;
  }

  /**
   * Whether this signer signs for {@code other} exactly as for its own key: the same {@link SigningKey}, or
   * a copy around the very same private key object and provider ({@code KeySource.withKeyId} wraps each key
   * it returns in a new {@code SigningKey}). A rotated key is another object, so it never matches.
   */
  public boolean serves(SigningKey other) {
    return other == key
        || (other.privateKey() == key.privateKey() && other.provider().orElse(null) == key.provider().orElse(null));
  }

  /** The algorithm this signer uses. */
  public JwsAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * The compact JWS of {@code payloadJson}, which the caller has already checked and serialized; the
   * payload bytes are signed exactly as given.
   *
   * @throws JwtSignerException with {@code SIGNING_FAILED} when the provider or HSM fails
   */
  public String sign(String payloadJson) {
    JWSObject jws = new JWSObject(header, new Payload(payloadJson));
    try {
      jws.sign(signer);
    } catch (JOSEException | RuntimeException e) {
      throw new JwtSignerException(Reason.SIGNING_FAILED,
          "the " + algorithm + " signature failed in provider "
              + (signer.getJCAContext().getProvider() == null ? "(JDK default)" : signer.getJCAContext().getProvider().getName())
              + " (" + e.getClass().getSimpleName() + "). Fix: check that the key and its provider (HSM session) are usable.",
          e);
    }
    return jws.serialize();
  }

  private static JWSSigner rsaSigner(PrivateKey privateKey, Provider provider) {
    RSASSASigner signer = new RSASSASigner(privateKey, true); // size already checked by KeySource; HSM keys hide it
    signer.getJCAContext().setProvider(provider);
    return signer;
  }

  private static JWSSigner ecSigner(SigningKey key, Provider provider) {
    PrivateKey pk = key.privateKey();
    if (key.provider().isEmpty() && provider != null && pk.getEncoded() != null) {
      pk = convert(pk, provider);
    }
    try {
      ECDSASigner signer = new ECDSASigner(pk, Curve.P_521);
      signer.getJCAContext().setProvider(provider);
      return signer;
    } catch (JOSEException e) {
      throw new JwtSignerException(Reason.KEY_CURVE_UNSUPPORTED,
          "the EC key cannot sign ES512. Fix: use a P-521 key.", e);
    }
  }

  /** Re-creates the key as the provider's own key object, once, so the provider signs at full speed. */
  private static PrivateKey convert(PrivateKey key, Provider provider) {
    try {
      return KeyFactory.getInstance(key.getAlgorithm(), provider)
          .generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      return key; // the provider cannot import it: sign with the key as it is
    }
  }
}
