package dev.jwtsigner.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A public key a verifier trusts, optionally registered under a key id ({@code kid}). Immutable and
 * thread-safe. Each thread keeps its own {@link Signature} initialized with this key on the fastest engine
 * that is ready (as that engine's own key object), so that verifying a token neither looks up a provider nor
 * initializes a signature again; it is made anew once a faster engine has loaded ({@link Providers#generation}).
 *
 * <pre>{@code
 * TrustedKey key = TrustedKey.of("key_1", publicKey);
 * DecodedJws jws = decoder.decode(token, List.of(key));
 * }</pre>
 *
 * <p>Any public key is accepted by {@link #of}; whether it can check a token's algorithm (type, RSA size,
 * curve, the JWK's {@code alg}) is decided per token by {@link JwsDecoder}. {@link #toString()} names the
 * type, size, algorithm restriction and kid only.
 */
public final class TrustedKey {

  /** The smallest RSA modulus a platform accepts (RFC 7518 section 3.3). */
  static final int MIN_RSA_BITS = KeyRequirements.MIN_RSA_BITS;
  private static final int ALGORITHMS = JwsAlgorithm.values().length;

  private final String keyId;
  private final PublicKey publicKey;
  /** The only algorithm this key may verify (a JWK's {@code alg}), or null for any that fits it. */
  private final JwsAlgorithm algorithm;
  /** What {@link #fits} and {@link #suits} answer, decided once: the key never changes. */
  private final Set<JwsAlgorithm> fitting;
  private final Set<JwsAlgorithm> suitable;
  /** The length of an RSA signature for this key (the modulus in bytes), or -1 for a key that is not RSA. */
  private final int rsaSignatureBytes;
  /** This thread's verifiers for this key: never shared between threads. */
  private final ThreadLocal<Verifiers> verifiers = ThreadLocal.withInitial(Verifiers::new);

  /**
   * One {@link Signature} per algorithm (by ordinal) initialized to verify with this key, or null until first
   * used or after a check threw; and the {@link Providers#generation()} in which each was made.
   */
  private static final class Verifiers {
    final Signature[] signatures = new Signature[ALGORITHMS];
    final int[] generations = new int[ALGORITHMS];
  }

  private TrustedKey(String keyId, PublicKey publicKey, JwsAlgorithm algorithm) {
    this.keyId = keyId;
    this.publicKey = publicKey;
    this.algorithm = algorithm;
    this.fitting = EnumSet.noneOf(JwsAlgorithm.class);
    this.suitable = EnumSet.noneOf(JwsAlgorithm.class);
    for (JwsAlgorithm alg : JwsAlgorithm.values()) {
      if (alg.fits(publicKey) && (algorithm == null || algorithm == alg)) {
        fitting.add(alg);
        if (alg == JwsAlgorithm.ES512 ? isP521(publicKey) : rsaBits(publicKey) >= MIN_RSA_BITS) {
          suitable.add(alg);
        }
      }
    }
    int bits = rsaBits(publicKey);
    this.rsaSignatureBytes = bits < 0 ? -1 : (bits + 7) / 8;
  }

  /** The modulus length of an RSA key, or -1 for any other key. */
  private static int rsaBits(PublicKey key) {
    return key instanceof RSAPublicKey rsa && rsa.getModulus() != null ? rsa.getModulus().bitLength() : -1;
  }

  /**
   * A trusted key.
   *
   * @param keyIdOrNull the kid the key is registered under, or {@code null} for a key that checks tokens
   *     whatever their kid
   * @throws JwtSignerException with {@link Reason#INVALID_ARGUMENT} if the key is null or the kid blank
   */
  public static TrustedKey of(String keyIdOrNull, PublicKey key) {
    if (key == null) {
      throw new JwtSignerException(Reason.INVALID_ARGUMENT,
          "publicKey is null. Fix: pass the public key that verifies the tokens.");
    }
    if (keyIdOrNull != null && keyIdOrNull.isBlank()) {
      throw new JwtSignerException(Reason.INVALID_ARGUMENT,
          "kid is blank. Fix: pass the id the key is registered under (such as \"key_1\"), or null for no kid.");
    }
    return new TrustedKey(keyIdOrNull, key, null);
  }

  /**
   * The key a JWK describes, with its {@code kid}, restricted to its {@code alg} when it names one.
   *
   * @throws JwtSignerException with {@link Reason#KEY_TYPE_UNSUPPORTED} for a symmetric or OKP key, and
   *     {@link Reason#INVALID_ARGUMENT} for a key marked for anything but verifying signatures
   *     ({@code use}, {@code key_ops}, RFC 7517 section 4) or registered for an algorithm other than
   *     RS256, RS512 or ES512
   */
  public static TrustedKey fromJwk(JWK jwk) {
    if (!(jwk instanceof RSAKey) && !(jwk instanceof ECKey)) {
      throw new JwtSignerException(jwk == null ? Reason.INVALID_ARGUMENT : Reason.KEY_TYPE_UNSUPPORTED,
          (jwk == null ? "jwk is null" : "a JWK of type " + jwk.getKeyType() + " cannot verify signatures")
              + "; only RSA and EC P-521 keys verify RS256, RS512 or ES512. Fix: publish the public key of the signing key.");
    }
    String kid = jwk.getKeyID() == null ? "" : " (kid " + jwk.getKeyID() + ")";
    if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
      throw new JwtSignerException(Reason.INVALID_ARGUMENT, "the JWK" + kid + " is marked use " + jwk.getKeyUse()
          + ", not for signatures. Fix: publish the signing key with \"use\":\"sig\", or without use.");
    }
    if (jwk.getKeyOperations() != null && !jwk.getKeyOperations().contains(KeyOperation.VERIFY)) {
      throw new JwtSignerException(Reason.INVALID_ARGUMENT, "the JWK" + kid + " has key_ops without verify."
          + " Fix: publish the signing key with \"key_ops\":[\"verify\"], or without key_ops.");
    }
    JwsAlgorithm only = null;
    if (jwk.getAlgorithm() != null) {
      only = JwsAlgorithm.fromJoseName(jwk.getAlgorithm().getName()).orElseThrow(() -> new JwtSignerException(
          Reason.INVALID_ARGUMENT, "the JWK" + kid + " is registered for alg " + jwk.getAlgorithm().getName()
              + ", which the platform does not accept. Fix: register the key for RS256, RS512 or ES512, or without alg."));
    }
    PublicKey key;
    try {
      key = jwk instanceof RSAKey rsa ? rsa.toRSAPublicKey() : ((ECKey) jwk).toECPublicKey();
    } catch (JOSEException e) {
      throw new JwtSignerException(Reason.PUBLIC_KEY_MALFORMED, "the JWK" + kid + " does not hold a usable public key."
          + " Fix: export the public key again with a JOSE library.", e);
    }
    TrustedKey trusted = of(jwk.getKeyID(), key);
    return new TrustedKey(trusted.keyId, key, only);
  }

  /**
   * Every key of a JWK or JWKS text, each through {@link #fromJwk}, so that {@code use}, {@code key_ops} and
   * {@code alg} are honoured; a key without {@code kid} is registered under its RFC 7638 thumbprint, the kid
   * {@code KeyPairs} gives it. The one JWK trust path of the verifiers.
   *
   * @throws JwtSignerException with {@link Reason#PUBLIC_KEY_MALFORMED} for text that is no JWK or JWKS, with
   *     {@link Reason#INVALID_ARGUMENT} for private key material, and as {@link #fromJwk} for each key
   */
  public static List<TrustedKey> fromJwks(String json) {
    List<JWK> jwks = Jwks.read(json);
    if (jwks == null) {
      throw new JwtSignerException(Reason.PUBLIC_KEY_MALFORMED,
          "the text is not a JWK or JWKS. Fix: pass the JWKS uploaded for the API key, such as {\"keys\":[...]}.");
    }
    List<TrustedKey> keys = new ArrayList<>(jwks.size());
    for (JWK jwk : jwks) {
      if (jwk.isPrivate()) {
        throw new JwtSignerException(Reason.INVALID_ARGUMENT, "a JWK holds private key material, which never"
            + " belongs where a public key is trusted. Fix: publish the public JWK only (JWK.toPublicJWK()).");
      }
      TrustedKey key = fromJwk(jwk);
      if (key.keyId == null) {
        try {
          key = new TrustedKey(jwk.computeThumbprint().toString(), key.publicKey, key.algorithm);
        } catch (JOSEException e) {
          throw new JwtSignerException(Reason.PUBLIC_KEY_MALFORMED, "a JWK's thumbprint cannot be computed."
              + " Fix: export the public key again with a JOSE library.", e);
        }
      }
      keys.add(key);
    }
    return List.copyOf(keys);
  }

  /** The kid this key is registered under, if any. */
  public Optional<String> keyId() {
    return Optional.ofNullable(keyId);
  }

  /** The kid this key is registered under, or null: {@link #keyId()} without the {@code Optional}. */
  String keyIdOrNull() {
    return keyId;
  }

  /** The only algorithm this key verifies, when its JWK named one; empty: any algorithm that fits it. */
  public Optional<JwsAlgorithm> algorithm() {
    return Optional.ofNullable(algorithm);
  }

  /** The public key, as given. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /**
   * Whether the key's type fits {@code alg} (RSA for RS*, EC for ES512), whatever its size or curve, and
   * the key is not restricted to another algorithm.
   */
  boolean fits(JwsAlgorithm alg) {
    return fitting.contains(alg);
  }

  /** Whether the key fits {@code alg} and meets the platforms' floor: RSA of 2048 bits or more, EC on P-521. */
  boolean suits(JwsAlgorithm alg) {
    return suitable.contains(alg);
  }

  /** Whether {@code signature} has the length of an RSA signature by this key: the modulus length, in bytes. */
  boolean hasRsaSignatureLength(byte[] signature) {
    return signature.length == rsaSignatureBytes;
  }

  /**
   * Whether {@code signature} verifies {@code data[0, length)} under {@code alg} with this key, on the fastest
   * engine ready for {@code alg}. Uses this thread's own {@link Signature} for the key, made and initialized on
   * first use and reused after (a verify resets it, as the JCA specifies) until a faster engine has loaded;
   * one that throws is dropped, so a failed check never affects the next. False, never an exception, for
   * anything that does not verify. Callers check that the key {@link #suits} {@code alg} and the signature's
   * form first.
   */
  boolean verifies(JwsAlgorithm alg, byte[] data, int length, byte[] signature) {
    Providers.used();
    Verifiers mine = verifiers.get();
    int slot = alg.ordinal();
    int generation = Providers.generation(); // read first: a load finishing later is seen by the next check
    Signature verifier = mine.signatures[slot];
    mine.signatures[slot] = null; // held by this check until it ends normally
    try {
      if (verifier == null || mine.generations[slot] != generation) {
        verifier = Providers.verifier(alg, publicKey);
        mine.generations[slot] = generation;
      }
      verifier.update(data, 0, length);
      boolean valid = verifier.verify(signature);
      mine.signatures[slot] = verifier;
      return valid;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** {@code RSA 2048 bits}, {@code EC P-521 for ES512 only}: safe to show. */
  String describeKey() {
    if (publicKey instanceof RSAPublicKey rsa) {
      return "RSA " + rsa.getModulus().bitLength() + " bits" + (algorithm == null ? "" : " for " + algorithm + " only");
    }
    if (publicKey instanceof ECPublicKey ec) {
      return (isP521(ec) ? "EC P-521" : "EC " + ec.getParams().getCurve().getField().getFieldSize() + "-bit curve")
          + (algorithm == null ? "" : " for " + algorithm + " only");
    }
    return String.valueOf(publicKey.getAlgorithm());
  }

  /** {@code TrustedKey[RSA 2048 bits, kid=key_1]}: never key material. */
  @Override
  public String toString() {
    return "TrustedKey[" + describeKey() + (keyId == null ? "" : ", kid=" + keyId) + "]";
  }

  static boolean isP521(PublicKey key) {
    if (!(key instanceof ECPublicKey ec)) {
      return false;
    }
    return KeyRequirements.isP521(ec.getParams());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrustedKey t && Objects.equals(keyId, t.keyId) && publicKey.equals(t.publicKey)
        && algorithm == t.algorithm;
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyId, publicKey, algorithm);
  }
}
