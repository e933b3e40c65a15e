package dev.jwtsigner.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.keys.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Signs a ready JSON payload as a compact JWS with one key and algorithm, straight on a JCA
 * {@link Signature} of the fastest provider for it. The header ({@code {"alg":…,"typ":"JWT","kid":…}},
 * the member order of npm's {@code jsonwebtoken}) is encoded once, when the signer is prepared; each token
 * then costs one base64url pass over the payload, the signature, and one pass over the signature.
 *
 * <p>Provider choice: a key bound to a provider (an HSM key, or {@link SigningKey#withProvider}) always signs
 * there. Otherwise RSA signs on the JDK's provider, and ES512 on Bouncy Castle, about five times faster than
 * SunEC on P-521. Bouncy Castle is loaded on a background thread when the first ES512 signer is prepared;
 * until it is ready, ES512 tokens are signed by SunEC (same tokens, any verifier accepts both), so neither
 * start-up nor the first request waits for it.
 *
 * <pre>{@code
 * JoseSigner signer = JoseSigner.prepare(signingKey, JwsAlgorithm.ES512);
 * String jws = signer.sign("{\"sub\":\"u1\"}");
 * }</pre>
 *
 * <p>Immutable in what it signs and thread-safe: no two threads ever use the same {@code Signature} at once.
 */
public final class JoseSigner {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  /** Tokens are ASCII; ISO-8859-1 turns bytes into a String without a decoder. */
  private static final java.nio.charset.Charset ASCII = StandardCharsets.ISO_8859_1;

  private final SigningKey key;
  private final JwsAlgorithm algorithm;
  private final String jcaName;
  /** {@code base64url(header) + "."}, ASCII. */
  private final byte[] headerDot;
  /** Whether to move to Bouncy Castle once it is loaded (ES512 with an unbound key). */
  private final boolean upgradable;
  private volatile Route route;

  /**
   * Where the signatures are made: a provider (null: the JDK's default lookup), its key object, and the
   * {@code Signature} objects already initialized with that key, free for the next token. A thread takes one
   * from the pool and gives it back after a successful signature, so threads never share one and a token
   * costs no provider lookup or key set-up; the pool holds at most as many as ever signed at once.
   */
  private record Route(Provider provider, PrivateKey key, ConcurrentLinkedQueue<Signature> idle) {

    Route(Provider provider, PrivateKey key) {
      this(provider, key, new ConcurrentLinkedQueue<>());
    }

    String providerName() {
      return provider == null ? "(JDK default)" : provider.getName();
    }
  }

  private JoseSigner(SigningKey key, JwsAlgorithm algorithm, byte[] headerDot, Route route, boolean upgradable) {
    this.key = key;
    this.algorithm = algorithm;
    this.jcaName = Providers.signatureName(algorithm);
    this.headerDot = headerDot;
    this.route = route;
    this.upgradable = upgradable;
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
    Route route;
    boolean upgradable = false;
    if (key.provider().isPresent()) {
      route = new Route(key.provider().get(), key.privateKey());
    } else if (algorithm == JwsAlgorithm.ES512 && key.privateKey().getEncoded() != null) {
      Provider fast = Providers.fastestReadyFor(algorithm).orElse(null);
      route = fast != null ? new Route(fast, convert(key.privateKey(), fast)) : new Route(null, key.privateKey());
      upgradable = fast == null;
    } else {
      route = new Route(null, key.privateKey());
    }
    return new JoseSigner(key, algorithm, header(algorithm, keyId), route, upgradable);
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

  /** The name of the provider the next signature is made with ({@code (JDK default)} for the default lookup). */
  public String providerName() {
    return currentRoute().providerName();
  }

  /**
   * The compact JWS of {@code payloadJson}, which the caller has already checked and serialized; the
   * payload bytes are signed exactly as given.
   *
   * @throws JwtSignerException with {@code SIGNING_FAILED} when the provider or HSM fails
   */
  public String sign(String payloadJson) {
    byte[] payload = BASE64URL.encode(payloadJson.getBytes(StandardCharsets.UTF_8));
    Route current = currentRoute();
    byte[] signature;
    try {
      Signature s = current.idle().poll();
      if (s == null) {
        s = signature(current);
        s.initSign(current.key());
      }
      s.update(headerDot);
      s.update(payload);
      signature = s.sign(); // resets s to its state right after initSign, ready for the next token
      current.idle().offer(s); // not reached after a failure: a Signature in doubt is dropped
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new JwtSignerException(Reason.SIGNING_FAILED,
          "the " + algorithm + " signature failed in provider " + current.providerName()
              + " (" + e.getClass().getSimpleName() + "). Fix: check that the key and its provider (HSM session) are usable.",
          e);
    }
    byte[] encodedSignature = BASE64URL.encode(signature);
    byte[] token = new byte[headerDot.length + payload.length + 1 + encodedSignature.length];
    System.arraycopy(headerDot, 0, token, 0, headerDot.length);
    System.arraycopy(payload, 0, token, headerDot.length, payload.length);
    token[headerDot.length + payload.length] = '.';
    System.arraycopy(encodedSignature, 0, token, headerDot.length + payload.length + 1, encodedSignature.length);
    return new String(token, ASCII);
  }

  /** The route to sign on now: moves to Bouncy Castle the first time it is ready (a benign race: any winner is right). */
  private Route currentRoute() {
    Route current = route;
    if (upgradable && current.provider() == null) {
      Provider fast = Providers.fastestReadyFor(algorithm).orElse(null);
      if (fast != null) {
        current = new Route(fast, convert(key.privateKey(), fast));
        route = current;
      }
    }
    return current;
  }

  private Signature signature(Route current) throws NoSuchAlgorithmException {
    return current.provider() == null
        ? Signature.getInstance(jcaName)
        : Signature.getInstance(jcaName, current.provider());
  }

  private static byte[] header(JwsAlgorithm algorithm, String keyId) {
    StringBuilder json = new StringBuilder(64).append("{\"alg\":\"").append(algorithm.name()).append("\",\"typ\":\"JWT\"");
    if (keyId != null) {
      json.append(",\"kid\":\"");
      JsonStringEncoder.getInstance().quoteAsString(keyId, json);
      json.append('"');
    }
    json.append('}');
    byte[] encoded = BASE64URL.encode(json.toString().getBytes(StandardCharsets.UTF_8));
    byte[] headerDot = new byte[encoded.length + 1];
    System.arraycopy(encoded, 0, headerDot, 0, encoded.length);
    headerDot[encoded.length] = '.';
    return headerDot;
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
