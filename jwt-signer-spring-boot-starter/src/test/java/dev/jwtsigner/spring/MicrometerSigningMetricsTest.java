package dev.jwtsigner.spring;

import static dev.jwtsigner.spring.StarterFixtures.RSA;
import static dev.jwtsigner.spring.StarterFixtures.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.TokenRejectedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MicrometerSigningMetricsTest {

  @TempDir
  static Path dir;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(JwtSignerMetricsAutoConfiguration.class, AtomicAutoConfiguration.class, AptoAutoConfiguration.class))
      .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
      .withPropertyValues("jwt-signer.atomic.private-key=" + file(dir, "k.pem", RSA.privateKeyPem()),
          "jwt-signer.apto.private-key=" + file(dir, "a.pem", RSA.privateKeyPem()));

  @Test
  void countsSignedTokensCacheHitsAndRefusalsPerRule() {
    runner.run(context -> {
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      AtomicTokens tokens = context.getBean(AtomicTokens.class);
      tokens.tokenFor("u1");
      tokens.tokenFor("u1");
      tokens.tokenFor("u2");
      tokens.tokenFor("u1");
      assertThatThrownBy(() -> tokens.tokenFor(" ")).isInstanceOf(TokenRejectedException.class);
      context.getBean(SignedPayloads.class).sign("{\"a\":1}");
      assertThatThrownBy(() -> context.getBean(SignedPayloads.class).sign("[1]")).isInstanceOf(dev.jwtsigner.JwtSignerException.class);

      assertThat(registry.get(MicrometerSigningMetrics.SIGNED).tag("platform", "atomic").counter().count()).isEqualTo(2);
      assertThat(registry.get(MicrometerSigningMetrics.SIGNED).tag("platform", "apto").counter().count()).isEqualTo(1);
      assertThat(registry.get(MicrometerSigningMetrics.SIGNING).tag("platform", "atomic").timer().count()).isEqualTo(2);
      assertThat(registry.get(MicrometerSigningMetrics.CACHE_REQUESTS).tag("result", "hit").counter().count()).isEqualTo(2);
      assertThat(registry.get(MicrometerSigningMetrics.CACHE_REQUESTS).tag("result", "miss").counter().count()).isEqualTo(3);
      assertThat(registry.get(MicrometerSigningMetrics.CACHE_HIT_RATIO).gauge().value()).isEqualTo(0.4);
      assertThat(registry.get(MicrometerSigningMetrics.CACHE_SIZE).gauge().value()).isEqualTo(2);
      assertThat(registry.get(MicrometerSigningMetrics.REFUSED).tags("platform", "atomic", "rule", "USER_ID_MISSING").counter().count()).isEqualTo(1);
      assertThat(registry.get(MicrometerSigningMetrics.REFUSED).tags("platform", "apto", "rule", "NOT_A_JSON_OBJECT").counter().count()).isEqualTo(1);
    });
  }

  @Test
  void tagsOnlyWithLowCardinalityValues() {
    runner.run(context -> {
      context.getBean(AtomicTokens.class).tokenFor("user-with-a-unique-id-4711");
      Set<String> values = new HashSet<>();
      context.getBean(MeterRegistry.class).getMeters().forEach(m -> m.getId().getTags().stream().map(Tag::getValue).forEach(values::add));
      assertThat(values).isSubsetOf("atomic", "apto", "hit", "miss");
    });
  }
}
