package dev.jwtsigner.examples.atomic;

import dev.jwtsigner.spring.AtomicTokens;
import java.util.Base64;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /login} (HTTP Basic, once) starts the user's session; {@code GET /atomic/token} with the session
 * cookie returns the user's Atomic SDK token from the cache. The app's SDK session delegate calls it whenever
 * the SDK asks for a token; an anonymous call gets 401.
 *
 * <pre>{@code
 * curl -c jar -u jane.doe:$PASSWORD -X POST http://localhost:8080/login
 * curl -b jar http://localhost:8080/atomic/token
 * {"token":"eyJhbGciOiJSUzUxMiJ9...","expiresAt":1767229200}
 * }</pre>
 */
@RestController
class AtomicTokenController {

  private final AtomicTokens tokens;
  private final JsonMapper json;

  AtomicTokenController(AtomicTokens tokens, JsonMapper json) {
    this.tokens = tokens;
    this.json = json;
  }

  /** The password was checked by HTTP Basic; the session now holds the login, so later requests need no password. */
  @PostMapping("/login")
  ResponseEntity<Void> login() {
    return ResponseEntity.noContent().build();
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
