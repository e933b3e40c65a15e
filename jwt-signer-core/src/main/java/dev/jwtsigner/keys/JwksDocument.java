package dev.jwtsigner.keys;

import java.util.List;

/**
 * One version of a published key set: the JWKS text, its entity tag, and the kids it lists. Immutable; a
 * {@link JwksPublisher} makes a new one exactly when the key set changes, and the ETag is derived from the
 * text, so it changes exactly then too.
 *
 * <pre>{@code
 * JwksDocument jwks = JwksPublisher.of(keys).document();
 * jwks.json();                        // {"keys":[{"kty":"RSA","kid":"key_1","use":"sig","alg":"RS512","n":"...","e":"AQAB"}]}
 * jwks.etag();                        // "\"3q2-7w...\""
 * jwks.notModified(ifNoneMatchHeader); // true: answer 304
 * }</pre>
 */
public final class JwksDocument {

  private final String json;
  private final String etag;
  private final List<String> keyIds;

  JwksDocument(String json, String etag, List<String> keyIds) {
    this.json = json;
    this.etag = etag;
    this.keyIds = List.copyOf(keyIds);
  }

  /** The JWKS ({@code {"keys":[...]}}), public members only. */
  public String json() {
    return json;
  }

  /** The strong entity tag of this text, quoted, as the {@code ETag} header carries it. */
  public String etag() {
    return etag;
  }

  /** The kids listed, in order. */
  public List<String> keyIds() {
    return keyIds;
  }

  /**
   * Whether a request with this {@code If-None-Match} header already holds this version (RFC 9110 section
   * 13.1.2: a list of tags, weak ones compared weakly, or {@code *}), so it is answered {@code 304}.
   */
  public boolean notModified(String ifNoneMatch) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.strip();
      if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "JwksDocument[kids=" + keyIds + ", etag=" + etag + "]";
  }
}
