package dev.jwtsigner.examples.atomic;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.atomic.AtomicPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code atomic.*} settings in {@code application.yml}.
 *
 * <pre>{@code
 * atomic:
 *   private-key: jwtRS512.key
 *   algorithm: RS512
 *   issuer: my-backend
 *   token-lifetime: 1h
 *   policy:
 *     max-token-expiry: 7d
 *     allowed-issuers: [my-backend]
 * }</pre>
 *
 * @param privateKey the PEM file of the private key whose public key is registered with the API key
 * @param algorithm RS256, RS512 (the vendor guide's choice) or ES512
 * @param issuer the {@code iss} claim; leave it out when the API key lists no allowed issuers
 * @param tokenLifetime how long a minted token lives
 * @param policy the API key's settings, as configured in the vendor's console
 */
@ConfigurationProperties("atomic")
public record AtomicTokenProperties(
    Path privateKey,
    @DefaultValue("RS512") JwsAlgorithm algorithm,
    String issuer,
    @DefaultValue("1h") Duration tokenLifetime,
    @DefaultValue Policy policy) {

  /**
   * The API key's settings.
   *
   * @param maxTokenExpiry the API key's "max token expiry"
   * @param allowedIssuers the API key's allowed issuers; empty when the console lists none
   */
  public record Policy(@DefaultValue("7d") Duration maxTokenExpiry, @DefaultValue List<String> allowedIssuers) {

    /** The library's policy object for these settings. */
    AtomicPolicy toAtomicPolicy() {
      return AtomicPolicy.builder()
          .maxTokenExpiry(maxTokenExpiry)
          .allowedIssuers(allowedIssuers.toArray(String[]::new))
          .build();
    }
  }
}
