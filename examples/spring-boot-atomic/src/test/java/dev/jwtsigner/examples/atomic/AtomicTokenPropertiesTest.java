package dev.jwtsigner.examples.atomic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.atomic.AtomicPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class AtomicTokenPropertiesTest {

  @Test
  void bindsEverySetting() {
    AtomicTokenProperties properties = bind(Map.of(
        "atomic.private-key", "keys/jwtRS512.key",
        "atomic.algorithm", "ES512",
        "atomic.issuer", "my-backend",
        "atomic.token-lifetime", "30m",
        "atomic.policy.max-token-expiry", "2d",
        "atomic.policy.allowed-issuers[0]", "my-backend",
        "atomic.policy.allowed-issuers[1]", "my-other-backend"));

    assertThat(properties.privateKey()).isEqualTo(Path.of("keys/jwtRS512.key"));
    assertThat(properties.algorithm()).isEqualTo(JwsAlgorithm.ES512);
    assertThat(properties.issuer()).isEqualTo("my-backend");
    assertThat(properties.tokenLifetime()).isEqualTo(Duration.ofMinutes(30));
    assertThat(properties.policy().toAtomicPolicy()).isEqualTo(AtomicPolicy.builder()
        .maxTokenExpiry(Duration.ofDays(2)).allowedIssuers("my-backend", "my-other-backend").build());
  }

  @Test
  void defaultsToTheVendorGuidesAlgorithmAnHourAndThePlatformsPolicy() {
    AtomicTokenProperties properties = bind(Map.of("atomic.private-key", "jwtRS512.key"));

    assertThat(properties.algorithm()).isEqualTo(JwsAlgorithm.RS512);
    assertThat(properties.issuer()).isNull();
    assertThat(properties.tokenLifetime()).isEqualTo(Duration.ofHours(1));
    assertThat(properties.policy().toAtomicPolicy()).isEqualTo(AtomicPolicy.defaults());
  }

  private static AtomicTokenProperties bind(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("atomic", AtomicTokenProperties.class);
  }
}
