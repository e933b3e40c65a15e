package dev.jwtsigner.spring;

import static dev.jwtsigner.spring.StarterFixtures.RSA;
import static dev.jwtsigner.spring.StarterFixtures.analysis;
import static dev.jwtsigner.spring.StarterFixtures.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.atomic.AtomicTokenCache;
import dev.jwtsigner.keys.JwksPublisher;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.ReloadingKeySource;
import dev.jwtsigner.testkit.AtomicPlatformVerifier;
import dev.jwtsigner.testkit.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class AtomicAutoConfigurationTest {

  @TempDir
  static Path dir;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AtomicAutoConfiguration.class));

  private String keyFile() {
    return file(dir, "atomic.pem", RSA.privateKeyPem());
  }

  @Test
  void backsOffWithoutAKey() {
    runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AtomicTokenBuilder.class)
        .doesNotHaveBean(KeySource.class).doesNotHaveBean(AtomicTokens.class));
  }

  @Test
  void mintsTokensThatTheTestKitAcceptsUnderEverySetting() {
    runner.withPropertyValues("jwt-signer.atomic.private-key=" + keyFile(), "jwt-signer.atomic.key-id=key_1",
        "jwt-signer.atomic.algorithm=RS512", "jwt-signer.atomic.issuer=my-backend",
        "jwt-signer.atomic.allowed-issuers=my-backend,other", "jwt-signer.atomic.max-token-expiry=2d",
        "jwt-signer.atomic.user-id-claims=atomic_sub,sub", "jwt-signer.atomic.claim-mappings.email=user_email",
        "jwt-signer.atomic.token-lifetime=3h").run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(AtomicTokenCache.class).hasSingleBean(AtomicTokens.class);
          AtomicPolicy policy = context.getBean(AtomicPolicy.class);
          assertThat(policy.maxTokenExpiry()).isEqualTo(Duration.ofDays(2));
          assertThat(policy.userIdClaims()).containsExactly("atomic_sub", "sub");
          assertThat(policy.claimName("email")).isEqualTo("user_email");
          String token = context.getBean(AtomicTokens.class).tokenFor("u1", b -> b.email("jane@example.com"));

          Verdict verdict = AtomicPlatformVerifier.create(policy).trust(RSA.publicKey()).verify(token);
          assertThat(verdict.violations()).isEmpty();
          assertThat(verdict.header()).containsEntry("alg", "RS512").containsEntry("kid", "key_1");
          assertThat(verdict.claims()).containsEntry("iss", "my-backend").containsKey("user_email");
          long lifetime = ((Number) verdict.claims().get("exp")).longValue() - ((Number) verdict.claims().get("iat")).longValue();
          assertThat(lifetime).isEqualTo(Duration.ofHours(3).toSeconds());
          assertThat(context.getBean(AtomicTokens.class).tokenFor("u1")).as("cached").isEqualTo(token);
        });
  }

  @Test
  void readsTheKeyFromPemText() {
    runner.withPropertyValues("jwt-signer.atomic.private-key-pem=" + RSA.privateKeyPem().replace("\n", "\\n")).run(context -> {
      assertThat(context).hasNotFailed();
      String token = context.getBean(AtomicTokenBuilder.class).subject("u1").sign();
      assertThat(AtomicPlatformVerifier.create(AtomicPolicy.defaults()).trust(RSA.publicKey()).verify(token).accepted()).isTrue();
    });
  }

  @Test
  void reloadsTheKeyFileWhenAReloadIntervalIsSet() {
    runner.withPropertyValues("jwt-signer.atomic.private-key=" + keyFile(), "jwt-signer.atomic.reload-interval=30s",
        "jwt-signer.atomic.key-id=key_1").run(context -> {
          KeySource keys = context.getBean("atomicKeySource", KeySource.class);
          assertThat(keys).isInstanceOf(ReloadingKeySource.class);
          assertThat(keys.signingKey().keyId()).contains("key_1");
        });
  }

  @Test
  void takesTheApplicationsOwnKeySourceWithoutAnyProperty() {
    runner.withBean("atomicKeySource", KeySource.class, () -> RSA.keySource("own")).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(AtomicTokenBuilder.class);
      assertThat(context.getBean(AtomicTokenBuilder.class).subject("u1").sign()).isNotBlank();
    });
  }

  static Stream<Arguments> overridableBeans() {
    AtomicTokenBuilder own = AtomicTokenBuilder.create(RSA.keySource());
    return Stream.of(
        Arguments.of(AtomicPolicy.class, (Supplier<?>) AtomicPolicy::defaults),
        Arguments.of(AtomicTokenBuilder.class, (Supplier<?>) () -> own),
        Arguments.of(AtomicTokenCache.class, (Supplier<?>) () -> AtomicTokenCache.create(own)),
        Arguments.of(AtomicTokens.class, (Supplier<?>) () -> new AtomicTokens(AtomicTokenCache.create(own), SigningMetrics.NONE)));
  }

  @ParameterizedTest
  @MethodSource("overridableBeans")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void backsOffForTheApplicationsOwnBean(Class type, Supplier supplier) {
    Object own = supplier.get();
    runner.withPropertyValues("jwt-signer.atomic.private-key=" + keyFile()).withBean("mine", type, () -> own)
        .run(context -> assertThat(context.getBean(type)).isSameAs(own));
  }

  @Test
  void publishesTheJwksOnlyWhenEnabled() {
    runner.withPropertyValues("jwt-signer.atomic.private-key=" + keyFile(), "jwt-signer.atomic.key-id=key_1")
        .run(context -> assertThat(context).doesNotHaveBean(JwksPublisher.class));
    runner.withPropertyValues("jwt-signer.atomic.private-key=" + keyFile(), "jwt-signer.atomic.key-id=key_1",
        "jwt-signer.atomic.algorithm=RS512", "jwt-signer.atomic.jwks.enabled=true").run(context -> {
          assertThat(context.getBean(JwksPublisher.class).document().json()).contains("\"kid\":\"key_1\"", "\"alg\":\"RS512\"");
        });
  }
}
