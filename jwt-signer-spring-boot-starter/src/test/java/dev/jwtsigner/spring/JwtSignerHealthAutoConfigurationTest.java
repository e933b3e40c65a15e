package dev.jwtsigner.spring;

import static dev.jwtsigner.spring.StarterFixtures.RSA;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class JwtSignerHealthAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
      AtomicAutoConfiguration.class, AptoAutoConfiguration.class, JwtSignerHealthAutoConfiguration.class));

  @Test
  void addsAnIndicatorPerKeySource() {
    runner.withPropertyValues("jwt-signer.atomic.private-key-pem=" + RSA.privateKeyPem(), "jwt-signer.atomic.algorithm=RS512",
        "jwt-signer.apto.private-key-pem=" + RSA.privateKeyPem()).run(context -> {
          HealthIndicator atomic = context.getBean("atomicKeySourceHealthIndicator", HealthIndicator.class);
          assertThat(atomic.health().getStatus()).isEqualTo(Status.UP);
          assertThat(atomic.health().getDetails()).containsEntry("algorithm", "RS512");
          assertThat(context.getBean("aptoKeySourceHealthIndicator", HealthIndicator.class).health().getDetails())
              .containsEntry("algorithm", "RS256");
        });
  }

  @Test
  void addsNoneWithoutKeySourcesOrWithoutTheHealthModule() {
    runner.run(context -> assertThat(context).doesNotHaveBean(HealthIndicator.class));
    runner.withPropertyValues("jwt-signer.atomic.private-key-pem=" + RSA.privateKeyPem())
        .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("atomicKeySourceHealthIndicator"));
  }

  @Test
  void backsOffForTheApplicationsOwnIndicator() {
    HealthIndicator own = () -> org.springframework.boot.health.contributor.Health.unknown().build();
    runner.withPropertyValues("jwt-signer.atomic.private-key-pem=" + RSA.privateKeyPem())
        .withBean("atomicKeySourceHealthIndicator", HealthIndicator.class, () -> own)
        .run(context -> assertThat(context.getBean("atomicKeySourceHealthIndicator")).isSameAs(own));
  }
}
