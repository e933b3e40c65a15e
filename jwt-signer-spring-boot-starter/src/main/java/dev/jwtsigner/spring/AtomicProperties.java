package dev.jwtsigner.spring;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * The {@code jwt-signer.atomic.*} settings: the signing key and the Atomic API key's settings as its page in
 * the vendor's console shows them. Setting {@code private-key} or {@code private-key-pem} turns the Atomic beans on.
 *
 * <pre>{@code
 * jwt-signer:
 *   atomic:
 *     private-key: file:/etc/secrets/jwtRS512.key
 *     algorithm: RS512
 *     issuer: my-backend
 *     allowed-issuers: [my-backend]
 * }</pre>
 *
 * @param privateKey the PEM file of the private key (file: or classpath:); its public key is the one
 *     registered with the API key
 * @param privateKeyPem the private key as PEM text (from an environment variable or secret store), instead of a file
 * @param passphrase the passphrase of an encrypted private key
 * @param keyId the kid written into every token's header (needed when the API key holds a JWKS)
 * @param algorithm RS256, RS512 or ES512; default: RS256 for an RSA key, ES512 for a P-521 key
 * @param issuer the iss claim; required by the API key when it lists allowed issuers
 * @param maxTokenExpiry the API key's "max token expiry"
 * @param allowedIssuers the API key's allowed issuers; empty when the console lists none
 * @param userIdClaims the claims the platform reads the user ID from, in order; empty for the SDK's order
 * @param claimMappings profile field (external_id, name, email, phone, city, country, region) to the claim the API
 *     key maps it from
 * @param tokenLifetime how long a minted token lives
 * @param reloadInterval how often the private-key file is checked for a new version; unset: read once
 * @param cache the token cache
 * @param jwks the JWKS endpoint, for an API key of type JWKS
 */
@ConfigurationProperties("jwt-signer.atomic")
public record AtomicProperties(
    Resource privateKey,
    String privateKeyPem,
    String passphrase,
    String keyId,
    String algorithm,
    String issuer,
    @DefaultValue("7d") Duration maxTokenExpiry,
    @DefaultValue List<String> allowedIssuers,
    @DefaultValue List<String> userIdClaims,
    @DefaultValue Map<String, String> claimMappings,
    @DefaultValue("1h") Duration tokenLifetime,
    Duration reloadInterval,
    @DefaultValue Cache cache,
    @DefaultValue Jwks jwks) {

  /**
   * The token cache: one token per user, kept until it nears expiry.
   *
   * @param maximumSize how many users' tokens are kept
   * @param refreshMargin how long before the SDK's expiry interval a cached token is replaced
   */
  public record Cache(@DefaultValue("10000") int maximumSize, @DefaultValue("5m") Duration refreshMargin) {}

  /**
   * The JWKS endpoint: the public keys, for an API key of type JWKS.
   *
   * @param enabled whether the endpoint is served
   * @param path where it is served
   * @param maxAge how long the platform may cache the key set (Cache-Control max-age)
   */
  public record Jwks(@DefaultValue("false") boolean enabled, @DefaultValue("/.well-known/jwks.json") String path,
      @DefaultValue("5m") Duration maxAge) {}

  @Override
  public String toString() {
    return "AtomicProperties[privateKey=" + privateKey + ", privateKeyPem=" + (privateKeyPem == null ? "unset" : "(set)")
        + ", passphrase=" + (passphrase == null ? "unset" : "(set)") + ", keyId=" + keyId + ", algorithm=" + algorithm + "]";
  }
}
