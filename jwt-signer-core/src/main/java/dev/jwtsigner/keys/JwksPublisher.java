package dev.jwtsigner.keys;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpHandler;
import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Publishes the public keys of a {@link KeySource} as a JWKS, for a platform API key of type JWKS: a PEM
 * or key store source's one key, a {@link ReloadingKeySource}'s current key, or every key of a
 * {@link RotatingKeySource} (next, active and retiring). Each key is listed with {@code kty}, {@code kid},
 * {@code use: "sig"}, {@code alg} and its public numbers, never a private member. A key without a kid is
 * listed under its RFC 7638 thumbprint.
 *
 * <pre>{@code
 * JwksPublisher jwks = JwksPublisher.of(rotatingKeys).algorithm(JwsAlgorithm.RS512);
 * HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
 * server.createContext(JwksPublisher.WELL_KNOWN_PATH, jwks.httpHandler(Duration.ofMinutes(5)));
 * jwks.document().json();   // the same text, for another web stack
 * }</pre>
 *
 * <p>{@link #document()} reads the source each time and builds a new document only when the key set changed
 * (a cheap check of kids, states and key identities otherwise). Thread-safe.
 */
public final class JwksPublisher {

  /** Where platforms look for a JWKS by convention. */
  public static final String WELL_KNOWN_PATH = "/.well-known/jwks.json";

  private record Input(String keyId, SigningKey key, RotatingKeySource.KeyState state) {}

  private record Snapshot(List<Input> inputs, Map<SigningKey, PublicKey> publicKeys, JwksDocument document) {}

  private final KeySource source;
  private final JwsAlgorithm algorithm;
  private volatile Snapshot last;

  private JwksPublisher(KeySource source, JwsAlgorithm algorithm) {
    this.source = source;
    this.algorithm = algorithm;
    document(); // a key whose public half is unknown fails now, at start-up
  }

  /**
   * A publisher for {@code source}; RSA keys are listed for RS256, P-521 keys for ES512, until
   * {@link #algorithm} says otherwise.
   *
   * @throws KeyRejectedException with {@code KEY_EXPORT_FAILED} if a key's public half is unknown (an HSM key
   *     without its certificate)
   */
  public static JwksPublisher of(KeySource source) {
    return new JwksPublisher(KeyChecks.requireArgument(source, "source", "pass the KeySource the tokens are signed with"), null);
  }

  /**
   * This publisher, listing RSA keys with {@code alg} set to {@code algorithm} (RS256 or RS512: the one the
   * builder signs with, since a platform may refuse a token whose algorithm differs from its key's).
   *
   * @throws KeyRejectedException with {@code INVALID_ARGUMENT} if a key cannot sign with {@code algorithm}
   */
  public JwksPublisher algorithm(JwsAlgorithm algorithm) {
    return new JwksPublisher(source, KeyChecks.requireArgument(algorithm, "algorithm", "pass RS256, RS512 or ES512"));
  }

  /** The JWKS for the source's keys as they are now. */
  public JwksDocument document() {
    List<Publishable.Published> published = Publishable.of(source); // one read: a rotation cannot split it
    List<Input> inputs = new ArrayList<>();
    for (Publishable.Published p : published) {
      inputs.add(new Input(p.keyId(), p.key(), p.state()));
    }
    Snapshot seen = last;
    if (seen != null && sameKeys(seen.inputs(), inputs)) {
      return seen.document();
    }
    Map<SigningKey, PublicKey> publicKeys = new IdentityHashMap<>();
    List<JWK> jwks = new ArrayList<>();
    List<String> keyIds = new ArrayList<>();
    for (Publishable.Published p : published) {
      PublicKey publicKey = seen != null && seen.publicKeys().containsKey(p.key()) ? seen.publicKeys().get(p.key()) : PublicHalves.of(p);
      publicKeys.put(p.key(), publicKey);
      JWK jwk = jwk(p, publicKey);
      jwks.add(jwk);
      keyIds.add(jwk.getKeyID());
    }
    String json = new JWKSet(jwks).toString(true);
    JwksDocument document = new JwksDocument(json, etag(json), keyIds);
    last = new Snapshot(inputs, publicKeys, document);
    return document;
  }

  /**
   * A JDK {@link HttpHandler} serving {@link #document()} at whatever path it is mounted (by convention
   * {@value #WELL_KNOWN_PATH}): {@code GET} and {@code HEAD} with {@code Content-Type: application/json},
   * {@code Cache-Control: public, max-age=N} and an {@code ETag}; {@code If-None-Match} with the current tag
   * gets {@code 304}; any other method {@code 405}.
   *
   * @param maxAge how long platforms may cache the key set (whole seconds; at most the rotation's publish lead)
   * @throws KeyRejectedException with {@code INVALID_ARGUMENT} if {@code maxAge} is negative
   */
  public HttpHandler httpHandler(Duration maxAge) {
    if (maxAge == null || maxAge.isNegative()) {
      throw new KeyRejectedException(Reason.INVALID_ARGUMENT,
          "maxAge is " + (maxAge == null ? "null" : maxAge) + ". Fix: pass zero or a positive Duration, such as Duration.ofMinutes(5).");
    }
    return new JwksHttpHandler(this, maxAge.getSeconds());
  }

  /** The {@code Cache-Control} value for {@code maxAge}, the same for every web stack. */
  public static String cacheControl(Duration maxAge) {
    return "public, max-age=" + Math.max(0, maxAge.getSeconds());
  }

  @Override
  public String toString() {
    return "JwksPublisher[" + source + (algorithm == null ? "" : ", " + algorithm) + "]";
  }

  private JWK jwk(Publishable.Published p, PublicKey publicKey) {
    JwsAlgorithm alg = algorithm == null ? p.key().defaultAlgorithm() : algorithm;
    if (!alg.fits(publicKey)) {
      throw new KeyRejectedException(Reason.INVALID_ARGUMENT,
          "kid \"" + p.keyId() + "\" is " + KeyChecks.describe(publicKey) + ", which cannot sign " + alg
              + ". Fix: publish RSA keys for RS256 or RS512 and P-521 keys for ES512.");
    }
    JWK base = PublicKeys.toJwk(publicKey, p.keyId() == null);
    String kid = p.keyId() == null ? base.getKeyID() : p.keyId();
    Algorithm jose = new Algorithm(alg.name());
    return base instanceof RSAKey rsa ? new RSAKey.Builder(rsa).keyID(kid).algorithm(jose).build().toPublicJWK()
        : new ECKey.Builder((ECKey) base).keyID(kid).algorithm(jose).build().toPublicJWK();
  }

  private static boolean sameKeys(List<Input> a, List<Input> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      Input x = a.get(i);
      Input y = b.get(i);
      if (x.key() != y.key() || x.state() != y.state() || !Objects.equals(x.keyId(), y.keyId())) {
        return false;
      }
    }
    return true;
  }

  private static String etag(String json) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16)) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
