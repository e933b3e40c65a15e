package dev.jwtsigner.spring;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.ReloadingKeySource;
import dev.jwtsigner.keys.RotatingKeySource;
import dev.jwtsigner.keys.SigningKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The state of one key source: UP with the signing key's kid, algorithm and type; DOWN when a reloaded key
 * file was refused and the last good key is kept (it still signs), with the library's reason and message.
 * Details never hold key material.
 */
final class KeySourceHealthIndicator implements HealthIndicator {

  private final KeySource source;
  private final JwsAlgorithm algorithm;

  /** {@code algorithm} is the configured one, or null for the key's default. */
  KeySourceHealthIndicator(KeySource source, JwsAlgorithm algorithm) {
    this.source = source;
    this.algorithm = algorithm;
  }

  @Override
  public Health health() {
    SigningKey key = source.signingKey();
    Optional<KeyRejectedException> refused = source instanceof ReloadingKeySource r ? r.lastError() : Optional.empty();
    Health.Builder health = refused.isPresent() ? Health.down() : Health.up();
    health.withDetail("kid", key.keyId().orElse("(none)"))
        .withDetail("algorithm", (algorithm == null ? key.defaultAlgorithm() : algorithm).name())
        .withDetail("key", key.privateKey().getAlgorithm() + (key.provider().isPresent() ? " in " + key.provider().get().getName() : ""));
    if (source instanceof ReloadingKeySource r) {
      health.withDetail("file", r.file().toString());
    }
    if (source instanceof RotatingKeySource rotating) {
      Map<String, String> states = new LinkedHashMap<>();
      rotating.keyIds().forEach(kid -> states.put(kid, rotating.state(kid).name()));
      health.withDetail("keys", states);
    }
    refused.ifPresent(e -> health.withDetail("reason", e.reason().name()).withDetail("error", e.getMessage())
        .withDetail("lastGoodKeyKept", true));
    return health.build();
  }
}
