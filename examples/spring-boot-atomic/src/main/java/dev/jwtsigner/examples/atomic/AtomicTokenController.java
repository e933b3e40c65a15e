package dev.jwtsigner.examples.atomic;

import dev.jwtsigner.atomic.AtomicTokenCache;
import java.util.Base64;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /atomic/token}: the logged-in user's Atomic SDK token. The app's SDK session delegate calls it
 * whenever the SDK asks for a token, with the user's own session; an anonymous call gets 401.
 *
 * <pre>{@code
 * curl -u jane.doe:$PASSWORD http://localhost:8080/atomic/token
 * {"token":"eyJhbGciOiJSUzUxMiJ9...","expiresAt":1767229200}
 * }</pre>
 */
@RestController
class AtomicTokenController {

  private final AtomicTokenCache tokens;
  private final JsonMapper json;

  AtomicTokenController(AtomicTokenCache tokens, JsonMapper json) {
    this.tokens = tokens;
    this.json = json;
  }

  /** The user's token; the user ID is the login name here, a real app maps its principal to its user ID. */
  @GetMapping("/atomic/token")
  TokenResponse token(Authentication user) {
    String token = tokens.tokenFor(user.getName());
    return new TokenResponse(token, expiresAt(token));
  }

  /** The {@code exp} claim of a token this service signed: its payload is the middle, base64url part. */
  private long expiresAt(String token) {
    String payload = token.substring(token.indexOf('.') + 1, token.lastIndexOf('.'));
    return json.readTree(Base64.getUrlDecoder().decode(payload)).get("exp").asLong();
  }

  /**
   * The response body.
   *
   * @param token the compact JWS the SDK sends to the platform
   * @param expiresAt its {@code exp}, in seconds since the epoch
   */
  record TokenResponse(String token, long expiresAt) {}
}
