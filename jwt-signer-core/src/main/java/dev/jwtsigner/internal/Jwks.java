package dev.jwtsigner.internal;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/**
 * Reads JWK or JWKS text (RFC 7517) with nimbus-jose-jwt: the one JWK reading of {@code PublicKeys} and of
 * the verifiers' trust path ({@link TrustedKey#fromJwks}).
 *
 * <pre>{@code
 * List<JWK> keys = Jwks.read(text);   // null: not a JWK or JWKS
 * }</pre>
 */
public final class Jwks {

  private Jwks() {}

  /** The keys of a JWKS ({@code {"keys":[...]}}) or the one key of a JWK, or null when {@code text} is neither. */
  public static List<JWK> read(String text) {
    try {
      Map<String, Object> object = JSONObjectUtils.parse(text);
      return object.containsKey("keys") ? JWKSet.parse(object).getKeys() : List.of(JWK.parse(object));
    } catch (ParseException | RuntimeException e) {
      return null;
    }
  }
}
